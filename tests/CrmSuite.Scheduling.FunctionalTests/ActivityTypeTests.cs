using System.Net;
using System.Net.Http.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>The people who shape the sales work: clients.configure (identity's Director and Administrator roles).</summary>
public static class Configurers
{
    public static TestUser Director { get; } = People.Director with { Granted = [.. People.Director.Granted, Permissions.ClientsConfigure] };
}

/// <summary>Activity types: built-in and custom, their defaults for new items, and the result they require.</summary>
public sealed class ActivityTypeTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private ActivityTypes.ActivityTypesClient Types(TestUser user) => new(api.Grpc(user));

    private async Task<Contracts.ActivityType> BuiltInAsync(string code) =>
        (await Types(People.Anna).ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct)).Types_.Single(t => t.Code == code);

    [Fact]
    public async Task The_built_in_types_are_there_named_in_Russian_and_English_for_everyone_who_sees_the_calendar()
    {
        var types = (await Types(People.Reader).ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct)).Types_;

        Assert.Equal(["call", "email", "meeting", "task"], types.Where(t => t.Code != "").Select(t => t.Code).Order());
        var call = types.Single(t => t.Code == "call");
        Assert.Equal(("Звонок", "Call", ItemKind.Call, 15, true), (call.NameRu, call.NameEn, call.Kind, call.DefaultDurationMinutes, call.ResultRequired));
        Assert.Equal(ItemKind.Task, types.Single(t => t.Code == "email").Kind);
    }

    [Fact]
    public async Task A_configurer_creates_a_custom_type_audited_and_a_manager_may_not()
    {
        var input = new ActivityTypeInput { NameRu = "Демонстрация", NameEn = "Demo", Kind = ItemKind.Meeting, DefaultDurationMinutes = 90, DefaultReminderMinutesBefore = { 1440, 30 }, ResultRequired = true };

        var created = await Types(Configurers.Director).CreateActivityTypeAsync(input, cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Types(People.Anna).CreateActivityTypeAsync(input, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(("", 90, "30,1440"), (created.Code, created.DefaultDurationMinutes, string.Join(",", created.DefaultReminderMinutesBefore)));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM activity_types WHERE name_en = 'Demo'"));
        Assert.Single(await api.AuditAsync("scheduling.activity-type.created", created.Id));
    }

    [Fact]
    public async Task A_bad_type_is_a_400_naming_each_field_and_nothing_is_stored()
    {
        var response = await api.As(Configurers.Director).Http.PostAsJsonAsync("/v1/activity-types", new
        {
            nameRu = "", nameEn = "", kind = "ITEM_KIND_CALL", defaultDurationMinutes = 0, defaultReminderMinutesBefore = new[] { -5 },
            nextTypeId = Guid.NewGuid().ToString(), nextInDays = 400,
        }, Json, Ct);

        Assert.Equal(["defaultDurationMinutes", "defaultReminderMinutesBefore[0]", "nameRu", "nextInDays", "nextTypeId"], (await BadFieldsAsync(response)).Order());
        Assert.Equal(4, await api.ScalarAsync("SELECT count(*) FROM activity_types WHERE code IS NOT NULL"));
    }

    [Fact]
    public async Task An_archived_type_is_no_longer_offered_and_a_built_in_one_cannot_be_archived()
    {
        var types = Types(Configurers.Director);
        var type = await types.CreateActivityTypeAsync(new ActivityTypeInput { NameRu = "Визит", Kind = ItemKind.Meeting, DefaultDurationMinutes = 30 }, cancellationToken: Ct);
        var archived = await types.ArchiveActivityTypeAsync(new ArchiveActivityTypeRequest { Id = type.Id, Version = type.Version }, cancellationToken: Ct);
        var builtIn = await BuiltInAsync("call");

        var planned = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", new { activityTypeId = type.Id, title = "x", start = "2026-03-10T10:00", timeZone = "Europe/Moscow" }, Json, Ct);
        var refused = await api.As(Configurers.Director).Http.PostAsJsonAsync($"/v1/activity-types/{builtIn.Id}:archive", new { }, Json, Ct);

        Assert.True(archived.Archived);
        Assert.DoesNotContain((await types.ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct)).Types_, t => t.Id == type.Id);
        Assert.Equal(["activityTypeId"], await BadFieldsAsync(planned));
        Assert.Equal(["id"], await BadFieldsAsync(refused));
    }

    [Fact]
    public async Task A_call_of_a_type_takes_its_length_reminders_and_required_result_when_the_request_names_none()
    {
        var call = await BuiltInAsync("call");

        var item = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            ActivityTypeId = call.Id, Title = "Перезвонить", Start = "2026-03-10T11:00", TimeZone = "Europe/Moscow",
        }, cancellationToken: Ct);

        Assert.Equal((ItemKind.Call, "2026-03-10T11:15", "15", true, call.Id), (item.Kind, item.End, string.Join(",", item.ReminderMinutesBefore), item.ResultRequired, item.ActivityTypeId));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM reminders WHERE item_id = @p0::uuid AND minutes_before = 15", item.Id));
    }

    [Fact]
    public async Task What_the_request_names_wins_over_the_types_defaults_and_a_kind_the_type_does_not_plan_is_refused()
    {
        var call = await BuiltInAsync("call");

        var item = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            ActivityTypeId = call.Id, Kind = ItemKind.Call, Title = "Долгий звонок", Start = "2026-03-10T11:00", End = "2026-03-10T12:00", TimeZone = "Europe/Moscow", ReminderMinutesBefore = { 5 },
        }, cancellationToken: Ct);
        var wrongKind = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", new { activityTypeId = call.Id, kind = "ITEM_KIND_TASK", title = "x", start = "2026-03-10T10:00", timeZone = "Europe/Moscow" }, Json, Ct);

        Assert.Equal(("2026-03-10T12:00", "5"), (item.End, string.Join(",", item.ReminderMinutesBefore)));
        Assert.Equal(["activityTypeId"], await BadFieldsAsync(wrongKind));
    }

    [Fact]
    public async Task Completing_an_item_of_a_type_that_requires_a_result_without_one_is_a_400_naming_result()
    {
        var call = await BuiltInAsync("call");
        var item = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { ActivityTypeId = call.Id, Title = "Звонок клиенту", Start = "2026-03-10T11:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);

        var response = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/items/{item.Id}:complete", new { }, Json, Ct);

        Assert.Equal(["result"], await BadFieldsAsync(response));
        Assert.Equal(ItemStatus.Open, (await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = item.Id }, cancellationToken: Ct)).Status);
    }

    [Fact]
    public async Task A_changed_type_is_saved_with_the_version_read_and_a_stale_version_is_409()
    {
        var types = Types(Configurers.Director);
        var type = await types.CreateActivityTypeAsync(new ActivityTypeInput { NameRu = "Отчёт", Kind = ItemKind.Task }, cancellationToken: Ct);
        var input = new ActivityTypeInput { Id = type.Id, Version = type.Version, NameRu = "Отчёт клиенту", NameEn = "Report", Kind = ItemKind.Task, ResultRequired = true };

        var changed = await types.UpdateActivityTypeAsync(input, cancellationToken: Ct);
        var stale = await Assert.ThrowsAsync<RpcException>(() => types.UpdateActivityTypeAsync(input, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(("Отчёт клиенту", "Report", true), (changed.NameRu, changed.NameEn, changed.ResultRequired));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Single(await api.AuditAsync("scheduling.activity-type.updated", type.Id));
    }
}
