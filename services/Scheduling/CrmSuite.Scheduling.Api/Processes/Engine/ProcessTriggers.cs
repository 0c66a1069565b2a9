using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// Integration events that start processes, through the inbox (once per CloudEvent id; and once
/// per process and trigger key, so the same lead or the same move never starts a process twice):
/// every published, not archived process with a matching start event gets an instance, in the
/// inbox's transaction with its first token, log line and audit event.
/// </summary>
public static class ProcessTriggers
{
    public static WebApplication MapProcessTriggers(this WebApplication app)
    {
        app.MapInboxTopic<SchedulingDbContext, LeadCaptured>(LeadCaptured.Topic, "/events/processes/lead-captured", (e, db, services, ct) =>
            StartAsync(db, services, s => s.Trigger == TriggerKind.LeadCreated,
                new InstanceStart("lead.created", $"lead:{e.LeadId}", null, null, e.LeadId, string.Empty, e.OwnerUserId, e.TeamId,
                    new Dictionary<string, string> { ["source"] = e.Source, ["region"] = e.Region ?? string.Empty }, null, string.Empty), ct));
        app.MapInboxTopic<SchedulingDbContext, DealStageChanged>(DealStageChanged.Topic, "/events/processes/deal-stage-changed", (e, db, services, ct) =>
            StartAsync(db, services, s => s.Trigger == TriggerKind.DealStageChanged && (s.StageId is null || s.StageId == e.ToStageId.ToString()),
                new InstanceStart("deal.stageChanged", $"deal:{e.DealId}:{e.ToStageId}:{e.OccurredAt.UtcTicks}", e.CompanyId, e.DealId, null, string.Empty, e.OwnerUserId, e.TeamId,
                    new Dictionary<string, string>
                    {
                        ["stageId"] = e.ToStageId.ToString(), ["fromStageId"] = e.FromStageId.ToString(),
                        ["amount"] = e.Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, ["currency"] = e.Currency,
                    }, null, string.Empty), ct));
        // The clients service announces a company made from a lead (LeadConverted with CompanyCreated);
        // it publishes no event for a company created directly (see the issue).
        app.MapInboxTopic<SchedulingDbContext, LeadConverted>(LeadConverted.Topic, "/events/processes/lead-converted", (e, db, services, ct) =>
            e.CompanyCreated
                ? StartAsync(db, services, s => s.Trigger == TriggerKind.CompanyCreated,
                    new InstanceStart("company.created", $"company:{e.CompanyId}", e.CompanyId, null, null, string.Empty, e.OwnerUserId, null,
                        new Dictionary<string, string> { ["source"] = e.Source }, null, string.Empty), ct)
                : Task.FromResult(InboxOutcome.Success));
        return app;
    }

    private static async Task<InboxOutcome> StartAsync(SchedulingDbContext db, IServiceProvider services, Func<StartEvent, bool> matches, InstanceStart how,
        CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var definitions = services.GetRequiredService<ProcessDefinitions>();
        foreach (var (process, version, start) in await ProcessStarts.MatchingAsync(db, definitions, matches, cancellationToken))
        {
            if (await ProcessStarts.AddAsync(db, process, version, start, how, now, cancellationToken) is { } instance)
            {
                ProcessStarts.AuditBySystem(db, instance, now);
            }
        }
        return InboxOutcome.Success;
    }
}
