using System.Globalization;
using System.Net;
using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Extensions;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Warehouse.Api.Pricing;
using CrmSuite.Warehouse.Contracts;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Category = CrmSuite.Warehouse.Api.Catalog.Category;
using PriceList = CrmSuite.Warehouse.Api.Pricing.PriceList;
using Product = CrmSuite.Warehouse.Api.Catalog.Product;

namespace CrmSuite.Warehouse.Api.Grpc;

/// <summary>The catalogue: products, categories, warehouses, minimum stock and price lists.</summary>
public sealed class CatalogService(WarehouseDbContext db, PostingEngine engine, AuditTrail audit, TimeProvider clock) : Contracts.Catalog.CatalogBase
{
    public const int MaxQueryLength = 100;
    public const int MaxPriceListItems = 5000;

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Product> CreateProduct(CreateProductRequest request, ServerCallContext context)
    {
        var fields = await ProductFieldsAsync(request.Sku, request.Name, request.Unit, request.Barcode, request.VatRate, request.CategoryId, context.CancellationToken);
        var now = clock.GetUtcNow();
        var product = new Product { Id = Guid.CreateVersion7(now), CreatedAt = now, Active = true };
        Apply(product, fields, now);
        db.Products.Add(product);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.product.created", "product", product.Id.ToString(), after: Snapshot(product));
        await SaveUniqueAsync("Product", product.Id, context.CancellationToken);
        return product.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<Contracts.Product> GetProduct(GetProductRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Product", request.Id);
        return product.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Product> UpdateProduct(UpdateProductRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var fields = await ProductFieldsAsync(request.Sku, request.Name, request.Unit, request.Barcode, request.VatRate, request.CategoryId, context.CancellationToken);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Product", request.Id);
        if (expected is { } version && version != product.Version)
        {
            throw new ConcurrencyConflictException("Product", request.Id);
        }
        var before = Snapshot(product);
        Apply(product, fields, clock.GetUtcNow());
        product.Active = request.Active;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.product.updated", "product", id.ToString(), before, Snapshot(product));
        await SaveUniqueAsync("Product", id, context.CancellationToken);
        return product.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListProductsResponse> ListProducts(ListProductsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var errors = new FieldErrors();
        if (!Enum.IsDefined(request.Sort))
        {
            errors.Add("sort", "Sort must be NAME or SKU.");
        }
        var categoryId = InputRules.Id(errors, "category_id", request.CategoryId, required: false);
        var query = request.Query.Trim();
        if (query.Length > MaxQueryLength)
        {
            errors.Add("query", $"Search text must be at most {MaxQueryLength} characters.");
        }
        errors.ThrowIfAny();
        var bySku = request.Sort == ProductSort.Sku;
        var order = (bySku ? "sku" : "name") + (request.Descending ? "-desc" : string.Empty) + (query.Length > 0 ? "-q" : string.Empty);
        var token = PageToken.Decode(request.PageToken, order);

        var products = db.Products.AsNoTracking();
        if (!request.IncludeInactive)
        {
            products = products.Where(p => p.Active);
        }
        if (categoryId is { } c)
        {
            products = products.Where(p => p.CategoryId == c);
        }
        if (query.Length > 0)
        {
            var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
                .Where(w => w.Length > 0).Select(w => w + ":*").ToList();
            var tsQuery = words.Count > 0 ? string.Join(" & ", words) : null;
            var prefix = query.ToUpperInvariant();
            var barcode = query;
            products = products.Where(p =>
                (tsQuery != null && p.SearchVector.Matches(EF.Functions.ToTsQuery("simple", tsQuery)))
                || p.Sku.StartsWith(prefix)
                || (p.Barcode != null && p.Barcode.StartsWith(barcode)));
        }
        if (token is not null)
        {
            var text = token.Text ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            products = (bySku, request.Descending) switch
            {
                (true, false) => products.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Sku, p.Id), ValueTuple.Create(text, token.Id))),
                (true, true) => products.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.Sku, p.Id), ValueTuple.Create(text, token.Id))),
                (false, false) => products.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(text, token.Id))),
                (false, true) => products.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(text, token.Id))),
            };
        }
        products = (bySku, request.Descending) switch
        {
            (true, false) => products.OrderBy(p => p.Sku).ThenBy(p => p.Id),
            (true, true) => products.OrderByDescending(p => p.Sku).ThenByDescending(p => p.Id),
            (false, false) => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
            (false, true) => products.OrderByDescending(p => p.Name).ThenByDescending(p => p.Id),
        };
        var page = await products.Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListProductsResponse();
        response.Products.AddRange(page.Take(pageSize).Select(p => p.ToMessage()));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(order, bySku ? last.Sku : last.Name, null, last.Id).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Category> CreateCategory(CreateCategoryRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var name = InputRules.Text(errors, "name", request.Name, Category.MaxNameLength, required: true, "category name");
        var parentId = InputRules.Id(errors, "parent_id", request.ParentId, required: false);
        errors.ThrowIfAny();
        if (parentId is { } parent && !await db.Categories.AnyAsync(c => c.Id == parent, context.CancellationToken))
        {
            throw new ValidationFailedException("parent_id", "No such category.");
        }
        var category = new Category { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name!, ParentId = parentId };
        db.Categories.Add(category);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.category.created", "category", category.Id.ToString(), after: new { category.Name, category.ParentId });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ValidationFailedException("name", "A category with this name already exists here.");
        }
        return category.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListCategoriesResponse> ListCategories(ListCategoriesRequest request, ServerCallContext context)
    {
        var response = new ListCategoriesResponse();
        response.Categories.AddRange((await db.Categories.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(context.CancellationToken)).Select(c => c.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Warehouse> CreateWarehouse(CreateWarehouseRequest request, ServerCallContext context)
    {
        var (code, name, address) = WarehouseFields(request.Code, request.Name, request.Address);
        var site = new WarehouseSite { Id = Guid.CreateVersion7(clock.GetUtcNow()), Code = code, Name = name, Address = address, Active = true };
        db.Warehouses.Add(site);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.warehouse.created", "warehouse", site.Id.ToString(), after: new { site.Code, site.Name, site.Address });
        await SaveUniqueAsync("Warehouse", site.Id, context.CancellationToken);
        return site.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Warehouse> UpdateWarehouse(UpdateWarehouseRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var (code, name, address) = WarehouseFields(request.Code, request.Name, request.Address);
        var site = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Warehouse", request.Id);
        if (expected is { } version && version != site.Version)
        {
            throw new ConcurrencyConflictException("Warehouse", request.Id);
        }
        var before = new { site.Code, site.Name, site.Address, site.Active };
        site.Code = code;
        site.Name = name;
        site.Address = address;
        site.Active = request.Active;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.warehouse.updated", "warehouse", id.ToString(), before, new { site.Code, site.Name, site.Address, site.Active });
        await SaveUniqueAsync("Warehouse", id, context.CancellationToken);
        return site.ToMessage();
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<ListWarehousesResponse> ListWarehouses(ListWarehousesRequest request, ServerCallContext context)
    {
        var sites = db.Warehouses.AsNoTracking();
        if (!request.IncludeInactive)
        {
            sites = sites.Where(w => w.Active);
        }
        var response = new ListWarehousesResponse();
        response.Warehouses.AddRange((await sites.OrderBy(w => w.Code).ToListAsync(context.CancellationToken)).Select(w => w.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.StockLevel> SetMinimumStock(SetMinimumStockRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var warehouseId = InputRules.Id(errors, "warehouse_id", request.WarehouseId, required: true);
        var productId = InputRules.Id(errors, "product_id", request.ProductId, required: true);
        var minimum = InputRules.Decimal(errors, "minimum_quantity", request.MinimumQuantity, 3, 0m, InputRules.MaxQuantity, minExclusive: false, required: true, "minimum quantity");
        errors.ThrowIfAny();
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, context.CancellationToken)
            ?? throw new ValidationFailedException("product_id", "No such product.");
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, context.CancellationToken))
        {
            throw new ValidationFailedException("warehouse_id", "No such warehouse.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var level = (await engine.LockLevelsAsync([(productId!.Value, warehouseId!.Value)], clock.GetUtcNow(), context.CancellationToken)).Values.Single();
        var before = Numbers.Qty(level.MinimumQuantity);
        level.MinimumQuantity = minimum!.Value;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.minimum-stock.set", "stock-level", $"{productId}/{warehouseId}",
            new { minimumQuantity = before }, new { minimumQuantity = Numbers.Qty(level.MinimumQuantity) });
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return level.ToMessage(product.Sku, product.Name);
    }

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
        if (expected is { } version && version != list.Version)
        {
            throw new ConcurrencyConflictException("Price list", request.Id);
        }
        var before = Snapshot(list);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        db.PriceListEntries.RemoveRange(list.Entries);
        await db.SaveChangesAsync(context.CancellationToken);
        list.Entries = [];
        Apply(list, fields, clock.GetUtcNow());
        // The header row is always rewritten, so its version guards the prices too.
        db.Entry(list).Property(l => l.UpdatedAt).IsModified = true;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.price-list.updated", "price-list", id.ToString(), before, Snapshot(list));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Price list", request.Id);
        }
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

    private sealed record ProductFields(string Sku, string Name, string Unit, string? Barcode, decimal VatRate, Guid? CategoryId);

    private async Task<ProductFields> ProductFieldsAsync(string sku, string name, string unit, string barcode, string vatRate, string categoryId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var skuText = InputRules.Text(errors, "sku", sku, Product.MaxSkuLength, required: true, "SKU")?.ToUpperInvariant();
        if (skuText is not null && !skuText.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            errors.Add("sku", "The SKU may contain letters, digits and - _ . / only.");
        }
        var nameText = InputRules.Text(errors, "name", name, Product.MaxNameLength, required: true, "product name");
        var unitText = InputRules.Text(errors, "unit", unit, Product.MaxUnitLength, required: true, "unit (e.g. pcs, kg)");
        var barcodeText = InputRules.Text(errors, "barcode", barcode, Product.MaxBarcodeLength, required: false, "barcode");
        if (barcodeText is not null && !barcodeText.All(char.IsAsciiDigit))
        {
            errors.Add("barcode", "The barcode must be digits (EAN/UPC).");
        }
        var vat = InputRules.Decimal(errors, "vat_rate", vatRate, 2, 0m, 100m, minExclusive: false, required: true, "VAT rate (percent)");
        var category = InputRules.Id(errors, "category_id", categoryId, required: false);
        errors.ThrowIfAny();
        if (category is { } c && !await db.Categories.AnyAsync(x => x.Id == c, cancellationToken))
        {
            throw new ValidationFailedException("category_id", "No such category.");
        }
        return new ProductFields(skuText!, nameText!, unitText!, barcodeText, vat!.Value, category);
    }

    private static (string Code, string Name, string? Address) WarehouseFields(string code, string name, string address)
    {
        var errors = new FieldErrors();
        var codeText = InputRules.Text(errors, "code", code, WarehouseSite.MaxCodeLength, required: true, "warehouse code")?.ToUpperInvariant();
        var nameText = InputRules.Text(errors, "name", name, WarehouseSite.MaxNameLength, required: true, "warehouse name");
        var addressText = InputRules.Text(errors, "address", address, WarehouseSite.MaxAddressLength, required: false, "address");
        errors.ThrowIfAny();
        return (codeText!, nameText!, addressText);
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

    private static void Apply(Product product, ProductFields fields, DateTimeOffset now)
    {
        product.Sku = fields.Sku;
        product.Name = fields.Name;
        product.Unit = fields.Unit;
        product.Barcode = fields.Barcode;
        product.VatRate = fields.VatRate;
        product.CategoryId = fields.CategoryId;
        product.UpdatedAt = now;
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

    private static object Snapshot(Product product) => new
    {
        product.Sku,
        product.Name,
        product.Unit,
        product.Barcode,
        VatRate = product.VatRate.ToString("0.##", CultureInfo.InvariantCulture),
        product.Active,
        product.CategoryId,
    };

    private static object Snapshot(PriceList list) => new
    {
        list.Name,
        list.Currency,
        list.ValidFrom,
        list.ValidTo,
        Prices = list.Entries.Select(e => new { e.ProductId, e.ClientGroup, Price = Numbers.Money(e.Price) }),
    };

    private async Task SaveUniqueAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(entity, id.ToString());
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            var field = pg.ConstraintName switch
            {
                { } c when c.Contains("barcode", StringComparison.Ordinal) => "barcode",
                { } c when c.Contains("code", StringComparison.Ordinal) => "code",
                _ => "sku",
            };
            throw new ValidationFailedException(field, field switch
            {
                "barcode" => "Another product already has this barcode.",
                "code" => "Another warehouse already has this code.",
                _ => "Another product already has this SKU.",
            });
        }
    }
}
