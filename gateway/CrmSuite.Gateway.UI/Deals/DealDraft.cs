using System.Globalization;
using CrmSuite.Clients.Contracts;

namespace CrmSuite.Gateway.UI.Deals;

/// <summary>What the deal form edits; the service validates it (currency code, amount, probability range).</summary>
public sealed class DealDraft
{
    public static readonly IReadOnlyCollection<string> Fields =
        ["title", "company_id", "contact_id", "amount", "currency", "probability", "expected_close_date"];

    public string Title { get; set; } = "";

    public string CompanyId { get; set; } = "";

    public string ContactId { get; set; } = "";

    public string Amount { get; set; } = "";

    public string Currency { get; set; } = "RUB";

    public int? Probability { get; set; }

    public DateTime? ExpectedClose { get; set; }

    public static DealDraft From(Deal deal) => new()
    {
        Title = deal.Title,
        CompanyId = deal.CompanyId,
        ContactId = deal.ContactId,
        Amount = deal.Amount,
        Currency = deal.Currency,
        Probability = deal.Probability,
        ExpectedClose = DateTime.TryParseExact(deal.ExpectedCloseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null,
    };

    public CreateDealRequest ToCreateRequest(string pipelineId)
    {
        var request = new CreateDealRequest
        {
            Title = Title.Trim(),
            CompanyId = CompanyId,
            ContactId = ContactId,
            PipelineId = pipelineId,
            Amount = AmountOnWire(),
            Currency = Currency.Trim(),
            ExpectedCloseDate = DateOnWire(),
        };
        if (Probability is { } probability)
        {
            request.Probability = probability;
        }
        return request;
    }

    /// <summary>Carries the version read, so a concurrent change is refused instead of overwritten.</summary>
    public UpdateDealRequest ToUpdateRequest(Deal deal)
    {
        var request = new UpdateDealRequest
        {
            Id = deal.Id,
            Version = deal.Version,
            Title = Title.Trim(),
            ContactId = ContactId,
            Amount = AmountOnWire(),
            Currency = Currency.Trim(),
            ExpectedCloseDate = DateOnWire(),
            OwnerUserId = deal.OwnerUserId,
        };
        if (Probability is { } probability)
        {
            request.Probability = probability;
        }
        return request;
    }

    /// <summary>"150 000,50" as typed in Russian becomes "150000.50"; the service checks the rest.</summary>
    private string AmountOnWire() =>
        new string(Amount.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace(',', '.');

    private string DateOnWire() => ExpectedClose?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Amounts as a person reads them: grouped digits in their language, then the currency code.</summary>
internal static class DealMoney
{
    public static string Format(string amount, string currency) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? $"{value.ToString("N2", CultureInfo.CurrentCulture)} {currency}"
            : $"{amount} {currency}";
}
