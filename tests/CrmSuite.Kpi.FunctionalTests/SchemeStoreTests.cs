using CrmSuite.Kpi.Api.Schemes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>Scheme versions are kept whole on the real database, and two saves of the same version cannot both land.</summary>
public sealed class SchemeStoreTests(KpiApi api) : IClassFixture<KpiApi>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static SchemeDraft Draft(decimal plan) => new("Менеджеры продаж", new SchemeTarget(SchemeTargetKind.Role, "SalesManager"), PeriodKind.Month,
        [new SchemeMeasure("deals_won_count", plan, 60m), new SchemeMeasure("calls_made", 100m, 40m, MinimumPercent: 50m, CapPercent: 150m)],
        "base_salary * total_ach / 100", BaseSalary: 50_000m);

    [Fact]
    public async Task A_saved_scheme_reads_back_with_every_version_and_the_current_one_is_listed()
    {
        var id = Guid.NewGuid();
        var first = KpiScheme.Create(id, Draft(10m), "Директор", At).Scheme!;
        var second = first.Revise(Draft(12m), "Директор", At.AddDays(1)).Scheme!;
        await using (var scope = api.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<SchemeStore>();
            store.Append(first.Current);
            store.Append(second.Current);
            await scope.ServiceProvider.GetRequiredService<Api.Infrastructure.KpiDbContext>().SaveChangesAsync(Ct);
        }

        await using var read = api.Scope();
        var readStore = read.ServiceProvider.GetRequiredService<SchemeStore>();
        var found = await readStore.FindAsync(id, Ct);
        Assert.NotNull(found);
        Assert.Equal([1, 2], found.Versions.Select(v => v.Version));
        Assert.Equal(second.Current with { Measures = found.Current.Measures }, found.Current);
        Assert.Equal(second.Current.Measures, found.Current.Measures);
        Assert.Equal(10m, found.Version(1)!.Measures[0].Plan);
        var current = Assert.Single(await readStore.CurrentAsync(Ct), v => v.SchemeId == id);
        Assert.Equal((2, 50_000m), (current.Version, current.BaseSalary));
    }

    [Fact]
    public async Task Two_saves_of_the_same_version_cannot_both_land()
    {
        var id = Guid.NewGuid();
        var scheme = KpiScheme.Create(id, Draft(10m), "Директор", At).Scheme!;
        await using (var scope = api.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchemeStore>().Append(scheme.Current);
            await scope.ServiceProvider.GetRequiredService<Api.Infrastructure.KpiDbContext>().SaveChangesAsync(Ct);
        }
        var mine = scheme.Revise(Draft(11m), "Анна", At.AddHours(1)).Scheme!;
        var theirs = scheme.Revise(Draft(13m), "Борис", At.AddHours(1)).Scheme!;
        await using (var scope = api.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchemeStore>().Append(mine.Current);
            await scope.ServiceProvider.GetRequiredService<Api.Infrastructure.KpiDbContext>().SaveChangesAsync(Ct);
        }
        await using (var scope = api.Scope())
        {
            scope.ServiceProvider.GetRequiredService<SchemeStore>().Append(theirs.Current);
            await Assert.ThrowsAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<Api.Infrastructure.KpiDbContext>().SaveChangesAsync(Ct));
        }
        Assert.Equal(1, await api.ScalarAsync($"SELECT count(*) FROM scheme_versions WHERE scheme_id = '{id}' AND version = 2 AND created_by = 'Анна'"));
    }
}
