namespace CrmSuite.Scheduling.Api.Activities;

public enum PlanAssignee : short { Caller = 0, Manager = 1 }

/// <summary>One activity of a plan: its type, title, the day it falls on after the plan's start, and who does it.</summary>
public sealed record PlanStep(Guid ActivityTypeId, string Title, int DayOffset, PlanAssignee Assignee);

/// <summary>A named list of activities (Odoo's activity plan) applied to a company or a deal in one step.</summary>
public sealed class ActivityPlan
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public List<PlanStep> Steps { get; set; } = [];
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}
