namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// The kinds of facts the KPI service counts, each made from one integration event (the event's
/// topic is named beside it). A fact belongs to one person (the deal's, lead's, task's or
/// invoice's owner, the caller of a call) and one day in the company's time zone.
/// </summary>
public static class FactKinds
{
    /// <summary>clients.deal-created: Count 1, Amount the deal's amount.</summary>
    public const string DealCreated = "deal-created";
    /// <summary>clients.deal-stage-changed: Count 1 per move.</summary>
    public const string DealMoved = "deal-moved";
    /// <summary>clients.deal-won: Count 1, Amount the deal's amount, Days the deal's age (created → won).</summary>
    public const string DealWon = "deal-won";
    /// <summary>clients.deal-lost: Count 1, Amount the deal's amount, Days the deal's age.</summary>
    public const string DealLost = "deal-lost";
    /// <summary>clients.lead-assigned (and a captured lead's first owner): Count 1.</summary>
    public const string LeadAssigned = "lead-assigned";
    /// <summary>clients.lead-converted: Count 1.</summary>
    public const string LeadConverted = "lead-converted";
    /// <summary>clients.lead-converted with a company created by the conversion: Count 1.</summary>
    public const string NewClient = "new-client";
    /// <summary>scheduling.call-logged (and telephony calls where a producer publishes them): Count 1, Days the call's length in days.</summary>
    public const string CallMade = "call-made";
    /// <summary>scheduling.meeting-held: Count 1.</summary>
    public const string MeetingHeld = "meeting-held";
    /// <summary>scheduling.task-completed at or before its due time: Count 1.</summary>
    public const string TaskDoneOnTime = "task-done-on-time";
    /// <summary>scheduling.task-completed after its due time: Count 1.</summary>
    public const string TaskDoneLate = "task-done-late";
    /// <summary>documents.invoice-paid: Count 1, Amount the paid amount.</summary>
    public const string InvoicePaid = "invoice-paid";
    /// <summary>warehouse.shipment-posted: Count 1, Amount the shipment's value.</summary>
    public const string Shipment = "shipment";

    /// <summary>Every kind, for checking a kind named in a request.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DealCreated, DealMoved, DealWon, DealLost, LeadAssigned, LeadConverted, NewClient, CallMade, MeetingHeld,
        TaskDoneOnTime, TaskDoneLate, InvoicePaid, Shipment,
    ];
}

/// <summary>
/// One row of the daily projection: one person's facts of one kind on one day (company time zone),
/// per pipeline where the fact has one (null otherwise). The projection keeps these rows current
/// as facts arrive; the measures (calls made, conversion, average deal cycle, …) are computed
/// from them. Sums, so rows of several days, people or pipelines add up.
/// </summary>
/// <param name="UserId">The person the facts count for (identity's user id).</param>
/// <param name="TeamId">The person's team when the fact arrived, if any.</param>
/// <param name="Day">The day in the company's time zone.</param>
/// <param name="Kind">One of <see cref="FactKinds"/>.</param>
/// <param name="PipelineId">The deal's pipeline for deal facts; null for the others.</param>
/// <param name="Count">How many facts.</param>
/// <param name="Amount">Their amounts summed (deals, invoices, shipments), in the company's currency.</param>
/// <param name="Days">Their durations summed in days (a won deal's cycle, a call's length).</param>
public sealed record DailyFigure(string UserId, string? TeamId, DateOnly Day, string Kind, string? PipelineId, int Count, decimal Amount, decimal Days);
