namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The producers' events as JSON objects (camelCase, the shapes fixed for session 13), each with
/// its subscription route: what the pub/sub emulator posts to the KPI.
/// </summary>
public static class TestEvents
{
    public static readonly DateTimeOffset March2 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static (string Route, object Data) DealCreated(Guid deal, string owner, string? team, decimal amount, Guid pipeline, DateTimeOffset at, string title = "Сделка") =>
        ("/events/deal-created", new
        {
            dealId = deal, companyId = Guid.NewGuid(), title, pipelineId = pipeline, stageId = Guid.NewGuid(), ownerUserId = owner, teamId = team,
            amount, currency = "RUB", leadId = (Guid?)null, occurredAt = at,
        });

    public static (string Route, object Data) DealMoved(Guid deal, string owner, string? team, Guid pipeline, DateTimeOffset at) =>
        ("/events/deal-stage-changed", new
        {
            dealId = deal, companyId = Guid.NewGuid(), pipelineId = pipeline, fromStageId = Guid.NewGuid(), toStageId = Guid.NewGuid(),
            ownerUserId = owner, teamId = team, amount = 100m, currency = "RUB", occurredAt = at,
        });

    /// <summary>Won or lost in the new shape: owner, pipeline, amount and the deal's creation named.</summary>
    public static (string Route, object Data) DealClosed(bool won, Guid deal, string owner, string? team, decimal amount, Guid pipeline, DateTimeOffset createdAt, DateTimeOffset at) =>
        (won ? "/events/deal-won" : "/events/deal-lost", new
        {
            dealId = deal, companyId = Guid.NewGuid(), occurredAt = at, pipelineId = pipeline, ownerUserId = owner, teamId = team,
            amount, currency = "RUB", dealCreatedAt = createdAt,
        });

    /// <summary>Won or lost as the clients service published it before: { dealId, companyId, occurredAt } only.</summary>
    public static (string Route, object Data) OldDealClosed(bool won, Guid deal, DateTimeOffset at) =>
        (won ? "/events/deal-won" : "/events/deal-lost", new { dealId = deal, companyId = Guid.NewGuid(), occurredAt = at });

    public static (string Route, object Data) LeadCaptured(Guid lead, string owner, string? team, DateTimeOffset at) =>
        ("/events/lead-captured", new
        {
            leadId = lead, source = "web-form", ownerUserId = owner, teamId = team, formId = (Guid?)null, region = (string?)null,
            tags = Array.Empty<string>(), occurredAt = at,
        });

    public static (string Route, object Data) LeadAssigned(Guid lead, string owner, string? team, DateTimeOffset at) =>
        ("/events/lead-assigned", new { leadId = lead, ownerUserId = owner, teamId = team, previousOwnerUserId = "someone", assignedBy = "head-north", occurredAt = at });

    public static (string Route, object Data) LeadConverted(Guid lead, string owner, bool companyCreated, DateTimeOffset at) =>
        ("/events/lead-converted", new
        {
            leadId = lead, companyId = Guid.NewGuid(), contactId = Guid.NewGuid(), companyCreated, ownerUserId = owner, source = "web-form", occurredAt = at,
        });

    public static (string Route, object Data) TaskCompleted(string owner, DateTimeOffset dueAt, DateTimeOffset at) =>
        ("/events/task-completed", new
        {
            itemId = Guid.NewGuid(), ownerUserId = owner, assigneeUserId = (string?)null, completedBy = owner, companyId = Guid.NewGuid(),
            contactId = (Guid?)null, dealId = (Guid?)null, leadId = (Guid?)null, dueAt, result = "Готово", occurredAt = at,
        });

    public static (string Route, object Data) MeetingHeld(string owner, DateTimeOffset at) =>
        ("/events/meeting-held", new
        {
            itemId = Guid.NewGuid(), ownerUserId = owner, completedBy = owner, participantUserIds = new[] { owner }, participantContactIds = Array.Empty<Guid>(),
            companyId = Guid.NewGuid(), contactId = (Guid?)null, dealId = (Guid?)null, leadId = (Guid?)null,
            startsAt = at.AddHours(-1), endsAt = at, result = "Договорились", occurredAt = at,
        });

    public static (string Route, object Data) CallLogged(string owner, DateTimeOffset startsAt, TimeSpan length) =>
        ("/events/call-logged", new
        {
            itemId = Guid.NewGuid(), ownerUserId = owner, completedBy = owner, companyId = Guid.NewGuid(), contactId = (Guid?)null,
            dealId = (Guid?)null, leadId = (Guid?)null, startsAt, endsAt = startsAt + length, result = "Перезвонить", occurredAt = startsAt + length,
        });

    public static (string Route, object Data) InvoicePaid(string owner, decimal amount, DateOnly paidOn, DateTimeOffset at) =>
        ("/events/invoice-paid", new
        {
            documentId = Guid.NewGuid(), number = "СЧ-2026-000001", companyId = Guid.NewGuid(), dealId = (Guid?)null, ownerUserId = owner,
            amount, currency = "RUB", paidOn, occurredAt = at,
        });

    public static (string Route, object Data) ShipmentPosted(string actor, decimal amount, DateTimeOffset at) =>
        ("/events/shipment-posted", new
        {
            movementId = Guid.NewGuid(), dealId = (Guid?)null, companyId = (Guid?)null, actorId = actor, amount, currency = "RUB", lines = 2, occurredAt = at,
        });

    /// <summary>identity.person-changed as identity publishes it (its JSON, camelCase).</summary>
    public static (string Route, object Data) PersonChanged(string user, string name, string[] roles, (string Id, string Name)[] teams, DateTimeOffset at,
        string[]? heads = null) =>
        ("/events/person-changed", new
        {
            userId = user, displayName = name, email = $"{user}@example.test", language = "ru", disabled = false, occurredAt = at,
            teamIds = teams.Select(t => t.Id).ToArray(), headOfTeamIds = heads ?? [], roles,
            teamNames = teams.ToDictionary(t => t.Id, t => t.Name),
        });
}
