using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// A business process end to end in Chromium: a director makes the "new lead" process from its
/// built-in template and publishes it; a visitor's web form creates a lead that the assignment rule
/// gives to a sales manager; the manager finds "Call the lead" among their work and completes it; the
/// instance's diagram shows the call done and the offer step active, and its log says who did it.
/// </summary>
public sealed class ProcessBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string Site = "https://www.e2e-process.example";
    private const string CallStep = "Call the lead";
    private const string OfferStep = "Send an offer";

    [Fact]
    public async Task A_published_new_lead_process_gives_the_manager_the_call_and_completing_it_advances_the_diagram()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (director, manager) = ($"director-{suffix}", $"manager-{suffix}");
        var processName = $"New lead {suffix}";
        var person = $"Лид Процессный {suffix}";
        var directorPassword = await suite.CreateUserAsync(director, "Director");
        var (managerId, managerPassword) = await suite.CreateUserWithIdAsync(manager, "SalesManager");
        var formKey = await WebFormAssigningToAsync(managerId, suffix);

        // The director makes the process from the template and publishes it.
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        string processId;
        try
        {
            await browser.SignInFirstTimeAsync(page, director, directorPassword, "Director-Chosen-2026");
            await browser.OpenAsync(page, "/processes");
            await page.GetByTestId("process-new").Or(page.GetByTestId("process-new-empty")).First.ClickAsync();
            await BrowserFixture.FillFieldAsync(page, "process-new-name", processName);
            var template = page.GetByTestId("process-template").Filter(new() { HasText = "New lead" });
            await template.GetByTestId("process-create-from-template").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/processes/[0-9a-f-]{36}$"));
            await browser.InteractiveAsync(page);
            await Expect(page.GetByTestId("process-name")).ToHaveValueAsync(processName);
            // The template's diagram is on the canvas, ready to run: nothing to fix before publishing.
            await Expect(ShapeOf(page, "process-canvas", "Task_CallLead")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("process-problems")).ToHaveCountAsync(0);
            processId = new Uri(page.Url).Segments[^1];

            await page.GetByTestId("process-publish").ClickAsync();
            await page.GetByTestId("process-confirm-ok").ClickAsync();
            await Expect(page.GetByTestId("process-notice")).ToContainTextAsync("Version 1 published");
            await Expect(page.GetByTestId("process-version")).ToContainTextAsync("version 1", new() { IgnoreCase = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }

        // A visitor posts the site's form: a lead, which the rule gives to the manager.
        await SubmitWebFormAsync(formKey, person, suffix);

        // The manager sees the call among their work, opens it and completes it with its result.
        var managerPage = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await browser.SignInFirstTimeAsync(managerPage, manager, managerPassword, "Manager-Chosen-2026");
            var work = managerPage.Locator("[data-testid=home-work] li").Filter(new() { Has = managerPage.GetByRole(AriaRole.Link, new() { Name = CallStep, Exact = true }) });
            // The task comes from the lead's event through the scheduling service: the start page shows it once it is there.
            await UntilShownAsync(managerPage, "/", work);
            await work.GetByRole(AriaRole.Link, new() { Name = CallStep, Exact = true }).ClickAsync();
            await browser.InteractiveAsync(managerPage);
            var entry = managerPage.GetByTestId("calendar-item")
                .Filter(new() { Has = managerPage.GetByTestId("calendar-item-title").GetByText(CallStep, new() { Exact = true }) });
            await BrowserFixture.OpenCalendarEntryAsync(managerPage, entry);
            await Expect(managerPage.GetByTestId("item-details-kind")).ToHaveTextAsync("Call");
            await Expect(managerPage.GetByTestId("item-details-lead")).ToHaveTextAsync(person);
            await managerPage.GetByTestId("complete-item").ClickAsync();
            await Expect(managerPage.GetByTestId("complete-dialog")).ToBeVisibleAsync();
            await BrowserFixture.FillFieldAsync(managerPage, "item-result-input", "Called; wants an offer");
            await managerPage.GetByTestId("complete-confirm").ClickAsync();
            await Expect(managerPage.GetByTestId("complete-dialog")).ToHaveCountAsync(0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(managerPage), ex);
        }

        // The director watches the instance: the call is done, the offer is the active step, the log says who called.
        try
        {
            await browser.OpenAsync(page, $"/processes/{processId}/instances");
            var instance = page.GetByTestId("instance-open").First;
            await Expect(page.GetByTestId("instance-record")).ToContainTextAsync(person);
            await instance.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/process-instances/[0-9a-f-]{36}$"));
            await browser.InteractiveAsync(page);
            var offerActive = ShapeOf(page, "instance-diagram", "Task_SendOffer").And(page.Locator(".crm-active"));
            // The engine moves on when the completion reaches it: the page shows the state of when it was opened.
            await UntilShownAsync(page, page.Url, offerActive);
            await Expect(ShapeOf(page, "instance-diagram", "Task_CallLead")).ToHaveClassAsync(new Regex(@"\bcrm-done\b"));
            await Expect(ShapeOf(page, "instance-diagram", "Task_SendOffer")).Not.ToHaveClassAsync(new Regex(@"\bcrm-done\b"));
            await Expect(page.GetByTestId("instance-steps")).ToHaveTextAsync(OfferStep);
            await Expect(page.GetByTestId("instance-record")).ToContainTextAsync(person);
            var completedLine = page.Locator("[data-testid=instance-log] tr").Filter(new() { HasText = $"Task “{CallStep}” completed by {manager}" });
            await Expect(completedLine).ToHaveCountAsync(1);
            await Expect(completedLine.GetByTestId("log-step")).ToHaveTextAsync(CallStep);
            await Expect(page.Locator("[data-testid=instance-log] tr").Filter(new() { HasText = $"Task “{OfferStep}” created for {manager}" })).ToHaveCountAsync(1);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }


    /// <summary>The diagram's shape of one BPMN element (bpmn-js puts the viewer's markers on it as classes).</summary>
    private static ILocator ShapeOf(IPage page, string canvasTestId, string elementId) =>
        page.Locator($"[data-testid={canvasTestId}] .djs-element.djs-shape[data-element-id={elementId}]");

    /// <summary>
    /// Opens the page again until it shows what a background step (an event delivered, the engine's
    /// next step) brings: a person would press F5 too. Fails with the page described after two minutes.
    /// </summary>
    private async Task UntilShownAsync(IPage page, string path, ILocator shown)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await browser.OpenAsync(page, path);
            try
            {
                await Expect(shown).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>A web form whose leads carry the tag <paramref name="tag"/>, and a rule (first in the list) giving such leads to the manager.</summary>
    private async Task<string> WebFormAssigningToAsync(string managerId, string tag)
    {
        var existing = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Get, "/api/clients/v1/lead-assignment-rules");
        var rules = new List<object> { new { name = $"E2E process {tag}", tag, managerUserIds = new[] { managerId } } };
        if (existing.TryGetProperty("rules", out var saved))
        {
            rules.AddRange(saved.EnumerateArray().Select(r => (object)r));
        }
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Put, "/api/clients/v1/lead-assignment-rules", new { rules });
        var form = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/lead-forms",
            new { name = $"E2E process form {tag}", allowedOrigins = new[] { Site }, tags = new[] { tag } });
        return form.GetProperty("publicKey").GetString()!;
    }

    private async Task SubmitWebFormAsync(string formKey, string person, string suffix)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/clients/v1/forms/{formKey}/submit");
        submit.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["person_name"] = person,
            ["company_name"] = $"E2E Process Company {suffix}",
            ["email"] = $"process-{suffix}@e2e.example",
            ["message"] = "Перезвоните, пожалуйста",
            ["website"] = "",
        });
        submit.Headers.Add("Origin", Site);
        using var response = await suite.Anonymous.SendAsync(submit, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
