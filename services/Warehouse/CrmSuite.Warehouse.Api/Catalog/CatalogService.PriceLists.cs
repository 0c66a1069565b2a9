using System.Globalization;
using System.Net;
using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Pricing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Contracts;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PriceList = CrmSuite.Warehouse.Api.Pricing.PriceList;

namespace CrmSuite.Warehouse.Api.Catalog;

/// <summary>The catalogue's price lists: editing, looking a price up, and exporting a list as CSV or a printable page.</summary>
public sealed partial class CatalogService
{
    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.PriceList> CreatePriceList(CreatePriceListRequest request, ServerCallContext context)
    {
        var fields = await PriceListFieldsAsync(request.Name, request.Currency, request.ValidFrom, request.ValidTo, request.Items, context.CancellationToken);
        var now = clock.GetUtcNow();
        var list = new PriceList { Id = Guid.CreateVersion7(now), CreatedAt = now };
        Apply(list, fields, now);
        db.PriceLists.Add(list);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.price-list.created", "price-list", list.Id.ToString(), after: Snapshot(list));
        await db.SaveChangesAsync(context.CancellationToken);
        return list.ToMessage(await ProductsOfAsync(list, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.PriceList> UpdatePriceList(UpdatePriceListRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var fields = await PriceListFieldsAsync(request.Name, request.Currency, request.ValidFrom, request.ValidTo, request.Items, context.CancellationToken);
        var list = await db.PriceLists.Include(l => l.Entries).FirstOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Price list", request.Id);
        Concurrency.CheckVersion("Price list", request.Id, list.Version, expected);
        var before = Snapshot(list);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        db.PriceListEntries.RemoveRange(list.Entries);
        await db.SaveChangesAsync(context.CancellationToken);
        list.Entries = [];
        Apply(list, fields, clock.GetUtcNow());
        // The header row is always rewritten, so its version guards the prices too.
        db.Entry(list).Property(l => l.UpdatedAt).IsModified = true;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.price-list.updated", "price-list", id.ToString(), before, Snapshot(list));
        await db.SaveChangesOrConflictAsync("Price list", request.Id, context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return list.ToMessage(await ProductsOfAsync(list, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<Contracts.PriceList> GetPriceList(GetPriceListRequest request, ServerCallContext context)
    {
        var list = await LoadPriceListAsync(request.Id, context.CancellationToken);
        return list.ToMessage(await ProductsOfAsync(list, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListPriceListsResponse> ListPriceLists(ListPriceListsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var validOn = InputRules.Date(errors, "valid_on", request.ValidOn, required: false);
        errors.ThrowIfAny();
        var lists = db.PriceLists.AsNoTracking();
        if (validOn is { } on)
        {
            lists = lists.Where(l => l.ValidFrom <= on && (l.ValidTo == null || l.ValidTo >= on));
        }
        var response = new ListPriceListsResponse();
        // Headers only: items come with GetPriceList.
        response.PriceLists.AddRange((await lists.OrderByDescending(l => l.ValidFrom).ThenBy(l => l.Name).Take(PageSize.Max).ToListAsync(context.CancellationToken))
            .Select(l => l.ToMessage(new Dictionary<Guid, Product>())));
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<Price> GetPrice(GetPriceRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: true);
        var on = InputRules.Date(errors, "on", request.On, required: false) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var group = request.ClientGroup.Trim();
        var currency = request.Currency.Trim().ToUpperInvariant();
        errors.ThrowIfAny();
        var candidates = await db.PriceListEntries.AsNoTracking()
            .Join(db.PriceLists, e => e.PriceListId, l => l.Id, (e, l) => new { e, l })
            .Where(x => x.e.ProductId == productId && x.l.ValidFrom <= on && (x.l.ValidTo == null || x.l.ValidTo >= on)
                && (x.e.ClientGroup == string.Empty || x.e.ClientGroup == group)
                && (currency == string.Empty || x.l.Currency == currency))
            .ToListAsync(context.CancellationToken);
        // The newest valid list wins; within it the group's price beats the base price.
        var best = candidates
            .OrderByDescending(x => x.l.ValidFrom).ThenByDescending(x => x.l.CreatedAt)
            .ThenByDescending(x => x.e.ClientGroup.Length)
            .FirstOrDefault() ?? throw new RecordNotFoundException("Price", $"{request.ProductId} on {on:yyyy-MM-dd}");
        return new Price
        {
            ProductId = best.e.ProductId.ToString(),
            Price_ = Numbers.Money(best.e.Price),
            Currency = best.l.Currency,
            PriceListId = best.l.Id.ToString(),
            ClientGroup = best.e.ClientGroup,
        };
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<HttpBody> ExportPriceList(ExportPriceListRequest request, ServerCallContext context)
    {
        var format = string.IsNullOrEmpty(request.Format) ? "csv" : request.Format.ToLowerInvariant();
        if (format is not ("csv" or "html"))
        {
            throw new ValidationFailedException("format", "Format must be csv or html.");
        }
        var list = await LoadPriceListAsync(request.Id, context.CancellationToken);
        var message = list.ToMessage(await ProductsOfAsync(list, context.CancellationToken));
        var groups = message.Items.SelectMany(i => i.GroupPrices).Select(g => g.ClientGroup).Distinct().Order(StringComparer.Ordinal).ToList();
        var body = format == "csv" ? Csv(message, groups) : Html(message, groups);
        // An export is a sensitive read: recorded before the file leaves.
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.price-list.exported", "price-list", list.Id.ToString(), details: new { format, items = message.Items.Count });
        await db.SaveChangesAsync(context.CancellationToken);
        return new HttpBody
        {
            ContentType = format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
            Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(body)),
        };
    }

    private static string Csv(Contracts.PriceList list, IReadOnlyList<string> groups)
    {
        // Semicolons and a BOM: what spreadsheet programs in ru-RU open without an import dialog.
        var csv = new StringBuilder("\uFEFF");
        csv.AppendLine(string.Join(';', new[] { "SKU", "Product", $"Base price ({list.Currency})" }.Concat(groups.Select(g => $"{g} ({list.Currency})")).Select(CsvField)));
        foreach (var item in list.Items)
        {
            var cells = new[] { item.Sku, item.ProductName, item.BasePrice }
                .Concat(groups.Select(g => item.GroupPrices.FirstOrDefault(p => p.ClientGroup == g)?.Price ?? string.Empty));
            csv.AppendLine(string.Join(';', cells.Select(CsvField)));
        }
        return csv.ToString();
    }

    private static string CsvField(string value)
    {
        // A leading = + - @ would run as a formula in a spreadsheet.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Html(Contracts.PriceList list, IReadOnlyList<string> groups)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(list.Name)).Append("</title>")
            .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}td.n{text-align:right}@media print{button{display:none}}</style></head><body>")
            .Append("<h1>").Append(E(list.Name)).Append("</h1><p>").Append(E(list.Currency)).Append(", valid from ").Append(E(list.ValidFrom))
            .Append(list.ValidTo.Length > 0 ? " to " + E(list.ValidTo) : string.Empty).Append("</p><table><thead><tr><th>SKU</th><th>Product</th><th>Base price</th>");
        foreach (var g in groups)
        {
            html.Append("<th>").Append(E(g)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var item in list.Items)
        {
            html.Append("<tr><td>").Append(E(item.Sku)).Append("</td><td>").Append(E(item.ProductName)).Append("</td><td class=\"n\">").Append(E(item.BasePrice)).Append("</td>");
            foreach (var g in groups)
            {
                html.Append("<td class=\"n\">").Append(E(item.GroupPrices.FirstOrDefault(p => p.ClientGroup == g)?.Price ?? string.Empty)).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table></body></html>").ToString();
    }

    private async Task<PriceList> LoadPriceListAsync(string rawId, CancellationToken cancellationToken)
    {
        var id = InputRules.Id("id", rawId);
        return await db.PriceLists.AsNoTracking().Include(l => l.Entries).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("Price list", rawId);
    }

    private async Task<Dictionary<Guid, Product>> ProductsOfAsync(PriceList list, CancellationToken cancellationToken)
    {
        var ids = list.Entries.Select(e => e.ProductId).Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    private sealed record PriceListFields(string Name, string Currency, DateOnly ValidFrom, DateOnly? ValidTo, List<PriceListEntry> Entries);

    private async Task<PriceListFields> PriceListFieldsAsync(string name, string currency, string validFrom, string validTo, RepeatedField<PriceListItem> items, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var nameText = InputRules.Text(errors, "name", name, PriceList.MaxNameLength, required: true, "price list name");
        var currencyText = currency.Trim().ToUpperInvariant();
        if (currencyText.Length != 3 || !currencyText.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "The currency must be an ISO 4217 code like RUB, USD or EUR.");
        }
        var from = InputRules.Date(errors, "valid_from", validFrom, required: true);
        var to = InputRules.Date(errors, "valid_to", validTo, required: false);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("valid_to", "The list must end on or after the day it starts.");
        }
        if (items.Count > MaxPriceListItems)
        {
            errors.Add("items", $"At most {MaxPriceListItems} products per list.");
        }
        var entries = new List<PriceListEntry>();
        for (var i = 0; i < items.Count && i < MaxPriceListItems; i++)
        {
            var item = items[i];
            var productId = InputRules.Id(errors, $"items[{i}].product_id", item.ProductId, required: true);
            var basePrice = InputRules.Decimal(errors, $"items[{i}].base_price", item.BasePrice, 2, 0m, InputRules.MaxMoney, minExclusive: false, required: true, "base price");
            if (productId is { } pid && entries.Any(e => e.ProductId == pid))
            {
                errors.Add($"items[{i}].product_id", "Each product appears once per list.");
                continue;
            }
            if (productId is { } id && basePrice is { } price)
            {
                entries.Add(new PriceListEntry { ProductId = id, ClientGroup = string.Empty, Price = price });
            }
            for (var g = 0; g < item.GroupPrices.Count; g++)
            {
                var group = InputRules.Text(errors, $"items[{i}].group_prices[{g}].client_group", item.GroupPrices[g].ClientGroup, PriceListEntry.MaxGroupLength, required: true, "client group");
                var groupPrice = InputRules.Decimal(errors, $"items[{i}].group_prices[{g}].price", item.GroupPrices[g].Price, 2, 0m, InputRules.MaxMoney, minExclusive: false, required: true, "group price");
                if (productId is { } gid && group is not null && groupPrice is { } gp)
                {
                    if (entries.Any(e => e.ProductId == gid && e.ClientGroup == group))
                    {
                        errors.Add($"items[{i}].group_prices[{g}].client_group", "Each client group has one price per product.");
                    }
                    else
                    {
                        entries.Add(new PriceListEntry { ProductId = gid, ClientGroup = group, Price = gp });
                    }
                }
            }
        }
        errors.ThrowIfAny();
        var ids = entries.Select(e => e.ProductId).Distinct().ToList();
        var known = await db.Products.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            if (Guid.TryParse(items[i].ProductId, out var id) && !known.Contains(id))
            {
                errors.Add($"items[{i}].product_id", "No such product.");
            }
        }
        errors.ThrowIfAny();
        return new PriceListFields(nameText!, currencyText, from!.Value, to, entries);
    }

    private static void Apply(PriceList list, PriceListFields fields, DateTimeOffset now)
    {
        list.Name = fields.Name;
        list.Currency = fields.Currency;
        list.ValidFrom = fields.ValidFrom;
        list.ValidTo = fields.ValidTo;
        list.UpdatedAt = now;
        foreach (var entry in fields.Entries)
        {
            entry.PriceListId = list.Id;
            list.Entries.Add(entry);
        }
    }

    private static object Snapshot(PriceList list) => new
    {
        list.Name,
        list.Currency,
        list.ValidFrom,
        list.ValidTo,
        Prices = list.Entries.Select(e => new { e.ProductId, e.ClientGroup, Price = Numbers.Money(e.Price) }),
    };
}
