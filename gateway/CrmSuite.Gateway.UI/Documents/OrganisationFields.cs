using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Localization;

namespace CrmSuite.Gateway.UI.Documents;

/// <summary>The requisites' text fields in the form's order, each under the name the service reports its errors by.</summary>
internal static class OrganisationFields
{
    public sealed record Field(string Name, Text Label, Func<SaveOrganisationRequest, string> Get, Action<SaveOrganisationRequest, string> Set, Text? Hint = null);

    public static readonly IReadOnlyList<Field> All =
    [
        new("name", Texts.OurOrganisations.Name, r => r.Name, (r, v) => r.Name = v),
        new("inn", Texts.OurOrganisations.Inn, r => r.Inn, (r, v) => r.Inn = v),
        new("kpp", Texts.OurOrganisations.Kpp, r => r.Kpp, (r, v) => r.Kpp = v, Texts.OurOrganisations.KppHint),
        new("ogrn", Texts.OurOrganisations.Ogrn, r => r.Ogrn, (r, v) => r.Ogrn = v),
        new("address", Texts.OurOrganisations.Address, r => r.Address, (r, v) => r.Address = v),
        new("bank_name", Texts.OurOrganisations.BankName, r => r.BankName, (r, v) => r.BankName = v),
        new("bik", Texts.OurOrganisations.Bik, r => r.Bik, (r, v) => r.Bik = v),
        new("correspondent_account", Texts.OurOrganisations.CorrespondentAccount, r => r.CorrespondentAccount, (r, v) => r.CorrespondentAccount = v),
        new("settlement_account", Texts.OurOrganisations.SettlementAccount, r => r.SettlementAccount, (r, v) => r.SettlementAccount = v),
        new("director_name", Texts.OurOrganisations.Director, r => r.DirectorName, (r, v) => r.DirectorName = v),
        new("accountant_name", Texts.OurOrganisations.Accountant, r => r.AccountantName, (r, v) => r.AccountantName = v),
    ];

    /// <summary>Every field the form shows next to its input (the rest go to the summary).</summary>
    public static readonly IReadOnlyCollection<string> Shown =
        [.. All.Select(f => f.Name), "signature_attachment_id", "stamp_attachment_id", "logo_attachment_id"];

    public static SaveOrganisationRequest DraftOf(Organisation organisation) => new()
    {
        Id = organisation.Id,
        Name = organisation.Name,
        Inn = organisation.Inn,
        Kpp = organisation.Kpp,
        Ogrn = organisation.Ogrn,
        Address = organisation.Address,
        BankName = organisation.BankName,
        Bik = organisation.Bik,
        CorrespondentAccount = organisation.CorrespondentAccount,
        SettlementAccount = organisation.SettlementAccount,
        DirectorName = organisation.DirectorName,
        AccountantName = organisation.AccountantName,
        SignatureAttachmentId = organisation.SignatureAttachmentId,
        StampAttachmentId = organisation.StampAttachmentId,
        LogoAttachmentId = organisation.LogoAttachmentId,
        Version = organisation.Version,
    };
}
