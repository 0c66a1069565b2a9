using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Api.Validation;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// The product lines of a deal, seen and changed exactly as the deal is. Replacing them sets the
/// deal's amount to their total, and writes the audit event and the company card's timeline row
/// in the same SaveChanges (outbox), under the deal's version check.
/// </summary>
public sealed class DealLinesService(ClientsDbContext db, DealQueries queries, CompanyHistory history,
    OutboxGroupWriter<ClientsDbContext> readAudit, TimeProvider clock) : Contracts.DealLines.DealLinesBase
{
    private readonly DealWrites writes = new(db, clock);

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<DealLineSet> GetDealLines(GetDealLinesRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("deal_id", request.DealId);
        var deal = await queries.Visible(DealWrites.Caller(context)).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Deal", request.DealId);
        var lines = await LinesOf(id).AsNoTracking().ToListAsync(context.CancellationToken);
        // Lines carry prices and discounts a client was offered: reading them is audited like viewing the deal.
        await readAudit.AuditReadAsync(context.GetHttpContext(), clock, "clients.deal.lines_viewed", "deal", id.ToString(),
            new { lineCount = lines.Count }, context.CancellationToken);
        return ToMessage(deal, lines);
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<DealLineSet> SetDealLines(SetDealLinesRequest request, ServerCallContext context)
    {
        var id = DealRules.Id("deal_id", request.DealId);
        var expectedVersion = InputRules.Version(request.Version);
        var errors = new FieldErrors();
        var lines = DealLineRules.Parse(errors, request.Lines, request.PricesIncludeVat, VatRates.TodayInMoscow(clock));
        errors.ThrowIfAny();

        var deal = await queries.Visible(DealWrites.Caller(context)).FirstOrDefaultAsync(d => d.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Deal", request.DealId);
        if (deal.ArchivedAt is not null)
        {
            throw new StateConflictException("deal_id", "The lines of an archived deal cannot be changed.");
        }
        DealWrites.CheckVersion("Deal", id, deal.Version, expectedVersion);

        var old = await LinesOf(id).ToListAsync(context.CancellationToken);
        var before = Snapshot(deal, old);
        var now = clock.GetUtcNow();
        db.DealLines.RemoveRange(old);
        foreach (var line in lines)
        {
            line.Id = Guid.CreateVersion7(now);
            line.DealId = id;
        }
        db.DealLines.AddRange(lines);
        deal.LineCount = lines.Count;
        deal.LinePricesIncludeVat = request.PricesIncludeVat;
        if (lines.Count > 0)
        {
            deal.Amount = lines.Sum(l => l.Total);
        }
        deal.UpdatedAt = now;
        history.Record(context.GetHttpContext(), "deal.lines_changed", deal.CompanyId, before, Snapshot(deal, lines),
            entityType: "deal", entityId: id, subject: deal.Title,
            details: new { lineCount = lines.Count, amount = deal.Amount, deal.Currency, pricesIncludeVat = deal.LinePricesIncludeVat });
        await writes.SaveAsync("Deal", id, context.CancellationToken);
        return ToMessage(deal, lines);
    }

    private IQueryable<DealLine> LinesOf(Guid dealId) => db.DealLines.Where(l => l.DealId == dealId).OrderBy(l => l.Position);

    /// <summary>What the timeline and the audit log show: a line of text per deal line, and the amount.</summary>
    private static Dictionary<string, string?> Snapshot(Deal deal, IReadOnlyList<DealLine> lines) => new(StringComparer.Ordinal)
    {
        ["lines"] = string.Join('\n', lines.Select(Describe)),
        ["amount"] = $"{DealFormat.Money(deal.Amount)} {deal.Currency}",
    };

    /// <summary>«Чайник (KT-1) · 2 шт × 1500.00 −10% · 22% = 2700.00».</summary>
    private static string Describe(DealLine line)
    {
        var sku = line.Sku is null ? string.Empty : $" ({line.Sku})";
        var discount = line.DiscountPercent == 0 ? string.Empty : $" −{line.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)}%";
        var vat = line.VatPercent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";
        return $"{line.Name}{sku} · {Quantity(line.Quantity)} {line.Unit} × {DealFormat.Money(line.UnitPrice)}{discount} · {vat} = {DealFormat.Money(line.Total)}";
    }

    private static string Quantity(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static DealLineSet ToMessage(Deal deal, IReadOnlyList<DealLine> lines)
    {
        var set = new DealLineSet
        {
            DealId = deal.Id.ToString(),
            PricesIncludeVat = deal.LinePricesIncludeVat,
            Currency = deal.Currency,
            Net = DealFormat.Money(lines.Sum(l => l.Total - l.VatAmount)),
            Vat = DealFormat.Money(lines.Sum(l => l.VatAmount)),
            Total = DealFormat.Money(lines.Sum(l => l.Total)),
            Version = deal.Version.ToString(CultureInfo.InvariantCulture),
        };
        set.Lines.AddRange(lines.Select(l => new Contracts.DealLine
        {
            ProductId = l.ProductId?.ToString() ?? string.Empty,
            Name = l.Name,
            Sku = l.Sku ?? string.Empty,
            Unit = l.Unit,
            Quantity = Quantity(l.Quantity),
            UnitPrice = DealFormat.Money(l.UnitPrice),
            DiscountPercent = l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture),
            VatKind = VatRates.Code(l.VatKind),
            Position = l.Position,
            PriceAfterDiscount = DealFormat.Money(l.PriceAfterDiscount),
            Amount = DealFormat.Money(l.Amount),
            VatAmount = DealFormat.Money(l.VatAmount),
            Total = DealFormat.Money(l.Total),
            VatPercent = l.VatPercent?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty,
        }));
        return set;
    }
}
