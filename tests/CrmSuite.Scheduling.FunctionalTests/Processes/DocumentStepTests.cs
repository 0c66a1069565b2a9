extern alias documents;

using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;
using BuiltInTemplates = documents::CrmSuite.Documents.Api.Templates.BuiltInTemplates;
using ClientsContracts = CrmSuite.Clients.Contracts;
using DocumentsContracts = CrmSuite.Documents.Contracts;
using DocumentsMigrator = documents::CrmSuite.Documents.Api.Infrastructure.DocumentsMigrator;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// The scheduling fixture with the real documents service beside it (in-process, its own database
/// migrated with the built-in templates and the demo organisation), which reads companies and deals
/// from the fixture's real clients service with the caller's token and checks the service
/// account's token with identity's stand-in, as the clients service does. The engine runs in a
/// scheduling host with the account's secret and the documents service's address.
/// </summary>
public sealed class SchedulingWithDocuments : IAsyncLifetime
{
    private WebApplicationFactory<documents::Program>? _documents;
    private GrpcChannel? _channel;

    public SchedulingApi Scheduling { get; } = new();

    /// <summary>The scheduling host whose engine runs the steps (the account's secret set, the documents service at hand).</summary>
    public WebApplicationFactory<Program> Engine { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Scheduling.InitializeAsync();
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("documents");
        Assert.Equal(0, await DocumentsMigrator.RunAsync(["migrate", "--seed-demo", $"--ConnectionStrings:documentsdb={database}"]));
        var clients = Scheduling.ClientsServer;
        _documents = new WebApplicationFactory<documents::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:documentsdb", database);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("Clients:GrpcAddress", clients.BaseAddress.ToString());
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.UseSetting("Logging:LogLevel:Polly", "Warning");
            host.UseSetting("Documents:RecordAccess:CallTimeout", "00:00:30");
            host.ConfigureTestServices(services =>
            {
                services.TrustTestTokens();
                services.AddHttpClient(CrmAuthenticationExtensions.BackchannelClientName).ConfigurePrimaryHttpMessageHandler(Scheduling.Identity.Handler);
                services.AddGrpcClient<ClientsContracts.Companies.CompaniesClient>(g => g.Address = clients.BaseAddress).ConfigurePrimaryHttpMessageHandler(clients.CreateHandler);
                services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(g => g.Address = clients.BaseAddress).ConfigurePrimaryHttpMessageHandler(clients.CreateHandler);
                services.AddGrpcClient<ClientsContracts.DealLines.DealLinesClient>(g => g.Address = clients.BaseAddress).ConfigurePrimaryHttpMessageHandler(clients.CreateHandler);
                services.AddGrpcClient<ClientsContracts.Leads.LeadsClient>(g => g.Address = clients.BaseAddress).ConfigurePrimaryHttpMessageHandler(clients.CreateHandler);
            });
        });
        var server = _documents.Server;
        _channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        Engine = Scheduling.StartWith(services =>
        {
            services.AddGrpcClient<DocumentsContracts.Documents.DocumentsClient>(g => g.Address = server.BaseAddress).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
            services.AddGrpcClient<DocumentsContracts.Templates.TemplatesClient>(g => g.Address = server.BaseAddress).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
            services.AddGrpcClient<DocumentsContracts.Organisations.OrganisationsClient>(g => g.Address = server.BaseAddress).ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        }, ("Scheduling:ServiceAccount:Secret", IdentityStandIn.Secret), ("Documents:GrpcAddress", server.BaseAddress.ToString()));
    }

    /// <summary>The documents service as <paramref name="user"/> sees it.</summary>
    public DocumentsContracts.Documents.DocumentsClient DocumentsAs(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(1));
        return new(_channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }
        _channel?.Dispose();
        if (_documents is not null)
        {
            await _documents.DisposeAsync();
        }
        await Scheduling.DisposeAsync();
    }
}

/// <summary>The "create a document" service task against the real documents service, as the business processes' account.</summary>
public sealed class DocumentStepTests(SchedulingWithDocuments fixture) : IClassFixture<SchedulingWithDocuments>
{
    private readonly ProcessTestKit _kit = new(fixture.Scheduling);

    /// <summary>Anna with the documents' permissions, as her role gives them.</summary>
    private static readonly TestUser Anna = People.Anna with { Granted = [.. People.Anna.Granted, Permissions.DocumentsRead, Permissions.DocumentsWrite] };

    [Fact]
    public async Task A_process_for_a_deal_makes_one_draft_invoice_from_the_built_in_template_for_the_deals_company_and_its_log_names_it()
    {
        var (companyId, _, dealId) = await fixture.Scheduling.ClientAsync(People.Anna);
        var company = await new ClientsContracts.Companies.CompaniesClient(fixture.Scheduling.ClientsInvoker(People.Anna))
            .GetCompanyAsync(new ClientsContracts.GetCompanyRequest { Id = companyId }, cancellationToken: Ct);
        var instance = await StartForDealAsync(await PublishAsync(BuiltInTemplates.InvoiceRu.ToString()), dealId);

        await RunAsync();
        await RunAsync();

        var documents = await fixture.DocumentsAs(Anna).ListDocumentsAsync(new DocumentsContracts.ListDocumentsRequest { DealId = dealId }, cancellationToken: Ct);
        var document = Assert.Single(documents.Documents);
        Assert.Equal(("invoice", "draft", BuiltInTemplates.InvoiceRu.ToString()), (document.Type, document.State, document.TemplateId));
        Assert.Equal((companyId, company.Name), (document.CompanyId, document.CompanyName));
        // A deal without product lines: one line for the deal, at its amount.
        Assert.Equal(("Сделка " + company.Name, "1000.00"), (Assert.Single(document.Lines).Name, Assert.Single(document.Lines).Price));
        var detail = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, detail.Instance.State);
        var line = Assert.Single(detail.Log, l => l.ElementId == "document");
        Assert.False(line.Error, line.Text);
        Assert.Contains("«Счёт на оплату»", line.Text, StringComparison.Ordinal);
        Assert.Contains(company.Name, line.Text, StringComparison.Ordinal);
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "document"));
    }

    [Fact]
    public async Task A_step_naming_a_template_the_documents_service_does_not_have_fails_saying_so_and_makes_no_document()
    {
        var (_, _, dealId) = await fixture.Scheduling.ClientAsync(People.Anna);
        var missing = Guid.NewGuid().ToString();
        var instance = await StartForDealAsync(await PublishAsync(missing), dealId);

        await RunAsync();

        var failed = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        var line = Assert.Single(failed.Log, l => l.ElementId == "document" && l.Error);
        Assert.Contains(missing, line.Text, StringComparison.Ordinal);
        Assert.Contains("crm:documentTemplateId", line.Text, StringComparison.Ordinal);
        Assert.Empty((await fixture.DocumentsAs(Anna).ListDocumentsAsync(new DocumentsContracts.ListDocumentsRequest { DealId = dealId }, cancellationToken: Ct)).Documents);
    }

    private Task<string> PublishAsync(string templateId) => _kit.PublishAsync(new Drawing("Счёт по сделке").Start()
        .Node(new ServiceTask
        {
            Id = "document", Name = "Выставить счёт", Action = ServiceAction.CreateDocument,
            Settings = new Dictionary<string, string> { [CrmBpmn.DocumentTemplateId] = templateId },
        })
        .End().Flow("start", "document").Flow("document", "end"), "Счёт по сделке");

    private async Task<ProcessInstance> StartForDealAsync(string processId, string dealId) =>
        await _kit.As(People.Anna).StartProcessAsync(new StartProcessRequest { Id = processId, Record = new ProcessRecord { DealId = dealId } }, cancellationToken: Ct);

    private Task<int> RunAsync() => fixture.Engine.Services.GetRequiredService<ProcessEngine>().RunDueAsync(Ct);
}
