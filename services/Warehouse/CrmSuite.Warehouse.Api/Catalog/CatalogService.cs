using System.Globalization;
using System.Net;
using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Warehouse.Api.Pricing;
using CrmSuite.Warehouse.Contracts;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PriceList = CrmSuite.Warehouse.Api.Pricing.PriceList;

namespace CrmSuite.Warehouse.Api.Catalog;

/// <summary>
/// The catalogue: products and categories here; warehouses and minimum stock in
/// <c>CatalogService.Warehouses.cs</c>, price lists in <c>CatalogService.PriceLists.cs</c>.
/// </summary>
public sealed partial class CatalogService(WarehouseDbContext db, PostingEngine engine, AuditTrail audit, TimeProvider clock) : Contracts.Catalog.CatalogBase
{
    public const int MaxQueryLength = 100;
    public const int MaxPriceListItems = 5000;

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Product> CreateProduct(CreateProductRequest request, ServerCallContext context)
    {
        var fields = await ProductFieldsAsync(request.Sku, request.Name, request.Unit, request.Barcode, request.VatKind, request.VatRate, request.CategoryId, context.CancellationToken);
        var now = clock.GetUtcNow();
        var product = new Product { Id = Guid.CreateVersion7(now), CreatedAt = now, Active = true, VatKind = VatKind.Standard };
        Apply(product, fields, now);
        db.Products.Add(product);
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.product.created", "product", product.Id.ToString(), after: Snapshot(product));
        await SaveUniqueAsync("Product", product.Id, context.CancellationToken);
        return product.ToMessage(VatRates.TodayInMoscow(clock));
    }

    [Authorize(Policy = Permissions.WarehouseRead)]
    public override async Task<Contracts.Product> GetProduct(GetProductRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Product", request.Id);
        return product.ToMessage(VatRates.TodayInMoscow(clock));
    }

    [Authorize(Policy = Permissions.WarehouseCatalog)]
    public override async Task<Contracts.Product> UpdateProduct(UpdateProductRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var expected = InputRules.Version(request.Version);
        var fields = await ProductFieldsAsync(request.Sku, request.Name, request.Unit, request.Barcode, request.VatKind, request.VatRate, request.CategoryId, context.CancellationToken);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Product", request.Id);
        Concurrency.CheckVersion("Product", request.Id, product.Version, expected);
        var before = Snapshot(product);
        Apply(product, fields, clock.GetUtcNow());
        product.Active = request.Active;
        audit.Record(Actor.From(context.GetHttpContext()), "warehouse.product.updated", "product", id.ToString(), before, Snapshot(product));
        await SaveUniqueAsync("Product", id, context.CancellationToken);
        return product.ToMessage(VatRates.TodayInMoscow(clock));
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
        response.Products.AddRange(page.Take(pageSize).Select(p => p.ToMessage(VatRates.TodayInMoscow(clock))));
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

    /// <summary>What a product form sends; <c>Vat</c> is null when it names no VAT (a new product is standard, an edited one keeps its kind).</summary>
    private sealed record ProductFields(string Sku, string Name, string Unit, string? Barcode, VatKind? Vat, Guid? CategoryId);

    private async Task<ProductFields> ProductFieldsAsync(string sku, string name, string unit, string barcode, string vatKind, string vatRate, string categoryId, CancellationToken cancellationToken)
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
        var vat = VatInput(errors, vatKind, vatRate);
        var category = InputRules.Id(errors, "category_id", categoryId, required: false);
        errors.ThrowIfAny();
        if (category is { } c && !await db.Categories.AnyAsync(x => x.Id == c, cancellationToken))
        {
            throw new ValidationFailedException("category_id", "No such category.");
        }
        return new ProductFields(skuText!, nameText!, unitText!, barcodeText, vat, category);
    }

    /// <summary>
    /// vat_kind ("standard", "usn5"…) wins; otherwise vat_rate as older callers send it, a percentage
    /// that was ever a rate of one kind ("20" or "22" → standard, "10" → reduced) or a kind's code.
    /// </summary>
    private static VatKind? VatInput(FieldErrors errors, string vatKind, string vatRate)
    {
        var (field, text) = string.IsNullOrWhiteSpace(vatKind) ? ("vat_rate", vatRate) : ("vat_kind", vatKind);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (VatRates.TryParse(text, out var kind))
        {
            return kind;
        }
        errors.Add(field, "VAT must be a kind (standard, reduced, zero, usn5, usn7, none) or its rate (22 or 20, 10, 0, 5, 7).");
        return null;
    }

    private static void Apply(Product product, ProductFields fields, DateTimeOffset now)
    {
        product.Sku = fields.Sku;
        product.Name = fields.Name;
        product.Unit = fields.Unit;
        product.Barcode = fields.Barcode;
        product.VatKind = fields.Vat ?? product.VatKind;
        product.CategoryId = fields.CategoryId;
        product.UpdatedAt = now;
    }

    private static object Snapshot(Product product) => new
    {
        product.Sku,
        product.Name,
        product.Unit,
        product.Barcode,
        VatKind = VatRates.Code(product.VatKind),
        product.Active,
        product.CategoryId,
    };

    private async Task SaveUniqueAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesOrConflictAsync(entity, id.ToString(), cancellationToken);
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
