using Bunit;
using CrmSuite.Audit.Contracts;
using CrmSuite.Gateway.UI.Audit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class AuditPageTests : UiTest
{
    public AuditPageTests() => SignInWith(Permissions.AuditRead);

    [Fact]
    public void The_first_page_of_entries_is_shown()
    {
        AuditApi.OnSearch = _ => Calls.Ok(Page("", Entry(2, "Anna Petrova", "clients.company.updated"), Entry(1, "Ivan Sidorov", "clients.company.viewed")));

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-row]").Count));
        Assert.Equal(["Anna Petrova", "Ivan Sidorov"], page.FindAll("[data-testid=audit-actor]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Company: updated", "Company: viewed"], page.FindAll("[data-testid=audit-action]").Select(e => e.TextContent));
        Assert.Contains("10.0.0.7", page.Find("[data-testid=audit-grid]").TextContent);
        Assert.Equal("", AuditApi.SearchRequests.Single().PageToken);
    }

    [Fact]
    public void No_entries_shows_the_empty_state()
    {
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains(Texts.Audit.None.En, page.Find("[data-testid=audit-empty]").TextContent));
    }

    [Fact]
    public void Next_page_uses_the_token_and_keeps_the_filters()
    {
        AuditApi.OnSearch = request => Calls.Ok(request.PageToken == "" ? Page("t-2", Entry(9, "A", "clients.export")) : Page("", Entry(3, "B", "clients.export")));
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Single(AuditApi.SearchRequests));
        Choose(page, "audit-filter-action", "Clients exported");
        page.Find("[data-testid=audit-search]").Submit();
        page.WaitForAssertion(() => Assert.Equal(2, AuditApi.SearchRequests.Count));

        page.Find("[data-testid=pager-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, AuditApi.SearchRequests.Count));
        Assert.Equal(("t-2", "clients.export"), (AuditApi.SearchRequests[^1].PageToken, AuditApi.SearchRequests[^1].Action));
    }

    [Fact]
    public void The_filters_are_sent_with_the_search()
    {
        AuditApi.OnSearch = _ => Calls.Ok(Page("", Entry(5, "Boris Ivanov", "clients.export", actorId: "user-7")));
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Single(AuditApi.SearchRequests));

        Choose(page, "audit-filter-actor", "Boris Ivanov");
        Choose(page, "audit-filter-action", "Clients exported");
        page.Find("[data-testid=audit-filter-entity-type]").Change("company");
        page.Find("[data-testid=audit-filter-entity-id]").Change("c-1");
        page.Find("[data-testid=audit-filter-from]").Change("2025-03-01T10:00");
        page.Find("[data-testid=audit-filter-to]").Change("2025-03-02T00:00");
        page.Find("[data-testid=audit-filter-query]").Change("alfa");
        page.Find("[data-testid=audit-search]").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, AuditApi.SearchRequests.Count));
        var request = AuditApi.SearchRequests[^1];
        Assert.Equal(("user-7", "clients.export", "company", "c-1", "alfa"),
            (request.ActorId, request.Action, request.EntityType, request.EntityId, request.Query));
        // No browser zone in the test: the times are taken as UTC.
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), request.From.ToDateTime());
        Assert.Equal(new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc), request.To.ToDateTime());
        Assert.Equal("", request.PageToken);
    }

    [Fact]
    public void Clicking_a_row_shows_the_entry_with_the_changed_field_marked()
    {
        AuditApi.OnSearch = _ => Calls.Ok(Page("", Entry(42, "Anna Petrova", "clients.company.updated")));
        AuditApi.OnGet = request =>
        {
            var entry = Entry(request.Id, "Anna Petrova", "clients.company.updated");
            entry.Before = """{"inn":"7707083893","name":"Alfa"}""";
            entry.After = """{"inn":"7707083893","name":"Alfa LLC","phone":"+74951234567"}""";
            return Calls.Ok(entry);
        };
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-row]")));

        page.Find("[data-testid=audit-row] td").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-diff]")));
        Assert.Equal(42, AuditApi.GetRequests.Single().Id);
        Assert.Contains("Anna Petrova", page.Find("[data-testid=audit-detail-actor]").TextContent);
        var rows = page.FindAll("[data-testid=audit-diff-row]");
        Assert.Equal(["inn", "name", "phone"], rows.Select(r => r.GetAttribute("data-field")));
        Assert.Equal(["false", "true", "true"], rows.Select(r => r.GetAttribute("data-changed")));
        var name = rows[1];
        Assert.Contains("crm-diff-changed", name.ClassList);
        Assert.Equal(("Alfa", "Alfa LLC"), (name.QuerySelector(".crm-diff-before")!.TextContent, name.QuerySelector(".crm-diff-after")!.TextContent));
        Assert.DoesNotContain("crm-diff-changed", rows[0].ClassList);
    }

    [Fact]
    public void Verify_chain_reports_an_intact_chain()
    {
        AuditApi.OnVerify = _ => Calls.Ok(new VerifyChainResponse { Ok = true, RowsChecked = 1234 });
        var page = Render<AuditPage>();

        page.Find("[data-testid=verify-chain]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=verify-result]").GetAttribute("data-ok")));
        Assert.Contains("1234", page.Find("[data-testid=verify-result]").TextContent);
        Assert.Single(AuditApi.VerifyRequests);
    }

    [Fact]
    public void Verify_chain_reports_the_first_broken_entry_and_why_in_the_users_language()
    {
        UseCulture("ru");
        AuditApi.OnVerify = _ => Calls.Ok(new VerifyChainResponse
        {
            Ok = false, RowsChecked = 17, FirstBrokenId = 17, Reason = ChainBreak.HashMismatch, Detail = "stored abc, computed def",
        });
        var page = Render<AuditPage>();

        page.Find("[data-testid=verify-chain]").Click();

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=verify-result]").GetAttribute("data-ok")));
        Assert.Contains("№ 17", page.Find("[data-testid=verify-result]").TextContent);
        Assert.Equal(Texts.Audit.HashMismatch.Ru, page.Find("[data-testid=verify-reason]").TextContent);
    }

    [Fact]
    public void The_alerts_tab_lists_the_alerts()
    {
        AuditApi.OnListAlerts = _ => Calls.Ok(new ListAlertsResponse
        {
            Alerts =
            {
                new Alert { Id = 1, ActorId = "u-1", ActorName = "Ivan Sidorov", ReadCount = 512, Threshold = 200, EntryId = 77,
                            RaisedAt = Timestamp.FromDateTime(new DateTime(2025, 3, 1, 10, 30, 0, DateTimeKind.Utc)) },
            },
        });

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-alerts] [data-testid=audit-alert]")));
        Assert.Equal("Ivan Sidorov", page.Find("[data-testid=audit-alert-actor]").TextContent);
        Assert.Equal("512", page.Find("[data-testid=audit-alert-count]").TextContent);
    }

    [Fact]
    public void Export_sends_the_current_filter_and_says_that_the_export_is_logged()
    {
        AuditApi.OnExport = _ => Calls.Ok(new ExportEntriesResponse { Csv = "id,action\n1,x\n", RowCount = 1, ExportEntryId = 99 });
        var page = Render<AuditPage>();
        Choose(page, "audit-filter-action", "Clients exported");
        page.Find("[data-testid=audit-search]").Submit();

        page.Find("[data-testid=audit-export]").Click();

        page.WaitForAssertion(() => Assert.Contains("#99", page.Find("[data-testid=audit-export-result]").TextContent));
        Assert.Equal("clients.export", AuditApi.ExportRequests.Single().Action);
        Assert.StartsWith("data:text/csv", page.Find("[data-testid=audit-export-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Single(JSInterop.Invocations, invocation => invocation.Identifier == "downloadText");
    }

    [Fact]
    public void Actions_entities_and_outcomes_show_by_name_in_russian_with_the_code_kept_for_auditors()
    {
        UseCulture("ru-RU");
        AuditApi.OnSearch = _ => Calls.Ok(Page("", Outcome(Entry(7, "Anna Petrova", "clients.deal.moved"), "denied"), Entry(6, "Anna Petrova", "clients.export")));

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-row]").Count));
        var actions = page.FindAll("[data-testid=audit-action]");
        Assert.Equal(["Сделка: перевод на другой этап", "Выгрузка клиентов"], actions.Select(a => a.TextContent));
        Assert.Equal(["clients.deal.moved", "clients.export"], actions.Select(a => a.GetAttribute("title")));
        Assert.Equal("Компания", page.FindAll("[data-testid=audit-entity-type]")[0].TextContent);
        Assert.Equal("Отказано", page.FindAll("[data-testid=audit-outcome]")[0].TextContent.Trim());
        Assert.DoesNotContain("clients.", page.Find("[data-testid=audit-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_person_filter_offers_colleagues_by_name_and_searches_by_their_id()
    {
        SignInWith(Permissions.AuditRead, Permissions.ClientsRead);
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "user-9", DisplayName = "Olga Smirnova" });
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Single(AuditApi.SearchRequests));

        // No id to type: the filter is a list of names.
        Assert.Empty(page.FindAll("input[data-testid=audit-filter-actor]"));
        Choose(page, "audit-filter-actor", "Olga Smirnova");
        page.Find("[data-testid=audit-search]").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, AuditApi.SearchRequests.Count));
        Assert.Equal("user-9", AuditApi.SearchRequests[^1].ActorId);
    }

    private static void Choose(IRenderedComponent<AuditPage> page, string testId, string text)
    {
        page.Find($"[data-testid={testId}]").Click();
        page.WaitForAssertion(() => page.FindAll($"[data-testid={testId}] .rz-dropdown-item").Single(i => i.TextContent.Trim() == text).Click());
    }

    private static AuditEntry Outcome(AuditEntry entry, string outcome)
    {
        entry.Outcome = outcome;
        return entry;
    }

    private static SearchEntriesResponse Page(string next, params AuditEntry[] entries) =>
        new() { Entries = { entries }, NextPageToken = next };

    private static AuditEntry Entry(long id, string actor, string action, string? actorId = null) => new()
    {
        Id = id,
        ActorId = actorId ?? $"id-{actor}",
        ActorName = actor,
        ActorRole = "Auditor",
        Action = action,
        EntityType = "company",
        EntityId = "c-1",
        Ip = "10.0.0.7",
        Outcome = "success",
        OccurredAt = Timestamp.FromDateTime(new DateTime(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc)),
    };
}
