using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Imports;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Microsoft.AspNetCore.Components.Forms;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class ImportWizardTests : UiTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public ImportWizardTests()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
        ImportWizardPage.PollInterval = TimeSpan.FromMilliseconds(20);
        UseCulture("ru");
    }

    private static ImportJob Uploaded() => new()
    {
        Id = "import-1", FileName = "clients.csv", Format = "csv", Encoding = "utf-8", Delimiter = ";", Status = ImportStatus.Uploaded, TotalRows = 2,
        Headers = { "Наименование", "ИНН", "Комментарий" },
        Mapping = { new ColumnMapping { Column = 0, Field = "name" }, new ColumnMapping { Column = 1, Field = "inn" }, new ColumnMapping { Column = 2, Field = "" } },
        Fields = { "name", "inn", "email", "phone" },
    };

    private static ImportRow Duplicate() => new()
    {
        RowNumber = 1, Name = "Альфа", Inn = "7707083893", Action = ImportRowAction.Update, SuggestedAction = ImportRowAction.Update,
        Reasons = { DuplicateReason.Inn }, MatchCompanyId = "c-1", MatchCompanyName = "ООО Альфа",
    };

    private static ImportRow Broken() => new()
    {
        RowNumber = 2, Name = "Бета", Inn = "123", Action = ImportRowAction.Error, SuggestedAction = ImportRowAction.Error,
        Errors = { new ImportFieldError { Field = "inn", Message = "INN must be 10 digits (organisation) or 12 digits (individual)." } },
    };

    [Fact]
    public void The_wizard_uploads_maps_previews_lets_a_duplicate_be_merged_runs_and_undoes()
    {
        Interactive();
        ImportsApi.OnUpload = Uploaded;
        // As the service does: the preview is worked out in the background, then the run.
        ImportsApi.OnMap = request => Calls.Ok(new ImportJob(Uploaded()) { Status = ImportStatus.Previewing });
        ImportsApi.OnListRows = _ => Calls.Ok(new ListImportRowsResponse { Rows = { Duplicate(), Broken() } });
        ImportsApi.OnChoose = request => Calls.Ok(new ImportRow(Duplicate()) { Action = request.Action });
        var previewDone = false;
        var runPolls = 0;
        ImportsApi.OnGet = request => Calls.Ok(ImportsApi.StartRequests.Count == 0
            ? new ImportJob(Uploaded()) { Status = Volatile.Read(ref previewDone) ? ImportStatus.Previewed : ImportStatus.Previewing, RowsDone = 1 }
            : ++runPolls < 2
                ? new ImportJob(Uploaded()) { Status = ImportStatus.Running, RowsDone = 1 }
                : new ImportJob(Uploaded()) { Status = ImportStatus.Completed, RowsDone = 2, Merged = 1, Errors = 1 });
        ImportsApi.OnStart = request => Calls.Ok(new ImportJob(Uploaded()) { Status = ImportStatus.Running });
        var dialogs = Render<RadzenDialog>();
        var page = Render<ImportWizardPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Наименование;ИНН;Комментарий\nАльфа;7707083893;\n", "clients.csv"));

        page.WaitForAssertion(() => Assert.Equal(["Наименование", "ИНН", "Комментарий"], page.FindAll("[data-testid=mapping-header]").Select(h => h.TextContent)), Wait);
        Assert.Equal("clients.csv", ImportsApi.UploadedChunks[0].FileName);
        Assert.Equal("inn", page.Find("[data-testid=mapping-1]").GetAttribute("value"));
        page.Find("[data-testid=mapping-2]").Change("phone");
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Equal("Проверяем строки: 1 из 2", page.Find("[data-testid=import-preview-progress-text]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=import-row]"));
        Volatile.Write(ref previewDone, true);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=import-row]").Count), Wait);
        Assert.Equal(["name", "inn", "phone"], ImportsApi.MapRequests.Single().Mapping.Select(m => m.Field));
        var rows = page.FindAll("[data-testid=import-row]");
        Assert.Contains("тот же ИНН", rows[0].QuerySelector("[data-testid=import-row-reason]")!.TextContent);
        Assert.Equal("ООО Альфа", rows[0].QuerySelector("[data-testid=import-row-match]")!.TextContent);
        Assert.Contains("INN must be 10 digits", rows[1].QuerySelector("[data-testid=import-row-error]")!.TextContent);
        Assert.Equal(["Error", "Skip"], rows[1].QuerySelectorAll("option").Select(o => o.GetAttribute("value")));

        page.FindAll("[data-testid=row-action]")[0].Change(nameof(ImportRowAction.Merge));
        page.WaitForAssertion(() => Assert.Equal(ImportRowAction.Merge, ImportsApi.ChooseRequests.Single().Action), Wait);
        Assert.Equal(1, ImportsApi.ChooseRequests.Single().RowNumber);

        page.Find("[data-testid=import-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("объединено: 1", page.Find("[data-testid=import-summary]").TextContent), Wait);

        page.Find("[data-testid=import-undo]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("Отменить импорт")).Click(), Wait);
        page.WaitForAssertion(() => Assert.Equal("import-1", ImportsApi.UndoRequests.Single().Id), Wait);
        page.WaitForAssertion(() => Assert.Contains("Импорт отменён", page.Find("[data-testid=import-result]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=import-undo]"));
    }

    [Fact]
    public void A_preview_cut_off_by_a_restart_says_so_and_offers_the_mapping_again()
    {
        Interactive();
        ImportsApi.OnGet = _ => Calls.Ok(new ImportJob(Uploaded()) { Failure = "The preview was interrupted (the service restarted); show it again." });

        var page = Render<ImportWizardPage>(p => p.Add(c => c.Id, "import-1"));

        page.WaitForAssertion(() => Assert.Contains("interrupted", page.Find("[data-testid=import-preview-failure]").TextContent), Wait);
        Assert.NotNull(page.Find("[data-testid=import-preview]"));
    }

    [Fact]
    public void A_file_over_50_MB_is_refused_before_it_is_sent()
    {
        Interactive();
        var page = Render<ImportWizardPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[50 * 1024 * 1024 + 1], "huge.csv"));

        page.WaitForAssertion(() => Assert.Contains("50 МБ", page.Find("[data-testid=import-error]").TextContent), Wait);
        Assert.Empty(ImportsApi.UploadedChunks);
    }

    [Fact]
    public void The_history_lists_imports_and_says_when_there_are_none()
    {
        var empty = Render<ImportHistoryPage>();
        empty.WaitForElement("[data-testid=import-history-empty]");

        ImportsApi.OnList = _ => Calls.Ok(new ListImportsResponse { Imports = { new ImportJob(Uploaded()) { Status = ImportStatus.Completed, Created = 2 } } });
        var page = Render<ImportHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal("clients.csv", page.Find("[data-testid=import-history-file]").TextContent));
        Assert.Equal("Завершён", page.Find("[data-testid=import-history-status]").TextContent);
    }

    [Fact]
    public void The_export_buttons_are_there_only_with_the_export_permission_and_send_the_list_filter()
    {
        Interactive();
        var withoutPermission = Render<ClientsList>();
        Assert.Empty(withoutPermission.FindAll("[data-testid=export-csv]"));

        SignInWith(Permissions.ClientsRead, Permissions.ClientsExport);
        var list = Render<ClientsList>();
        list.Find("[data-testid=include-archived]").Click();
        list.Find("[data-testid=export-xlsx]").Click();

        list.WaitForAssertion(() => Assert.Equal(ExportFormat.Xlsx, ExportsApi.Requests.Single().Format));
        Assert.True(ExportsApi.Requests.Single().IncludeArchived);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "downloadBase64");
    }

    // Every field change of the form re-renders the card, so the check beside it always sees the
    // draft (it used to depend on an incidental re-render and failed on a busy machine).
    [Fact]
    public async Task The_new_company_form_shows_duplicates_and_can_fill_the_existing_company_instead()
    {
        Interactive();
        var existing = new Company { Id = "c-1", Name = "ООО Альфа", Inn = "7707083893", Version = "5" };
        DuplicatesApi.OnFind = _ => Calls.Ok(new FindDuplicatesResponse
        {
            Candidates = { new DuplicateCandidate { Company = existing, Reasons = { DuplicateReason.Inn, DuplicateReason.Name } } },
        });
        CompaniesApi.OnGet = _ => Calls.Ok(existing);
        var card = Render<CompanyCard>();

        card.Find("[data-testid=company-name-input]").Change("Альфа");
        card.Find("[data-testid=company-email-input]").Change("sales@alfa.ru");

        await card.WaitForAssertionAsync(() => Assert.Contains(DuplicatesApi.FindRequests, r => r.Name == "Альфа" && r.Email == "sales@alfa.ru"), Wait);
        await card.WaitForAssertionAsync(() => Assert.Contains("тот же ИНН, похожее название", card.Find("[data-testid=duplicate-candidate-reasons]").TextContent), Wait);
        Assert.Equal("ООО Альфа", card.Find("[data-testid=duplicate-candidate-name]").TextContent);
        card.Find("[data-testid=duplicate-merge]").Click();

        await card.WaitForAssertionAsync(() => Assert.Single(CompaniesApi.UpdateRequests), Wait);
        var update = CompaniesApi.UpdateRequests.Single();
        Assert.Equal(("c-1", "5", "ООО Альфа", "sales@alfa.ru"), (update.Id, update.Version, update.Name, update.Email));
        Assert.EndsWith("/clients/c-1", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_merges_another_company_into_itself()
    {
        Interactive();
        var alfa = new Company { Id = "c-1", Name = "ООО Альфа", Version = "5" };
        CompaniesApi.OnGet = _ => Calls.Ok(alfa);
        DuplicatesApi.OnFind = _ => Calls.Ok(new FindDuplicatesResponse { Candidates = { new DuplicateCandidate { Company = new Company { Id = "c-2", Name = "Альфа (старая)" } } } });
        DuplicatesApi.OnMerge = request => Calls.Ok(new Company(alfa) { Email = "old@alfa.ru", ContactCount = 3 });
        var dialogs = Render<RadzenDialog>();
        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=merge-company]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=merge-option]").Change(true), Wait);
        dialogs.Find("[data-testid=merge-confirm]").Click();

        card.WaitForAssertion(() => Assert.Equal(("c-1", "c-2"), (DuplicatesApi.MergeRequests.Single().SurvivorId, DuplicatesApi.MergeRequests.Single().MergedId)), Wait);
        card.WaitForAssertion(() => Assert.Equal("old@alfa.ru", card.Find("[data-testid=company-email]").TextContent), Wait);
    }

    [Fact]
    public void A_merged_companys_card_leads_to_the_company_it_was_merged_into()
    {
        Interactive();
        CompaniesApi.OnGet = request => Calls.Ok(request.Id == "c-2"
            ? new Company { Id = "c-2", Name = "Старая", Archived = true, MergedIntoId = "c-1" }
            : new Company { Id = "c-1", Name = "Оставшаяся" });

        Render<CompanyCard>(p => p.Add(c => c.Id, "c-2"));

        Assert.EndsWith("/clients/c-1", Navigation.Uri, StringComparison.Ordinal);
    }
}
