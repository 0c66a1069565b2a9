using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>A person at the staff web UI, through the gateway, in Chromium: sign in, click, see.</summary>
public sealed class BrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string ChosenPassword = "My-Own-Pass-2026";

    [Fact]
    public async Task A_wrong_password_is_shown_clearly_and_the_right_one_lets_the_admin_in()
    {
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        await page.GotoAsync("/clients");
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Wrong user name or password");

        await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync("Administrator");
        await Expect(page.GetByTestId("nav-admin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var userName = Unique("locked");
        var password = await suite.CreateUserAsync(userName, "SalesManager");
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        await page.GotoAsync("/clients");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GetByTestId("login-username").FillAsync(userName);
            await page.GetByTestId("login-password").FillAsync("wrong-" + attempt);
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        }
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("locked");

        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("locked");
    }

    [Fact]
    public async Task A_manager_creates_a_company_finds_it_opens_its_card_and_edits_it()
    {
        var userName = Unique("maria");
        var page = await SignInNewUserAsync(userName, "SalesManager");
        var name = $"ООО «Браузер {userName[^6..]}»";

        try
        {
            await browser.OpenAsync(page, "/clients");
            await page.GetByTestId("new-company").ClickAsync();
            await BrowserFixture.FillFieldAsync(page, "company-name-input", name);
            await BrowserFixture.FillFieldAsync(page, "company-inn-input", "7707083894");
            await page.GetByTestId("save-company").ClickAsync();
            await Expect(page.GetByTestId("field-error-inn")).ToContainTextAsync("check digits");

            await BrowserFixture.FillFieldAsync(page, "company-inn-input", "7707083893");
            await BrowserFixture.FillFieldAsync(page, "company-phone-input", "8 (495) 123-45-67");
            await page.GetByTestId("save-company").ClickAsync();
            await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(name);
            await Expect(page.GetByTestId("company-phone")).ToContainTextAsync("+74951234567");

            await browser.OpenAsync(page, "/clients");
            var typed = "браузер " + userName[^6..];
            await page.GetByTestId("clients-search").PressSequentiallyAsync(typed);
            // A new manager's whole list is this one company: wait for the list to show the search's
            // answer (the text it searched for, nothing loading), so the link seen is the search's.
            await Expect(page.GetByTestId("clients-grid")).ToHaveAttributeAsync("data-query", typed);
            await Expect(page.Locator("[data-testid=clients-grid] .rz-datatable-loading")).ToHaveCountAsync(0);
            var link = page.GetByTestId("company-link").Filter(new() { HasText = name });
            await Expect(link).ToHaveCountAsync(1);
            await link.ClickAsync();
            await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(name);

            await page.GetByTestId("edit-company").ClickAsync();
            await BrowserFixture.FillFieldAsync(page, "company-email-input", "Office@Browser.Example");
            await page.GetByTestId("save-company").ClickAsync();
            await Expect(page.GetByTestId("company-email")).ToContainTextAsync("office@browser.example");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    [Fact]
    public async Task A_sales_manager_cannot_open_another_managers_client_by_its_address()
    {
        var owner = await SignInNewUserAsync(Unique("owner"), "SalesManager");
        await browser.OpenAsync(owner, "/clients/new");
        var name = "Private Client " + Guid.NewGuid().ToString("N")[..6];
        await BrowserFixture.FillFieldAsync(owner, "company-name-input", name);
        await owner.GetByTestId("save-company").ClickAsync();
        await Expect(owner.GetByTestId("company-name")).ToHaveTextAsync(name);
        var cardUrl = new Uri(owner.Url).PathAndQuery;

        var other = await SignInNewUserAsync(Unique("other"), "SalesManager");
        await browser.OpenAsync(other, cardUrl);
        await Expect(other.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(other.GetByText(name)).ToHaveCountAsync(0);
        await browser.OpenAsync(other, "/clients");
        await Expect(other.GetByTestId("company-link").Filter(new() { HasText = name })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_turns_on_two_factor_and_then_signs_in_with_a_code()
    {
        var userName = Unique("twofa");
        var page = await SignInNewUserAsync(userName, "Accountant");
        await page.GotoAsync("/identity/security");
        var key = (await page.GetByTestId("totp-key").TextContentAsync())!.Trim();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByTestId("totp-code").FillAsync(totp.ComputeTotp());
        await page.GetByTestId("totp-enable").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var recoveryCode = (await page.GetByTestId("recovery-codes").Locator("li").First.TextContentAsync())!.Trim();

        await browser.OpenAsync(page, "/");
        await page.GetByTestId("sign-out").ClickAsync();
        await page.GotoAsync("/clients");
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(ChosenPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("totp-code").FillAsync("000000");
        await page.GetByTestId("totp-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("not valid");
        await page.GetByTestId("totp-code").FillAsync(totp.ComputeTotp());
        await page.GetByTestId("totp-submit").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync(userName);

        // Without the phone: a recovery code works once.
        await browser.InteractiveAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await page.GotoAsync("/clients");
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(ChosenPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("use-recovery").ClickAsync();
        await page.GetByTestId("recovery-code").FillAsync(recoveryCode);
        await page.GetByTestId("totp-submit").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync(userName);
    }

    [Fact]
    public async Task An_auditor_finds_who_viewed_a_client_sees_the_change_and_verifies_the_log()
    {
        var manager = await SignInNewUserAsync(Unique("viewer"), "SalesManager");
        await browser.OpenAsync(manager, "/clients/new");
        var name = "Watched Client " + Guid.NewGuid().ToString("N")[..6];
        await BrowserFixture.FillFieldAsync(manager, "company-name-input", name);
        await manager.GetByTestId("save-company").ClickAsync();
        try
        {
            await Expect(manager.GetByTestId("company-name")).ToHaveTextAsync(name);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(manager), ex);
        }
        var companyId = new Uri(manager.Url).AbsolutePath.Split('/').Last();

        var auditor = await SignInNewUserAsync(Unique("auditor"), "Auditor");
        await browser.OpenAsync(auditor, "/audit");
        await BrowserFixture.FillFieldAsync(auditor, "audit-filter-entity-id", companyId);
        // Events travel through the outbox and pub/sub: search again until they have arrived.
        // The action is shown by its name; its code is kept on the cell for auditors (tooltip, data-code).
        var created = auditor.GetByTestId("audit-grid").Locator("tr", new() { Has = auditor.Locator("[data-code='clients.company.created']") });
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await auditor.GetByTestId("audit-search-submit").ClickAsync();
            await auditor.WaitForTimeoutAsync(500);
            if (await created.CountAsync() == 1)
            {
                break;
            }
        }
        await Expect(created).ToHaveCountAsync(1);
        await Expect(created.GetByTestId("audit-action")).Not.ToHaveTextAsync("clients.company.created");
        await created.ClickAsync();
        await Expect(auditor.GetByTestId("audit-diff")).ToContainTextAsync(name);

        await auditor.GetByTestId("verify-chain").ClickAsync();
        await Expect(auditor.GetByTestId("verify-result")).ToHaveAttributeAsync("data-ok", "true");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await SignInNewUserAsync(Unique("leaver"), "SalesManager");
        await page.GetByTestId("sign-out").ClickAsync();
        await page.GotoAsync("/clients");
        await Expect(page.GetByTestId("login-username")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_language_switch_shows_the_UI_in_Russian_and_remembers_it_for_the_user()
    {
        var userName = Unique("lang");
        var page = await SignInNewUserAsync(userName, "SalesManager");
        await browser.InteractiveAsync(page);
        await page.GetByTestId("lang-ru").ClickAsync();
        await Expect(page.GetByTestId("nav-clients")).ToContainTextAsync("Клиенты");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("nav-clients")).ToContainTextAsync("Клиенты");

        // Another browser (no cookies) with an English locale: the user's choice comes back at sign-in.
        var elsewhere = await browser.NewPageAsync(suite.GatewayAddress);
        await elsewhere.GotoAsync("/clients");
        await elsewhere.GetByTestId("login-username").FillAsync(userName);
        await elsewhere.GetByTestId("login-password").FillAsync(ChosenPassword);
        await elsewhere.GetByTestId("login-submit").ClickAsync();
        await Expect(elsewhere.GetByTestId("nav-clients")).ToContainTextAsync("Клиенты");

        await browser.InteractiveAsync(elsewhere);
        await elsewhere.GetByTestId("lang-en").ClickAsync();
        await Expect(elsewhere.GetByTestId("nav-clients")).ToContainTextAsync("Clients");
    }


    private static string Unique(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A new user of the role: first sign-in with the one-time password, then a chosen one.</summary>
    private async Task<IPage> SignInNewUserAsync(string userName, string role)
    {
        var oneTime = await suite.CreateUserAsync(userName, role);
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        await browser.SignInFirstTimeAsync(page, userName, oneTime, ChosenPassword);
        return page;
    }
}
