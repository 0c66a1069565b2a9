using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Documents;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The Files section of a record's card: list, upload answers, preview, delete, search.</summary>
public sealed class RecordFilesTests : UiTest
{
    private FakeAttachmentsClient Files { get; } = new();

    public RecordFilesTests()
    {
        Services.AddSingleton<Attachments.AttachmentsClient>(Files);
        Services.AddSingleton<Organisations.OrganisationsClient>(new FakeOrganisationsClient());
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite);
    }

    private IRenderedComponent<RecordFiles> RenderFiles(string recordType = "company", string recordId = "c-1", bool readOnly = false) =>
        Render<RecordFiles>(p => p.Add(f => f.RecordType, recordType).Add(f => f.RecordId, recordId).Add(f => f.ReadOnly, readOnly));

    [Fact]
    public void A_record_without_files_says_so_and_offers_the_upload()
    {
        var files = RenderFiles("deal", "d-7");

        files.WaitForElement("[data-testid=files-empty]");
        Assert.Contains(Texts.Files.None.En, files.Find("[data-testid=files-empty]").TextContent);
        Assert.Contains(Texts.Files.Upload.En, files.Find("[data-testid=files-upload]").TextContent);
        Assert.Equal("file", files.Find("[data-testid=files-input]").GetAttribute("type"));
        var asked = Assert.Single(Files.Listed);
        Assert.Equal(("deal", "d-7"), (asked.RecordType, asked.RecordId));
    }

    [Fact]
    public void Each_file_shows_its_name_size_uploader_and_time_and_only_images_and_PDF_offer_a_preview()
    {
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));
        Files.Stored.Add(FakeAttachmentsClient.File("f-2", "Смета.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 3 * 1024 * 1024 + 300_000));

        var files = RenderFiles();

        files.WaitForAssertion(() => Assert.Equal(2, files.FindAll("[data-testid=file-name]").Count));
        Assert.Equal(["Договор.pdf", "Смета.docx"], files.FindAll("[data-testid=file-name]").Select(n => n.TextContent.Trim()));
        Assert.Equal(["12.5 KB", "3.3 MB"], files.FindAll("[data-testid=file-size]").Select(n => n.TextContent));
        Assert.All(files.FindAll("[data-testid=file-uploaded-by]"), n => Assert.Equal("Boris Ivanov", n.TextContent));
        Assert.Equal("2026-03-01T09:30:00.0000000+00:00", files.Find("[data-testid=file-uploaded-at]").GetAttribute("datetime"));
        Assert.Equal(["files/f-1", "files/f-2"], files.FindAll("[data-testid=file-download]").Select(a => a.GetAttribute("href")));
        Assert.Single(files.FindAll("[data-testid=file-preview]"));
        Assert.Empty(files.FindAll("[data-testid=files-empty]"));
    }

    [Fact]
    public void The_preview_shows_a_PDF_in_a_frame_and_an_image_as_an_image()
    {
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));
        Files.Stored.Add(FakeAttachmentsClient.File("f-3", "Печать.png", "image/png", 2_000));
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var files = RenderFiles();

        files.WaitForElements("[data-testid=file-preview]")[0].Click();
        dialogs.WaitForAssertion(() => Assert.Equal("files/f-1?inline=true", dialogs.Find("[data-testid=file-preview-frame]").GetAttribute("src")));
        dialogs.Find(".rz-dialog-titlebar-close").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=file-preview-dialog]")));

        files.FindAll("[data-testid=file-preview]")[1].Click();
        dialogs.WaitForAssertion(() => Assert.Equal("files/f-3?inline=true", dialogs.Find("[data-testid=file-preview-image]").GetAttribute("src")));
    }

    [Fact]
    public void Deleting_asks_first_and_then_the_file_leaves_the_list()
    {
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var files = RenderFiles();

        files.WaitForElement("[data-testid=file-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Договор.pdf", dialogs.Find(".rz-dialog").TextContent));
        Assert.Empty(Files.Deleted);
        dialogs.FindAll(".rz-dialog button").Single(b => b.TextContent.Trim() == Texts.Files.Delete.En).Click();

        files.WaitForElement("[data-testid=files-empty]");
        Assert.Equal(["f-1"], Files.Deleted);
    }

    [Fact]
    public void Without_documents_write_or_on_an_archived_record_files_can_be_seen_but_not_added_or_deleted()
    {
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead);
        var files = RenderFiles();
        files.WaitForElement("[data-testid=file-download]");
        Assert.Empty(files.FindAll("[data-testid=files-upload]"));
        Assert.Empty(files.FindAll("[data-testid=file-delete]"));

        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite);
        var archived = RenderFiles(readOnly: true);
        archived.WaitForElement("[data-testid=file-download]");
        Assert.Empty(archived.FindAll("[data-testid=files-upload]"));
        Assert.Empty(archived.FindAll("[data-testid=file-delete]"));
    }

    [Fact]
    public async Task Searching_asks_for_this_records_files_with_the_words_and_says_when_nothing_matches()
    {
        var clock = UseManualClock();
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));
        var files = RenderFiles("lead", "l-1");
        await TypeAsync(files, () => files.Find("[data-testid=files-search]").Input("поставки"));

        clock.Advance(Common.Debouncer.Typing);

        files.WaitForElement("[data-testid=files-nothing-found]", Typing);
        var search = Assert.Single(Files.Searched);
        Assert.Equal(("поставки", "lead", "l-1"), (search.Query, search.RecordType, search.RecordId));
    }

    [Fact]
    public async Task An_upload_shows_its_progress_and_then_the_file_in_the_list()
    {
        var files = RenderFiles();
        files.WaitForElement("[data-testid=files-empty]");

        await files.Instance.UploadProgress("Счёт.pdf", 40);
        Assert.Contains("Счёт.pdf", files.Find("[data-testid=files-upload-progress]").TextContent);
        Assert.Equal("40", files.Find("[data-testid=files-upload-progress] [aria-valuenow]").GetAttribute("aria-valuenow"));

        var stored = FakeAttachmentsClient.File("f-9", "Счёт.pdf", "application/pdf", 1_000);
        Files.Stored.Add(stored);
        await files.Instance.UploadFinished("Счёт.pdf", 201, JsonFormatter.Default.Format(stored));

        files.WaitForAssertion(() => Assert.Equal("Счёт.pdf", files.Find("[data-testid=file-name]").TextContent.Trim()));
        Assert.Empty(files.FindAll("[data-testid=files-upload-progress]"));
        Assert.Empty(files.FindAll("[data-testid=files-upload-error]"));
    }

    [Fact]
    public async Task A_refused_upload_says_why_at_the_drop_zone_in_the_services_words()
    {
        var files = RenderFiles();
        files.WaitForElement("[data-testid=files-empty]");

        await files.Instance.UploadFinished("счёт.pdf", 400,
            """{"title":"One or more fields are invalid.","status":400,"errors":{"file":["'счёт.pdf' is a Windows program (MZ/PE), not a document."]}}""");
        await files.Instance.UploadFinished("скан.pdf", 413, "");

        var errors = files.FindAll("[data-testid=files-drop-zone] [data-testid=files-upload-error]");
        Assert.Equal(2, errors.Count);
        Assert.Contains(Texts.Files.UploadRefused.En, errors[0].TextContent);
        Assert.Contains("is a Windows program (MZ/PE), not a document.", errors[0].TextContent);
        Assert.Contains("скан.pdf", errors[1].TextContent);
        Assert.Contains(Texts.Files.TooLarge.En, errors[1].TextContent);
        Assert.Empty(files.FindAll("[data-testid=file-name]"));
    }

    [Fact]
    public void In_the_browser_the_drop_zone_and_file_input_are_connected_to_the_upload_for_this_record()
    {
        Interactive();
        var module = JSInterop.SetupModule("./_content/CrmSuite.Gateway.UI/crm-files.js");
        module.SetupModule(invocation => invocation.Identifier == "attach");

        var files = RenderFiles("contact", "p-5");

        files.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));
        var options = module.Invocations["attach"][0].Arguments[3]!;
        string Option(string name) => Convert.ToString(options.GetType().GetProperty(name)!.GetValue(options), System.Globalization.CultureInfo.InvariantCulture)!;
        Assert.Equal(("files", "contact", "p-5", "52428800"), (Option("url"), Option("recordType"), Option("recordId"), Option("maxBytes")));
    }

    [Fact]
    public void The_company_card_has_a_Files_tab_with_the_companys_files()
    {
        CompaniesApi.OnGet = _ => Calls.Ok(new CrmSuite.Clients.Contracts.Company { Id = "c-1", Name = "Alfa LLC", Version = "v1" });
        Files.Stored.Add(FakeAttachmentsClient.File("f-1", "Договор.pdf", "application/pdf", 12_800));

        var card = Render<CrmSuite.Gateway.UI.Clients.CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForAssertion(() => Assert.Equal("Договор.pdf", card.Find("[data-testid=files] [data-testid=file-name]").TextContent.Trim()));
        Assert.Contains(Texts.Files.Title.En, card.Find("[data-testid=tab-files]").TextContent);
        Assert.Contains(Files.Listed, r => r.RecordType == "company" && r.RecordId == "c-1");
    }

    [Fact]
    public void Without_documents_read_the_company_card_says_files_are_not_open_to_the_person()
    {
        SignInWith(Permissions.ClientsRead);
        CompaniesApi.OnGet = _ => Calls.Ok(new CrmSuite.Clients.Contracts.Company { Id = "c-1", Name = "Alfa LLC", Version = "v1" });

        var card = Render<CrmSuite.Gateway.UI.Clients.CompanyCard>(p => p.Add(c => c.Id, "c-1"));

        card.WaitForElement("[data-testid=files-no-access]");
        Assert.Empty(Files.Listed);
    }
}
