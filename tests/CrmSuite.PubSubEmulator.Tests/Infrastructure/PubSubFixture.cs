using System.Text.Json;
using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

[assembly: AssemblyFixture(typeof(CrmSuite.PubSubEmulator.Tests.Infrastructure.PubSubFixture))]

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

/// <summary>An order as a publishing service would send it.</summary>
public sealed record OrderPlaced(Guid OrderId, string Customer, decimal Total);

/// <summary>
/// One emulator and two subscriber apps for the whole assembly. Each topic stands for one way a
/// subscriber can answer; each test publishes its own event and looks for it by its marker.
/// </summary>
public sealed class PubSubFixture : IAsyncLifetime
{
    public SubscriberApp Billing { get; private set; } = null!;

    public SubscriberApp Audit { get; private set; } = null!;

    public EmulatorHost Emulator { get; private set; } = null!;

    public DaprClient Publisher { get; private set; } = null!;

    public HttpClient HttpApi { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Billing = await SubscriberApp.StartAsync("billing", MapBilling, cancellationToken);
        Audit = await SubscriberApp.StartAsync("audit", MapAudit, cancellationToken);
        Emulator = EmulatorHost.Start(new Dictionary<string, Uri>
        {
            [Billing.AppId] = Billing.BaseUri,
            [Audit.AppId] = Audit.BaseUri,
        });
        Publisher = Emulator.CreateDaprClient();
        HttpApi = Emulator.CreateHttpApiClient();
    }

    private static void MapBilling(SubscriberApp billing, WebApplication app)
    {
        // Exactly the production shape: a typed handler behind UseCloudEvents and WithTopic.
        app.MapPost("/orders", (OrderPlaced order, HttpContext http) =>
        {
            billing.Record(http, JsonSerializer.Serialize(order, JsonSerializerOptions.Web));
            return Results.Json(new { status = "SUCCESS" });
        }).WithTopic(SubscriberApp.PubSub, "orders");

        billing.MapTopic(app, "/orders-retry", "orders-retry", () => Results.Json(new { status = "RETRY" }));
        billing.MapTopic(app, "/orders-poison", "orders-poison", () => Results.Json(new { status = "DROP" }), deadLetterTopic: "orders-dead");
        billing.MapTopic(app, "/orders-dead", "orders-dead", () => Results.Json(new { status = "SUCCESS" }));
        billing.MapTopic(app, "/orders-unwanted", "orders-unwanted", () => Results.Json(new { status = "DROP" }));
        billing.MapTopic(app, "/orders-gone", "orders-gone", () => Results.NotFound());
        billing.MapTopic(app, "/orders-broken", "orders-broken", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        billing.MapTopic(app, "/notes", "notes", () => Results.Ok());
        billing.MapTopic(app, "/shared", "shared", () => Results.Ok());
        billing.MapTopic(app, "/shared-failing", "shared-failing", () => Results.Ok());

        // Content-based routing: the rule wins over the default route when it matches.
        billing.MapTopic(app, "/invoices/paid", new TopicOptions
        {
            PubsubName = SubscriberApp.PubSub, Name = "invoices", Match = "event.type == \"crm.invoice.paid\"", Priority = 1,
        }, () => Results.Ok());
        billing.MapTopic(app, "/invoices/other", "invoices", () => Results.Ok());

        billing.MapTopic(app, "/raw-orders", new TopicOptions
        {
            PubsubName = SubscriberApp.PubSub, Name = "raw-orders", EnableRawPayload = true,
        }, () => Results.Ok());
    }

    private static void MapAudit(SubscriberApp audit, WebApplication app)
    {
        audit.MapTopic(app, "/shared", "shared", () => Results.Json(new { status = "SUCCESS" }));
        audit.MapTopic(app, "/shared-failing", "shared-failing", () => Results.Problem(statusCode: StatusCodes.Status500InternalServerError));
    }

    public async ValueTask DisposeAsync()
    {
        HttpApi?.Dispose();
        Publisher?.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
        if (Billing is not null)
        {
            await Billing.DisposeAsync();
        }
        if (Audit is not null)
        {
            await Audit.DisposeAsync();
        }
    }
}
