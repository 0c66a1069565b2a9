using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using PlansClient = CrmSuite.Scheduling.Contracts.ActivityPlans.ActivityPlansClient;
using TypesClient = CrmSuite.Scheduling.Contracts.ActivityTypes.ActivityTypesClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Activity types and plans (the scheduling service): read by everyone who sees the calendar, shaped
/// with clients.configure, a plan applied to a company or deal with scheduling.write. Each call answers
/// its result, or <c>null</c> with the reason shown in the page's <see cref="ErrorState"/>.
/// </summary>
public sealed class ActivitiesApi(TypesClient types, PlansClient plans)
{
    /// <summary>Built-in types first, then by name; archived ones only when asked for.</summary>
    public async Task<IReadOnlyList<ActivityType>?> ListTypesAsync(ErrorState errors, bool includeArchived = false) =>
        (await ServiceCall.RunAsync(types.ListActivityTypesAsync(new ListActivityTypesRequest { IncludeArchived = includeArchived }), errors, default))?.Types_;

    /// <summary>A new type when <paramref name="input"/> names no id, else the type's new settings (with the version read).</summary>
    public Task<ActivityType?> SaveTypeAsync(ActivityTypeInput input, ErrorState errors) =>
        ServiceCall.RunAsync(input.Id.Length == 0 ? types.CreateActivityTypeAsync(input) : types.UpdateActivityTypeAsync(input), errors, default);

    public Task<ActivityType?> ArchiveTypeAsync(ActivityType type, ErrorState errors) =>
        ServiceCall.RunAsync(types.ArchiveActivityTypeAsync(new ArchiveActivityTypeRequest { Id = type.Id, Version = type.Version }), errors, default);

    /// <summary>Plans by name; archived ones only when asked for.</summary>
    public async Task<IReadOnlyList<ActivityPlan>?> ListPlansAsync(ErrorState errors, bool includeArchived = false) =>
        (await ServiceCall.RunAsync(plans.ListActivityPlansAsync(new ListActivityPlansRequest { IncludeArchived = includeArchived }), errors, default))?.Plans;

    /// <summary>A new plan when <paramref name="input"/> names no id, else the plan's new name and steps (with the version read).</summary>
    public Task<ActivityPlan?> SavePlanAsync(ActivityPlanInput input, ErrorState errors) =>
        ServiceCall.RunAsync(input.Id.Length == 0 ? plans.CreateActivityPlanAsync(input) : plans.UpdateActivityPlanAsync(input), errors, default);

    public Task<ActivityPlan?> ArchivePlanAsync(ActivityPlan plan, ErrorState errors) =>
        ServiceCall.RunAsync(plans.ArchiveActivityPlanAsync(new ArchiveActivityPlanRequest { Id = plan.Id, Version = plan.Version }), errors, default);

    /// <summary>Every step of the plan planned for the company or deal in one transaction: the items planned, or null and nothing planned.</summary>
    public async Task<IReadOnlyList<Item>?> ApplyPlanAsync(ApplyActivityPlanRequest request, ErrorState errors) =>
        (await ServiceCall.RunAsync(plans.ApplyActivityPlanAsync(request), errors, default))?.Items;
}
