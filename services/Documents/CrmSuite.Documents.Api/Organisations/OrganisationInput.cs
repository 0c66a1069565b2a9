using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Organisations;

/// <summary>
/// Requisites as typed, checked the way a bank and the tax office check them (see
/// ../shared/DOMAIN-RU.md): every bad field named in one 400, nothing saved.
/// </summary>
public static class OrganisationInput
{
    private static readonly string[] Images = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static async Task ApplyAsync(SaveOrganisationRequest request, Organisation target, DocumentsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = Text(errors, "name", request.Name, 300, required: true);
        var inn = Digits(request.Inn);
        if (inn.Length == 0)
        {
            errors.Add("inn", "Required.");
        }
        else if (Inn.Validate(inn) is { } innError)
        {
            errors.Add("inn", innError);
        }
        var entrepreneur = inn.Length == 12;
        var kpp = request.Kpp.Trim().ToUpperInvariant();
        if (entrepreneur && kpp.Length > 0)
        {
            errors.Add("kpp", "An individual entrepreneur (12-digit INN) has no KPP; leave it empty.");
        }
        else if (!entrepreneur && inn.Length == 10 && kpp.Length == 0)
        {
            errors.Add("kpp", "Required for an organisation (10-digit INN).");
        }
        else if (kpp.Length > 0 && Requisites.ValidateKpp(kpp) is { } kppError)
        {
            errors.Add("kpp", kppError);
        }
        var ogrn = Digits(request.Ogrn);
        if (ogrn.Length > 0 && Requisites.ValidateOgrn(request.Ogrn.Trim()) is { } ogrnError)
        {
            errors.Add("ogrn", ogrnError);
        }
        else if (ogrn.Length > 0 && inn.Length is 10 or 12 && ogrn.Length != (entrepreneur ? 15 : 13))
        {
            errors.Add("ogrn", entrepreneur ? "An individual entrepreneur has an OGRNIP of 15 digits." : "An organisation has an OGRN of 13 digits.");
        }
        var bik = request.Bik.Trim();
        var settlement = request.SettlementAccount.Trim();
        var correspondent = request.CorrespondentAccount.Trim();
        var bikValid = bik.Length > 0 && Requisites.ValidateBik(bik) is null;
        if (bik.Length > 0 && !bikValid)
        {
            errors.Add("bik", Requisites.ValidateBik(bik)!);
        }
        else if (bik.Length == 0 && (settlement.Length > 0 || correspondent.Length > 0))
        {
            errors.Add("bik", "Required with the bank accounts: they are checked against it.");
        }
        if (settlement.Length > 0 && (bikValid || bik.Length == 0) && Requisites.ValidateSettlementAccount(settlement, bikValid ? bik : "000") is { } settlementError)
        {
            errors.Add("settlement_account", settlementError);
        }
        if (correspondent.Length > 0 && (bikValid || bik.Length == 0) && Requisites.ValidateCorrespondentAccount(correspondent, bikValid ? bik : "000000000") is { } correspondentError)
        {
            errors.Add("correspondent_account", correspondentError);
        }
        var signature = await ImageAsync(errors, "signature_attachment_id", request.SignatureAttachmentId, target.Id, db, cancellationToken);
        var stamp = await ImageAsync(errors, "stamp_attachment_id", request.StampAttachmentId, target.Id, db, cancellationToken);
        var logo = await ImageAsync(errors, "logo_attachment_id", request.LogoAttachmentId, target.Id, db, cancellationToken);
        var address = Text(errors, "address", request.Address, 500);
        var bankName = Text(errors, "bank_name", request.BankName, 300);
        var director = Text(errors, "director_name", request.DirectorName, 200);
        var accountant = Text(errors, "accountant_name", request.AccountantName, 200);
        errors.ThrowIfAny();

        target.Name = name;
        target.Inn = inn;
        target.Kpp = kpp;
        target.Ogrn = ogrn;
        target.Address = address;
        target.BankName = bankName;
        target.Bik = bik;
        target.SettlementAccount = settlement;
        target.CorrespondentAccount = correspondent;
        target.DirectorName = director;
        target.AccountantName = accountant;
        target.SignatureAttachmentId = signature;
        target.StampAttachmentId = stamp;
        target.LogoAttachmentId = logo;
    }

    private static string Digits(string value) => value.Trim();

    private static string Text(FieldErrors errors, string field, string value, int max, bool required = false)
    {
        var text = value.Trim();
        if (required && text.Length == 0)
        {
            errors.Add(field, "Required.");
        }
        else if (text.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
        return text;
    }

    /// <summary>An image attached to this organisation (uploaded with record_type=organisation), or none.</summary>
    private static async Task<Guid?> ImageAsync(FieldErrors errors, string field, string value, Guid organisationId, DocumentsDbContext db, CancellationToken cancellationToken)
    {
        if (RequestIds.Id(errors, field, value) is not { } id)
        {
            return null;
        }
        var image = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && a.DeletedAt == null && a.RecordType == AttachmentRules.Organisation && a.RecordId == organisationId)
            .Select(a => a.ContentType).FirstOrDefaultAsync(cancellationToken);
        if (image is null)
        {
            errors.Add(field, "Must be a file attached to this organisation (upload it with record_type=organisation and this organisation's id).");
        }
        else if (!Images.Contains(image))
        {
            errors.Add(field, "Must be an image (PNG, JPEG, GIF or WebP).");
        }
        return id;
    }
}
