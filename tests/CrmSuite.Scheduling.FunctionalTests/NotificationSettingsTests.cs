using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Scheduling.Api.Channels;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>A person's own reminder channels over REST: e-mail on by default, SMS with a normalised mobile number, bad input refused naming the field.</summary>
public sealed class NotificationSettingsTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private const string Path = "/v1/me/notification-settings";

    private static async Task<JsonElement> GetAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>(Path, Json, Ct);

    private static string Describe(JsonElement s) =>
        $"email {(s.TryGetProperty("emailEnabled", out var e) && e.GetBoolean() ? "on" : "off")}, sms {(s.TryGetProperty("smsEnabled", out var m) && m.GetBoolean() ? "on" : "off")} {(s.TryGetProperty("mobileNumber", out var n) ? n.GetString() : "")}".TrimEnd();

    [Fact]
    public async Task A_person_turns_on_sms_with_a_number_as_typed_and_gets_it_back_normalised_while_others_keep_the_defaults()
    {
        var anna = api.As(People.Anna).Http;
        var initial = await GetAsync(anna);

        using var put = await anna.PutAsJsonAsync(Path, new { emailEnabled = false, smsEnabled = true, mobileNumber = "8 (903) 100-00-01" }, Json, Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("email on, sms off", Describe(initial));
        // No SMTP server configured in this host: the page says e-mail cannot be sent.
        Assert.False(initial.TryGetProperty("emailAvailable", out var available) && available.GetBoolean());
        Assert.Equal("email off, sms on +79031000001", Describe(await GetAsync(anna)));
        Assert.Equal("email on, sms off", Describe(await GetAsync(api.As(People.Boris).Http)));
        Assert.Single(await api.AuditAsync("scheduling.notification-settings.updated", People.Anna.Id));
    }

    [Fact]
    public async Task A_bad_mobile_number_or_sms_without_one_is_a_400_naming_mobile_number_and_changes_nothing()
    {
        var oleg = api.As(People.Oleg).Http;
        using var saved = await oleg.PutAsJsonAsync(Path, new { emailEnabled = true, smsEnabled = true, mobileNumber = "+44 7911 123456" }, Json, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var letters = await oleg.PutAsJsonAsync(Path, new { emailEnabled = false, smsEnabled = true, mobileNumber = "12ab" }, Json, Ct);
        using var landline = await oleg.PutAsJsonAsync(Path, new { emailEnabled = false, smsEnabled = true, mobileNumber = "+7 495 123-45-67" }, Json, Ct);
        using var none = await oleg.PutAsJsonAsync(Path, new { emailEnabled = false, smsEnabled = true, mobileNumber = "" }, Json, Ct);

        Assert.Equal(["mobileNumber"], await BadFieldsAsync(letters));
        Assert.Equal(["mobileNumber"], await BadFieldsAsync(landline));
        Assert.Equal(["mobileNumber"], await BadFieldsAsync(none));
        Assert.Equal("email on, sms on +447911123456", Describe(await GetAsync(oleg)));
    }

    [Theory]
    [InlineData("+7 903 100-00-01", "+79031000001")]
    [InlineData("89031000001", "+79031000001")]
    [InlineData("+49 151 23456789", "+4915123456789")]
    public void Mobile_numbers_are_normalised_to_E164(string typed, string stored) =>
        Assert.Equal(stored, NotificationChannelsService.NormalizeMobile(typed));
}
