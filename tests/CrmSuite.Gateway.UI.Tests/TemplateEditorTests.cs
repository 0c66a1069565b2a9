using System.Text;
using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.DocumentRecords;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The document templates (documents.configure): the list and the HTML editor with its live PDF preview.</summary>
public sealed class TemplateEditorTests : UiTest
{
    private const string Saved = "<p>{{ seller.name }}</p>";

    public TemplateEditorTests()
    {
        UseCulture("en-US");
        SignInWith(Permissions.DocumentsRead, Permissions.DocumentsConfigure);
        TemplatesApi.Stored.Add(new Template
        {
            Id = "t-1", Name = "Счёт на оплату", DocumentType = "invoice", Language = "ru", Kind = "html", Body = Saved, Version = "3", BuiltIn = true,
        });
        // The browser makes the preview's blob: address from the PDF's bytes (the fake's PDF is the body's text).
        var browser = JSInterop.SetupModule("./_content/CrmSuite.Gateway.UI/crm-ui.js");
        foreach (var body in new[] { Saved, Saved + "\n<p>{{ seller.inn }}</p>" })
        {
            browser.Setup<string?>("pdfUrl", call => call.Arguments[0] is byte[] pdf && Encoding.UTF8.GetString(pdf) == body).SetResult(PdfOf(body));
        }
        TemplatesApi.Stored.Add(new Template { Id = "t-2", Name = "Supply contract (Word)", DocumentType = "contract", Language = "ru", Kind = "docx", Version = "1" });
    }

    [Fact]
    public void The_templates_are_listed_by_name_and_type_and_one_opens_in_the_editor()
    {
        var page = Render<TemplatesPage>();

        page.WaitForAssertion(() => Assert.Equal(["Счёт на оплату", "Supply contract (Word)"],
            page.FindAll("[data-testid=template-row-name]").Select(e => e.TextContent)));
        Assert.Equal(["Invoice", "Contract"], page.FindAll("[data-testid=template-row-type]").Select(e => e.TextContent));

        page.FindAll("[data-testid=template-row-name]")[0].Click();

        Assert.EndsWith("/documents/templates/t-1", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_error_shows_its_line_under_the_editor_keeping_the_typed_text_and_the_focus()
    {
        var clock = UseManualClock();
        const string Broken = Saved + "\n<p>{{ seller.nam }}</p>";
        const string Fixed = Saved + "\n<p>{{ seller.inn }}</p>";
        TemplatesApi.OnPreview = request => request.Body == Broken
            ? Calls.Fail<PreviewTemplateResponse>(Calls.Invalid(("template", "Line 2: Undefined variable 'seller.nam'")))
            : null;
        var page = Render<TemplateEditorPage>(p => p.Add(e => e.Id, "t-1"));
        page.WaitForAssertion(() => Assert.Equal(PdfOf(Saved), page.Find("[data-testid=template-preview]").GetAttribute("src")));
        var previews = TemplatesApi.PreviewRequests.Count;

        await TypeAsync(page, () => page.Find("[data-testid=template-body]").Input(Broken));
        clock.Advance(Debouncer.Typing - TimeSpan.FromMilliseconds(1));
        await page.InvokeAsync(() => { });
        Assert.Equal(previews, TemplatesApi.PreviewRequests.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        page.WaitForAssertion(() => Assert.Equal("Line 2: Undefined variable 'seller.nam'", page.Find("[data-testid=template-error-template]").TextContent), Typing);
        Assert.Equal(Broken, page.Find("[data-testid=template-body]").GetAttribute("value"));
        Assert.Equal(PdfOf(Saved), page.Find("[data-testid=template-preview]").GetAttribute("src"));
        Assert.Equal(("invoice", "ru", "html", Broken), (TemplatesApi.PreviewRequests[^1].DocumentType, TemplatesApi.PreviewRequests[^1].Language,
            TemplatesApi.PreviewRequests[^1].Kind, TemplatesApi.PreviewRequests[^1].Body));

        await TypeAsync(page, () => page.Find("[data-testid=template-body]").Input(Fixed));
        clock.Advance(Debouncer.Typing);

        page.WaitForAssertion(() => Assert.Equal(PdfOf(Fixed), page.Find("[data-testid=template-preview]").GetAttribute("src")), Typing);
        Assert.Empty(page.FindAll("[data-testid=template-error-template]"));
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));

        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => Assert.Single(TemplatesApi.SaveRequests));
        Assert.Equal(("t-1", Fixed, "3"), (TemplatesApi.SaveRequests[0].Id, TemplatesApi.SaveRequests[0].Body, TemplatesApi.SaveRequests[0].Version));
    }

    [Fact]
    public void A_word_template_is_not_edited_here_and_says_why()
    {
        var page = Render<TemplateEditorPage>(p => p.Add(e => e.Id, "t-2"));

        page.WaitForAssertion(() => Assert.Contains("uploaded again", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=template-body]"));
        Assert.Empty(TemplatesApi.PreviewRequests);
    }

    private static string PdfOf(string body) => "blob:preview-" + Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
}
