using System.Globalization;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>Activity types as the service keeps them: a list (archived ones only when asked for), writes that change it, every write recorded.</summary>
internal sealed class FakeActivityTypesClient : ActivityTypes.ActivityTypesClient
{
    public List<ActivityType> Stored { get; } = [];

    public List<ActivityTypeInput> Saves { get; } = [];

    public List<ArchiveActivityTypeRequest> Archives { get; } = [];

    /// <summary>How a create or update is answered; by default it is stored.</summary>
    public Func<ActivityTypeInput, AsyncUnaryCall<ActivityType>>? OnSave { get; set; }

    public static ActivityType Type(string id, string nameRu, string nameEn, ItemKind kind, string code = "", int minutes = 0, params int[] reminders)
    {
        var type = new ActivityType { Id = id, Code = code, NameRu = nameRu, NameEn = nameEn, Kind = kind, DefaultDurationMinutes = minutes, Version = "1" };
        type.DefaultReminderMinutesBefore.AddRange(reminders);
        return type;
    }

    public override AsyncUnaryCall<ListActivityTypesResponse> ListActivityTypesAsync(ListActivityTypesRequest request, CallOptions options)
    {
        var response = new ListActivityTypesResponse();
        response.Types_.AddRange(Stored.Where(t => request.IncludeArchived || !t.Archived).Select(t => t.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<ActivityType> CreateActivityTypeAsync(ActivityTypeInput request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<ActivityType> UpdateActivityTypeAsync(ActivityTypeInput request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<ActivityType> ArchiveActivityTypeAsync(ArchiveActivityTypeRequest request, CallOptions options)
    {
        Archives.Add(request);
        var type = Stored.Single(t => t.Id == request.Id);
        type.Archived = true;
        return Calls.Ok(type.Clone());
    }

    private AsyncUnaryCall<ActivityType> Save(ActivityTypeInput request)
    {
        Saves.Add(request);
        if (OnSave is not null)
        {
            return OnSave(request);
        }
        var type = Stored.FirstOrDefault(t => t.Id == request.Id);
        if (type is null)
        {
            type = new ActivityType { Id = $"type-{Saves.Count}" };
            Stored.Add(type);
        }
        type.NameRu = request.NameRu;
        type.NameEn = request.NameEn;
        type.Kind = request.Kind;
        type.DefaultDurationMinutes = request.DefaultDurationMinutes;
        type.DefaultReminderMinutesBefore.Clear();
        type.DefaultReminderMinutesBefore.AddRange(request.DefaultReminderMinutesBefore);
        type.ResultRequired = request.ResultRequired;
        type.NextTypeId = request.NextTypeId;
        type.NextInDays = request.NextInDays;
        type.Version = Saves.Count.ToString(CultureInfo.InvariantCulture);
        return Calls.Ok(type.Clone());
    }
}

/// <summary>Plans as the service keeps them; applying one plans a task per step in <see cref="Items"/> (what the card's Tasks then list).</summary>
internal sealed class FakeActivityPlansClient(FakeSchedulingClient items) : ActivityPlans.ActivityPlansClient
{
    public List<ActivityPlan> Stored { get; } = [];

    public List<ActivityPlanInput> Saves { get; } = [];

    public List<ArchiveActivityPlanRequest> Archives { get; } = [];

    public List<ApplyActivityPlanRequest> Applied { get; } = [];

    public Func<ActivityPlanInput, AsyncUnaryCall<ActivityPlan>>? OnSave { get; set; }

    public Func<ApplyActivityPlanRequest, AsyncUnaryCall<ApplyActivityPlanResponse>>? OnApply { get; set; }

    public static ActivityPlan Plan(string id, string name, params (string TypeId, string Title, int Day)[] steps)
    {
        var plan = new ActivityPlan { Id = id, Name = name, Version = "1" };
        plan.Steps.AddRange(steps.Select(s => new PlanStep { ActivityTypeId = s.TypeId, Title = s.Title, DayOffset = s.Day }));
        return plan;
    }

    public override AsyncUnaryCall<ListActivityPlansResponse> ListActivityPlansAsync(ListActivityPlansRequest request, CallOptions options)
    {
        var response = new ListActivityPlansResponse();
        response.Plans.AddRange(Stored.Where(p => request.IncludeArchived || !p.Archived).Select(p => p.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<ActivityPlan> CreateActivityPlanAsync(ActivityPlanInput request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<ActivityPlan> UpdateActivityPlanAsync(ActivityPlanInput request, CallOptions options) => Save(request);

    public override AsyncUnaryCall<ActivityPlan> ArchiveActivityPlanAsync(ArchiveActivityPlanRequest request, CallOptions options)
    {
        Archives.Add(request);
        var plan = Stored.Single(p => p.Id == request.Id);
        plan.Archived = true;
        return Calls.Ok(plan.Clone());
    }

    public override AsyncUnaryCall<ApplyActivityPlanResponse> ApplyActivityPlanAsync(ApplyActivityPlanRequest request, CallOptions options)
    {
        Applied.Add(request);
        if (OnApply is not null)
        {
            return OnApply(request);
        }
        var plan = Stored.Single(p => p.Id == request.Id);
        var start = DateOnly.ParseExact(request.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = new ApplyActivityPlanResponse();
        foreach (var (step, i) in plan.Steps.Select((s, i) => (s, i)))
        {
            var day = start.AddDays(step.DayOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var item = FakeSchedulingClient.DueTask($"planned-{Applied.Count}-{i}", step.Title, $"{day}T{request.TimeOfDay}", request.TimeZone);
            item.CompanyId = request.CompanyId;
            item.DealId = request.DealId;
            items.Stored.Add(item);
            response.Items.Add(item.Clone());
        }
        return Calls.Ok(response);
    }

    private AsyncUnaryCall<ActivityPlan> Save(ActivityPlanInput request)
    {
        Saves.Add(request);
        if (OnSave is not null)
        {
            return OnSave(request);
        }
        var plan = Stored.FirstOrDefault(p => p.Id == request.Id);
        if (plan is null)
        {
            plan = new ActivityPlan { Id = $"plan-{Saves.Count}" };
            Stored.Add(plan);
        }
        plan.Name = request.Name;
        plan.Steps.Clear();
        plan.Steps.AddRange(request.Steps.Select(s => s.Clone()));
        plan.Version = Saves.Count.ToString(CultureInfo.InvariantCulture);
        return Calls.Ok(plan.Clone());
    }
}
