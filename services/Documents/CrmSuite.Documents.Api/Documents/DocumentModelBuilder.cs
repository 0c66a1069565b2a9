using System.Text.Json;
using System.Text.Json.Serialization;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Money;
using CrmSuite.Documents.Api.Organisations;
using CrmSuite.Documents.Api.Rendering;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// Makes the <see cref="DocumentModel"/> a template prints from our organisation, the client's
/// company, contact and deal (as the clients service answered the caller) and the lines: the
/// snapshot a document keeps.
/// </summary>
public static class DocumentModelBuilder
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Sources(Organisation Seller, ClientsContracts.Company Buyer, ClientsContracts.Contact? Contact, ClientsContracts.Deal? Deal);

    public static DocumentModel Build(Document document, IReadOnlyList<LineData> lines, Sources sources)
    {
        var money = DocumentMoney.Calculate(
            [.. lines.Select(l => new MoneyLine(l.Name, l.Unit.Length == 0 ? "шт" : l.Unit, l.Quantity, l.Price ?? 0m,
                VatRates.TryParse(l.VatRate, out var kind) ? kind : VatKind.Standard, l.Sku))],
            document.Date, document.PricesIncludeVat, DocumentTypes.Language(document.Type), document.Currency);
        return new DocumentModel(
            document.Type,
            DocumentTypes.Language(document.Type),
            document.Number,
            document.Date,
            document.DueDate,
            document.Currency,
            Seller(sources.Seller),
            Buyer(sources.Buyer),
            sources.Contact is { } c ? new ContactModel(c.FullName, Empty(c.Email), Empty(c.Phone), Empty(c.Position)) : null,
            sources.Deal is { } d ? new DealModel(d.Title, decimal.TryParse(d.Amount, System.Globalization.CultureInfo.InvariantCulture, out var amount) ? amount : null) : null,
            money.Lines,
            money.Totals,
            document.Notes,
            PaymentQr: null);
    }

    public static PartyModel Seller(Organisation o) => new(o.Name, o.Inn, Empty(o.Kpp), Empty(o.Ogrn), Empty(o.Address), Empty(o.BankName), Empty(o.Bik),
        Empty(o.CorrespondentAccount), Empty(o.SettlementAccount), Empty(o.DirectorName), Empty(o.AccountantName), null, null, null, null, null);

    public static PartyModel Buyer(ClientsContracts.Company c)
    {
        var details = c.Details ?? new ClientsContracts.CompanyDetails();
        var address = details.Addresses.FirstOrDefault(a => a.Kind == "legal") ?? details.Addresses.FirstOrDefault();
        var addressText = address is null ? null
            : string.Join(", ", new[] { address.Postcode, address.Region, address.City, address.Text }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new PartyModel(Empty(details.FullLegalName) ?? c.Name, Empty(c.Inn), Empty(details.Kpp), Empty(details.Ogrn), Empty(addressText),
            Empty(details.Bank?.BankName), Empty(details.Bank?.Bik), Empty(details.Bank?.CorrespondentAccount), Empty(details.Bank?.Account),
            null, null, Empty(c.Phone), Empty(c.Email), null, null, null);
    }

    public static string Serialize(DocumentModel model) => JsonSerializer.Serialize(model, Json);

    public static DocumentModel Deserialize(string json) => JsonSerializer.Deserialize<DocumentModel>(json, Json)
        ?? throw new InvalidOperationException("A document's model is empty.");

    public static string SerializeLines(IReadOnlyList<LineData> lines) => JsonSerializer.Serialize(lines, Json);

    public static List<LineData> DeserializeLines(string json) => JsonSerializer.Deserialize<List<LineData>>(json, Json) ?? [];

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
