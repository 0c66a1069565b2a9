using System.Globalization;
using System.Runtime.CompilerServices;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Testing;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using Contracts = CrmSuite.Kpi.Contracts;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// What the results, period and bonus sheet tests build on: people told by identity, a team's scheme
/// stored as the scheme service stores it, deals won and calls logged as the producers publish them,
/// and a KpiResults client with a person's token. Each test makes its own team and people.
/// </summary>
public static class ResultsSetup
{
    /// <summary>Deals won, amount: plan 1 000 000, weight 60, counts 0 below 50 %, at most 150 %.</summary>
    public static readonly SchemeMeasure WonAmount = new("deals_won_amount", 1_000_000m, 60m, MinimumPercent: 50m, CapPercent: 150m);

    /// <summary>Calls: plan 10, weight 40.</summary>
    public static readonly SchemeMeasure Calls = new("calls_made", 10m, 40m);

    public const decimal BaseSalary = 50_000m;

    private static readonly ConditionalWeakTable<KpiApi, GrpcChannel> Channels = [];

    public static SchemeDraft Draft(string teamId, decimal callsPlan = 10m) =>
        new("Продажи " + teamId, new SchemeTarget(SchemeTargetKind.Team, teamId), PeriodKind.Month, [WonAmount, Calls with { Plan = callsPlan }],
            "base_salary * total_ach / 1000", BaseSalary);

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Stores a scheme's first version, or the next one of <paramref name="previous"/>, as the scheme service does.</summary>
    public static async Task<KpiScheme> SaveSchemeAsync(this KpiApi api, SchemeDraft draft, KpiScheme? previous = null)
    {
        var at = DateTimeOffset.UtcNow;
        var saved = previous is null ? KpiScheme.Create(Guid.NewGuid(), draft, "Директор", at) : previous.Revise(draft, "Директор", at);
        Assert.Empty(saved.Problems);
        await using var scope = api.Scope();
        scope.ServiceProvider.GetRequiredService<SchemeStore>().Append(saved.Scheme!.Current);
        await scope.ServiceProvider.GetRequiredService<KpiDbContext>().SaveChangesAsync(Ct);
        return saved.Scheme;
    }

    public static async Task PersonAsync(this KpiApi api, string userId, string name, string[] roles, string teamId, string teamName)
    {
        var (route, data) = PersonChanged(userId, name, roles, [(teamId, teamName)], March2.AddMonths(-6));
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
    }

    public static async Task WonAsync(this KpiApi api, string userId, string teamId, decimal amount, DateTimeOffset at, Guid? pipeline = null)
    {
        var (route, data) = DealClosed(true, Guid.NewGuid(), userId, teamId, amount, pipeline ?? Guid.NewGuid(), at.AddDays(-10), at);
        Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
    }

    public static async Task CallsAsync(this KpiApi api, string userId, int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            var (route, data) = CallLogged(userId, at.AddMinutes(10 * i), TimeSpan.FromMinutes(5));
            Assert.Equal("SUCCESS", await api.DeliverAsync(route, Guid.NewGuid().ToString(), data));
        }
    }

    /// <summary>The KpiResults service over the test server's gRPC, called with the person's token.</summary>
    public static Contracts.KpiResults.KpiResultsClient Results(this KpiApi api, TestUser user)
    {
        var channel = Channels.GetValue(api, a =>
        {
            using var scope = a.Scope();
            var server = (TestServer)scope.ServiceProvider.GetRequiredService<IServer>();
            return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        });
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        return new Contracts.KpiResults.KpiResultsClient(channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        }));
    }

    public static TestUser Manager(string userId, string name, string teamId) =>
        new(userId, name, ClientVisibility.Own, [Permissions.KpiRead], [teamId], []);

    public static TestUser Head(string teamId) => new(NewId("head"), "Руководитель", ClientVisibility.Team, [Permissions.KpiRead], [teamId], [teamId]);

    /// <summary>An accountant as identity makes one: kpi.read and kpi.bonus (client visibility narrowed to own here, to show kpi.bonus is what opens everyone's results).</summary>
    public static TestUser Accountant { get; } = new("accountant-1", "Бухгалтер", ClientVisibility.Own, [Permissions.KpiRead, Permissions.KpiBonus], [], []);

    public static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static Contracts.PersonResult Of(this IEnumerable<Contracts.PersonResult> results, string userId) => Assert.Single(results, r => r.UserId == userId);

    public static Contracts.MeasureResult Measure(this Contracts.PersonResult result, string code) => Assert.Single(result.Measures, m => m.MeasureCode == code);
}
