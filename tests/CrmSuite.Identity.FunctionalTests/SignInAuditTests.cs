using System.Net;
using System.Text.Json;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// Every sign-in attempt through the real sign-in page leaves one audit event that says who (or
/// which name was tried), from which address and browser, and how it ended, and never the password.
/// </summary>
public sealed class SignInAuditTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) CrmAuditTest/1.0";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_records_exactly_one_success_naming_the_user_the_address_and_the_browser()
    {
        var user = await identity.CreateUserAsync("anna.signin", "Anna Petrova", "Anna-Password-2026", "SalesManager");
        using var browser = identity.Browser(Browser);

        using var response = await IdentityService.SignInAsync(browser, "anna.signin", "Anna-Password-2026", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == user.Id).ToList();
        var signIn = Assert.Single(events, e => e.Action == "identity.signin.succeeded");
        Assert.Equal(user.Id, signIn.ActorId);
        Assert.Equal("Anna Petrova", signIn.Text("actorName"));
        Assert.Equal("SalesManager", signIn.Text("actorRole"));
        Assert.Equal("user", signIn.Text("entityType"));
        Assert.Equal("127.0.0.1", signIn.Text("ip"));
        Assert.Equal(Browser, signIn.Text("userAgent"));
        Assert.Equal("success", signIn.Text("outcome"));
        Assert.True(DateTimeOffset.UtcNow - signIn.Event.GetProperty("occurredAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(events, e => e.Raw.Contains("Anna-Password-2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_person_signing_in_from_several_browsers_at_once_gets_in_everywhere_and_each_sign_in_is_recorded()
    {
        // Each browser mistypes once, then signs in: failure counters and their resets race on
        // the same user row, as when a team shares a demo account or a test suite runs in parallel.
        var user = await identity.CreateUserAsync("olga.parallel", "Olga", "Olga-Password-2026", "SalesManager");
        const int Browsers = 4; // four mistakes in all: below the lock-out (five)

        var answers = await Task.WhenAll(Enumerable.Range(0, Browsers).Select(async i =>
        {
            using var browser = identity.Browser($"{Browser} #{i}");
            using var wrong = await IdentityService.SignInAsync(browser, "olga.parallel", $"Wrong-Password-{i}", Ct);
            using var right = await IdentityService.SignInAsync(browser, "olga.parallel", "Olga-Password-2026", Ct);
            return (Wrong: wrong.StatusCode, Right: right.StatusCode);
        }));

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), answer));
        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == user.Id).ToList();
        Assert.Equal(Browsers, events.Count(e => e.Action == "identity.signin.succeeded"));
        Assert.Equal(Browsers, events.Count(e => e.Action == "identity.signin.failed"));
    }

    [Fact]
    public async Task A_wrong_password_is_recorded_as_a_failure_that_never_contains_the_password()
    {
        var user = await identity.CreateUserAsync("boris.wrong", "Boris", "Boris-Password-2026", "Accountant");
        using var browser = identity.Browser(Browser);

        using var response = await IdentityService.SignInAsync(browser, "boris.wrong", "Guessed-Secret-777", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await identity.AuditEventsAsync(Ct);
        var failed = Assert.Single(events, e => e.EntityId == user.Id);
        Assert.Equal("identity.signin.failed", failed.Action);
        Assert.Equal("failure", failed.Text("outcome"));
        Assert.Equal(user.Id, failed.ActorId);
        Assert.Equal("wrong-password", failed.Event.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("127.0.0.1", failed.Text("ip"));
        Assert.DoesNotContain(events, e => e.Raw.Contains("Guessed-Secret-777", StringComparison.Ordinal)
            || e.Raw.Contains("Boris-Password-2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_user_name_is_recorded_as_an_anonymous_failure_with_the_name_tried()
    {
        using var browser = identity.Browser(Browser);

        using var response = await IdentityService.SignInAsync(browser, "nobody.here", "Whatever-Secret-1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await identity.AuditEventsAsync(Ct);
        var failed = Assert.Single(events, e => e.Event.GetProperty("details") is { ValueKind: JsonValueKind.Object } details
            && details.TryGetProperty("attemptedUserName", out var name) && name.GetString() == "nobody.here");
        Assert.Equal("identity.signin.failed", failed.Action);
        Assert.Equal("anonymous", failed.ActorId);
        Assert.Equal("failure", failed.Text("outcome"));
        Assert.Equal("unknown-user", failed.Event.GetProperty("details").GetProperty("reason").GetString());
        Assert.DoesNotContain(events, e => e.Raw.Contains("Whatever-Secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_and_even_the_right_password_is_then_recorded_as_locked_out()
    {
        var user = await identity.CreateUserAsync("vera.locked", "Vera", "Vera-Password-2026", "Accountant");
        using var browser = identity.Browser(Browser);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await IdentityService.SignInAsync(browser, "vera.locked", $"Wrong-Password-{attempt}", Ct);
        }
        using var right = await IdentityService.SignInAsync(browser, "vera.locked", "Vera-Password-2026", Ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var actions = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == user.Id).Select(e => e.Action).ToList();
        Assert.Equal(
        [
            "identity.signin.failed", "identity.signin.failed", "identity.signin.failed", "identity.signin.failed",
            "identity.signin.locked-out", "identity.signin.locked-out",
        ], actions);
    }

    [Fact]
    public async Task Changing_the_password_at_first_sign_in_and_signing_out_are_recorded_without_any_password()
    {
        var user = await identity.CreateUserAsync("gleb.first", "Gleb", "Gleb-OneTime-2026", "WarehouseKeeper", mustChangePassword: true);
        using var browser = identity.Browser(Browser);
        using var signIn = await IdentityService.SignInAsync(browser, "gleb.first", "Gleb-OneTime-2026", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var changed = await IdentityService.SubmitFormAsync(browser, "/identity/change-password", new()
        {
            ["CurrentPassword"] = "Gleb-OneTime-2026",
            ["NewPassword"] = "Gleb-Chosen-2026",
            ["ConfirmPassword"] = "Gleb-Chosen-2026",
        }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var signOut = await browser.GetAsync("/connect/endsession", Ct);

        var events = (await identity.AuditEventsAsync(Ct)).Where(e => e.EntityId == user.Id).ToList();
        Assert.Equal(["identity.signin.succeeded", "identity.password.changed", "identity.signout"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(user.Id, e.ActorId));
        Assert.True(events[1].Event.GetProperty("details").GetProperty("required").GetBoolean());
        Assert.DoesNotContain(events, e => e.Raw.Contains("Gleb-OneTime-2026", StringComparison.Ordinal)
            || e.Raw.Contains("Gleb-Chosen-2026", StringComparison.Ordinal));
    }
}
