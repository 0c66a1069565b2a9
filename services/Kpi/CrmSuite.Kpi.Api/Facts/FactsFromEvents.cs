namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// Which facts each event makes (none when it names nobody). Pure: the owner's team from the
/// person's last known team and a closed deal's owner from its creation are filled in by
/// <see cref="FactRecorder"/>.
/// </summary>
internal static class FactsFromEvents
{
    public static Fact DealCreated(DealCreatedEvent e) => New(FactKinds.DealCreated, e.OwnerUserId, e.TeamId, e.OccurredAt) with
    {
        Amount = e.Amount ?? 0m, Currency = e.Currency, PipelineId = e.PipelineId.ToString(), StageId = e.StageId.ToString(),
        DealId = e.DealId, CompanyId = e.CompanyId, LeadId = e.LeadId, Title = Short(e.Title),
    };

    public static Fact DealMoved(DealStageChangedEvent e) => New(FactKinds.DealMoved, e.OwnerUserId, e.TeamId, e.OccurredAt) with
    {
        Currency = e.Currency, PipelineId = e.PipelineId.ToString(), StageId = e.ToStageId.ToString(), DealId = e.DealId, CompanyId = e.CompanyId,
    };

    public static Fact DealClosed(string kind, DealClosedEvent e) => New(kind, e.OwnerUserId, e.TeamId, e.OccurredAt) with
    {
        Amount = e.Amount ?? 0m, Currency = e.Currency, PipelineId = e.PipelineId?.ToString(), StartedAt = e.DealCreatedAt,
        Days = DaysBetween(e.DealCreatedAt, e.OccurredAt), DealId = e.DealId, CompanyId = e.CompanyId,
    };

    public static Fact? LeadCaptured(LeadCapturedEvent e) => string.IsNullOrWhiteSpace(e.OwnerUserId)
        ? null
        : New(FactKinds.LeadAssigned, e.OwnerUserId, e.TeamId, e.OccurredAt) with { LeadId = e.LeadId, Title = Short(e.Source) };

    public static Fact? LeadAssigned(LeadAssignedEvent e) => string.IsNullOrWhiteSpace(e.OwnerUserId)
        ? null
        : New(FactKinds.LeadAssigned, e.OwnerUserId, e.TeamId, e.OccurredAt) with { LeadId = e.LeadId };

    public static IEnumerable<Fact> LeadConverted(LeadConvertedEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.OwnerUserId))
        {
            yield break;
        }
        var converted = New(FactKinds.LeadConverted, e.OwnerUserId, null, e.OccurredAt) with { LeadId = e.LeadId, CompanyId = e.CompanyId, Title = Short(e.Source) };
        yield return converted;
        if (e.CompanyCreated)
        {
            yield return converted with { Kind = FactKinds.NewClient };
        }
    }

    /// <summary>On time when completed at or before the due time; the assignee's work, else the owner's.</summary>
    public static Fact TaskCompleted(TaskCompletedEvent e) =>
        New(e.OccurredAt <= e.DueAt ? FactKinds.TaskDoneOnTime : FactKinds.TaskDoneLate,
            string.IsNullOrWhiteSpace(e.AssigneeUserId) ? e.OwnerUserId : e.AssigneeUserId, null, e.OccurredAt) with
        {
            ItemId = e.ItemId, DealId = e.DealId, CompanyId = e.CompanyId, LeadId = e.LeadId, Title = Short(e.Result),
        };

    public static Fact Activity(string kind, ActivityEvent e) => New(kind, e.OwnerUserId, null, e.OccurredAt) with
    {
        Days = kind == FactKinds.CallMade ? DaysBetween(e.StartsAt, e.EndsAt) : 0m,
        ItemId = e.ItemId, DealId = e.DealId, CompanyId = e.CompanyId, LeadId = e.LeadId, Title = Short(e.Result),
    };

    public static Fact InvoicePaid(InvoicePaidEvent e) => New(FactKinds.InvoicePaid, e.OwnerUserId, null, e.OccurredAt) with
    {
        // Revenue counts on the day the money came, as the accountant entered it.
        Day = e.PaidOn, Amount = e.Amount, Currency = e.Currency, DocumentId = e.DocumentId, DealId = e.DealId, CompanyId = e.CompanyId, Title = Short(e.Number),
    };

    public static Fact ShipmentPosted(ShipmentPostedEvent e) => New(FactKinds.Shipment, e.ActorId, null, e.OccurredAt) with
    {
        Amount = e.Amount, Currency = e.Currency, MovementId = e.MovementId, DealId = e.DealId, CompanyId = e.CompanyId,
    };

    /// <summary>A duration in days, to 6 places (a 5-minute call is 0.003472); none when the start is not known.</summary>
    public static decimal DaysBetween(DateTimeOffset? from, DateTimeOffset to) =>
        from is { } start && to > start ? Math.Round((decimal)(to - start).Ticks / TimeSpan.TicksPerDay, 6) : 0m;

    private static Fact New(string kind, string? userId, string? teamId, DateTimeOffset occurredAt) => new()
    {
        Kind = kind,
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId.Trim(),
        TeamId = string.IsNullOrWhiteSpace(teamId) ? null : teamId.Trim(),
        OccurredAt = occurredAt,
    };

    private static string Short(string? text) => text is null ? string.Empty : text.Length <= 300 ? text : text[..300];
}
