using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Documents;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>Settings → our organisations' requisites.</summary>
public sealed class OrganisationsPageTests : UiTest
{
    private static readonly Organisation Romashka = new()
    {
        Id = "org-1", Name = "ООО «Ромашка»", Inn = "7736207543", Kpp = "773601001", Ogrn = "1027700132195",
        BankName = "ПАО Сбербанк", Bik = "044525225", SignatureAttachmentId = "f-sign", Version = "v1",
    };

    private FakeOrganisationsClient OrganisationsApi { get; } = new();

    public OrganisationsPageTests()
    {
        Services.AddSingleton<Organisations.OrganisationsClient>(OrganisationsApi);
        Services.AddSingleton<Attachments.AttachmentsClient>(new FakeAttachmentsClient());
        SignInWith(Permissions.DocumentsRead, Permissions.DocumentsConfigure);
    }

    [Fact]
    public void Without_organisations_the_page_says_so_and_offers_to_add_one()
    {
        var page = Render<OrganisationsPage>();

        page.WaitForElement("[data-testid=organisations-empty]");
        Assert.Contains(Texts.OurOrganisations.None.En, page.Find("[data-testid=organisations-empty]").TextContent);
        Assert.NotNull(page.Find("[data-testid=add-organisation]"));
    }

    [Fact]
    public void Each_refused_field_shows_the_services_message_under_its_own_input_and_nothing_is_listed()
    {
        OrganisationsApi.OnSave = _ => Calls.Fail<Organisation>(Calls.Invalid(
            ("inn", "INN check digits do not match; check for a typo."),
            ("settlement_account", "The account does not match the BIK (control key).")));
        var page = Render<OrganisationsPage>();
        page.WaitForElement("[data-testid=add-organisation]").Click();
        page.Find("[data-testid=org-name-input]").Change("ООО «Ромашка»");
        page.Find("[data-testid=org-inn-input]").Change("7736207544");

        page.Find("[data-testid=save-organisation]").Click();

        page.WaitForAssertion(() => Assert.Equal("INN check digits do not match; check for a typo.", page.Find("[data-testid=org-field-error-inn]").TextContent));
        Assert.NotNull(page.Find("[data-testid=org-field-error-inn]").ParentElement!.QuerySelector("[data-testid=org-inn-input]"));
        Assert.NotNull(page.Find("[data-testid=org-field-error-settlement_account]").ParentElement!.QuerySelector("[data-testid=org-settlement_account-input]"));
        Assert.Empty(page.FindAll("[data-testid=org-field-error-name]"));
        Assert.Equal(("ООО «Ромашка»", "7736207544"), (OrganisationsApi.Created.Single().Name, OrganisationsApi.Created.Single().Inn));
        Assert.Empty(page.FindAll("[data-testid=organisation-name]"));
        // The summary does not repeat what the fields say.
        Assert.DoesNotContain("check digits", page.Find("[data-testid=organisation-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_organisation_is_listed_once_saved_and_then_takes_its_signature_stamp_and_logo()
    {
        var page = Render<OrganisationsPage>();
        page.WaitForElement("[data-testid=add-organisation]").Click();
        Assert.NotNull(page.Find("[data-testid=org-images-after-save]"));
        Assert.Empty(page.FindAll("[data-testid=org-image-signature]"));
        page.Find("[data-testid=org-name-input]").Change("ИП Петров");
        page.Find("[data-testid=org-inn-input]").Change("500100732259");

        page.Find("[data-testid=save-organisation]").Click();

        page.WaitForAssertion(() => Assert.Equal("ИП Петров", page.Find("[data-testid=organisation-name]").TextContent));
        Assert.NotNull(page.Find("[data-testid=org-image-signature]"));
        Assert.NotNull(page.Find("[data-testid=org-image-stamp]"));
        Assert.NotNull(page.Find("[data-testid=org-image-logo]"));
        Assert.Empty(page.FindAll("[data-testid=org-images-after-save]"));
    }

    [Fact]
    public void Editing_shows_the_set_images_and_saves_the_requisites_with_the_version_read()
    {
        OrganisationsApi.Stored.Add(Romashka.Clone());
        var page = Render<OrganisationsPage>();
        page.WaitForElement("[data-testid=edit-organisation]").Click();
        Assert.Equal("7736207543", page.Find("[data-testid=org-inn-input]").GetAttribute("value"));
        Assert.Equal("files/f-sign?inline=true", page.Find("[data-testid=org-image-signature-shown]").GetAttribute("src"));
        Assert.Empty(page.FindAll("[data-testid=org-image-stamp-shown]"));

        page.Find("[data-testid=org-image-signature-remove]").Click();
        page.Find("[data-testid=org-director_name-input]").Change("Петров П. П.");
        page.Find("[data-testid=save-organisation]").Click();

        page.WaitForAssertion(() => Assert.Single(OrganisationsApi.Updated));
        var saved = OrganisationsApi.Updated.Single();
        Assert.Equal(("org-1", "v1", "Петров П. П.", "", "7736207543"), (saved.Id, saved.Version, saved.DirectorName, saved.SignatureAttachmentId, saved.Inn));
        Assert.Empty(OrganisationsApi.Created);
    }

    [Fact]
    public async Task An_uploaded_image_becomes_the_organisations_stamp_and_a_refused_one_says_why_under_it()
    {
        OrganisationsApi.Stored.Add(Romashka.Clone());
        var page = Render<OrganisationsPage>();
        page.WaitForElement("[data-testid=edit-organisation]").Click();
        var stamp = page.FindComponents<OrganisationImage>().Single(c => c.Instance.Kind == "stamp");

        await stamp.Instance.UploadFinished("печать.exe", 400, """{"errors":{"file":["'печать.exe' is a Windows program (MZ/PE), not a document."]}}""");
        Assert.Contains("Windows program", page.Find("[data-testid=org-image-stamp-error]").TextContent);

        await stamp.Instance.UploadFinished("печать.png", 201, """{"id":"f-stamp","fileName":"печать.png","contentType":"image/png"}""");
        page.WaitForAssertion(() => Assert.Equal("files/f-stamp?inline=true", page.Find("[data-testid=org-image-stamp-shown]").GetAttribute("src")));
        Assert.Empty(page.FindAll("[data-testid=org-image-stamp-error]"));
        page.Find("[data-testid=save-organisation]").Click();
        page.WaitForAssertion(() => Assert.Equal("f-stamp", OrganisationsApi.Updated.Single().StampAttachmentId));
    }

    [Fact]
    public void The_requisites_are_in_the_menu_only_for_those_who_may_configure_documents()
    {
        var nav = Render<NavMenu>();
        Assert.Equal("settings/organisations", nav.Find("[data-testid=nav-organisations]").GetAttribute("href"));

        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite);
        var manager = Render<NavMenu>();
        Assert.Empty(manager.FindAll("[data-testid=nav-organisations]"));
        Assert.NotNull(manager.Find("[data-testid=nav-documents]"));
    }
}
