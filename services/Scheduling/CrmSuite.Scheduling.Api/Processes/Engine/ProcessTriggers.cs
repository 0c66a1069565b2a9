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
        // Every new company (on the card, by the API, an import, a lead's conversion) announces itself
        // with CompanyCreated. A conversion also publishes LeadConverted with CompanyCreated set, which
        // started these processes before CompanyCreated existed (and still does for events queued by an
        // older clients service): both start under the same key, so a company starts each process once,
        // whichever of the two arrives first.
        app.MapInboxTopic<SchedulingDbContext, CompanyCreated>(CompanyCreated.Topic, "/events/processes/company-created", (e, db, services, ct) =>
            StartAsync(db, services, s => s.Trigger == TriggerKind.CompanyCreated,
                new InstanceStart("company.created", CompanyKey(e.CompanyId), e.CompanyId, null, null, e.Name, NullIfEmpty(e.OwnerUserId), e.TeamId,
                    new Dictionary<string, string> { ["source"] = e.LeadSource ?? string.Empty, ["origin"] = e.Origin }, null, string.Empty), ct));
        app.MapInboxTopic<SchedulingDbContext, LeadConverted>(LeadConverted.Topic, "/events/processes/lead-converted", (e, db, services, ct) =>
            e.CompanyCreated
                ? StartAsync(db, services, s => s.Trigger == TriggerKind.CompanyCreated,
                    new InstanceStart("company.created", CompanyKey(e.CompanyId), e.CompanyId, null, null, string.Empty, NullIfEmpty(e.OwnerUserId), null,
                        new Dictionary<string, string> { ["source"] = e.Source, ["origin"] = CompanyCreated.Lead }, null, string.Empty), ct)
                : Task.FromResult(InboxOutcome.Success));
        return app;
    }

    /// <summary>The one trigger key of a company's "company created" starts, whichever event announced it.</summary>
    public static string CompanyKey(Guid companyId) => $"company:{companyId}";

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;

    private static async Task<InboxOutcome> StartAsync(SchedulingDbContext db, IServiceProvider services, Func<StartEvent, bool> matches, InstanceStart how,
        CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var definitions = services.GetRequiredService<ProcessDefinitions>();
        var matching = await ProcessStarts.MatchingAsync(db, definitions, matches, cancellationToken);
        if (matching.Count > 0 && how.RecordName.Length == 0)
        {
            how = how with { RecordName = await RecordNameAsync(services, how, cancellationToken) };
        }
        foreach (var (process, version, start) in matching)
        {
            if (await ProcessStarts.AddAsync(db, process, version, start, how, now, cancellationToken) is { } instance)
            {
                ProcessStarts.AuditBySystem(db, instance, now);
            }
        }
        return InboxOutcome.Success;
    }

    /// <summary>
    /// The record's name as people see it (read as the service account). Best effort: without it the
    /// instance still starts, nameless, rather than the event waiting on the clients service.
    /// </summary>
    private static async Task<string> RecordNameAsync(IServiceProvider services, InstanceStart how, CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<ServiceAccount.ProcessRecords>().NameAsync(how.CompanyId, how.DealId, how.LeadId, cancellationToken);
        }
        catch (Exception e) when (e is ServiceAccount.ServiceAccountUnavailableException or Grpc.Core.RpcException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProcessTriggers))
                .LogWarning("The name of the record of a {Trigger} start could not be read: {Reason}", how.Trigger, e.Message);
            return string.Empty;
        }
    }
}
