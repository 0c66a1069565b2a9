using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Documents;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The Documents area: for now, a search over every file the person may see.</summary>
public sealed class DocumentsPageTests : UiTest
{
    private FakeAttachmentsClient Files { get; } = new();

    public DocumentsPageTests()
    {
        Services.AddSingleton<Attachments.AttachmentsClient>(Files);
        Services.AddSingleton<Organisations.OrganisationsClient>(new FakeOrganisationsClient());
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead);
    }

    [Fact]
    public async Task The_search_looks_through_every_record_and_each_file_shows_the_record_it_is_on()
    {
        var clock = UseManualClock();
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор поставки.pdf", "application/pdf", 12_800, "company", "c-1"));
        Files.Stored.Add(FakeAttachmentsClient.File("f-2", "Договор аренды.docx", "application/msword", 4_000, "lead", "l-2"));
        var page = Render<DocumentsPage>();
        Assert.Contains(Texts.DocumentsArea.Start.En, page.Find("[data-testid=documents-start]").TextContent);
        Assert.Empty(Files.Searched);

        await TypeAsync(page, () => page.Find("[data-testid=documents-search]").Input("договор"));
        clock.Advance(Common.Debouncer.Typing);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=file-name]").Count), Typing);
        var search = Assert.Single(Files.Searched);
        Assert.Equal(("договор", "", ""), (search.Query, search.RecordType, search.RecordId));
        Assert.Equal(["Company", "Lead"], page.FindAll("[data-testid=file-record]").Select(r => r.TextContent.Trim()));
        Assert.Equal(["clients/c-1", "leads/l-2"], page.FindAll("a[data-testid=file-record]").Select(a => a.GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-testid=file-delete]"));
    }

    [Fact]
    public async Task A_search_without_matches_says_so()
    {
        var clock = UseManualClock();
        var page = Render<DocumentsPage>();

        await TypeAsync(page, () => page.Find("[data-testid=documents-search]").Input("счёт"));
        clock.Advance(Common.Debouncer.Typing);

        page.WaitForElement("[data-testid=documents-nothing-found]", Typing);
    }

    [Fact]
    public void The_menu_opens_the_documents_area_for_those_who_read_documents_and_it_is_no_longer_marked_as_coming()
    {
        var nav = Render<NavMenu>();
        Assert.Equal("documents", nav.Find("[data-testid=nav-documents]").GetAttribute("href"));
        Assert.Empty(nav.FindAll("[data-testid=nav-documents-soon]"));

        SignInWith(Permissions.ClientsRead);
        Assert.Empty(Render<NavMenu>().FindAll("[data-testid=nav-documents]"));
    }

    [Fact]
    public void Opening_the_area_shows_the_search_not_a_coming_soon_page()
    {
        Navigation.NavigateTo("documents");
        Interactive();

        var routes = Render<Routes>();

        routes.WaitForElement("[data-testid=documents-page]");
        Assert.Empty(routes.FindAll("[data-testid=coming-soon]"));
    }
}
