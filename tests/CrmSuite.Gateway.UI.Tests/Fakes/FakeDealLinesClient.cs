using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>A deal's lines as the UI sees them: none by default; every save recorded and answered with totals worked out as the service does (VAT on top at 22 %).</summary>
internal sealed class FakeDealLinesClient : DealLines.DealLinesClient
{
    public Dictionary<string, DealLineSet> Stored { get; } = [];

    public List<SetDealLinesRequest> SetRequests { get; } = [];

    /// <summary>How a save is answered; by default the lines are kept and totalled.</summary>
    public Func<SetDealLinesRequest, AsyncUnaryCall<DealLineSet>>? OnSet { get; set; }

    public override AsyncUnaryCall<DealLineSet> GetDealLinesAsync(GetDealLinesRequest request, CallOptions options) =>
        Calls.Ok(Stored.TryGetValue(request.DealId, out var set) ? set.Clone() : new DealLineSet { DealId = request.DealId, Currency = "RUB", Version = "1" });

    public override AsyncUnaryCall<DealLineSet> SetDealLinesAsync(SetDealLinesRequest request, CallOptions options)
    {
        SetRequests.Add(request);
        if (OnSet is not null)
        {
            return OnSet(request);
        }
        var set = new DealLineSet { DealId = request.DealId, Currency = "RUB", PricesIncludeVat = request.PricesIncludeVat, Version = "2" };
        decimal net = 0, vat = 0;
        foreach (var line in request.Lines)
        {
            var amount = Math.Round(Read(line.Quantity) * Read(line.UnitPrice) * (100m - Read(line.DiscountPercent)) / 100m, 2, MidpointRounding.AwayFromZero);
            var tax = line.VatKind == "none" ? 0m : Math.Round(amount * 0.22m, 2, MidpointRounding.AwayFromZero);
            net += amount;
            vat += tax;
            var saved = line.Clone();
            saved.Amount = Money(amount);
            saved.VatAmount = Money(tax);
            saved.Total = Money(amount + tax);
            set.Lines.Add(saved);
        }
        (set.Net, set.Vat, set.Total) = (Money(net), Money(vat), Money(net + vat));
        Stored[request.DealId] = set;
        return Calls.Ok(set.Clone());
    }

    private static decimal Read(string value) => value.Length == 0 ? 0m : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
