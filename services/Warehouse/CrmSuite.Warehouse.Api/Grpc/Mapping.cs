using System.Globalization;
using CrmSuite.Warehouse.Api.Alerts;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Pricing;
using CrmSuite.Warehouse.Api.Reservations;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Category = CrmSuite.Warehouse.Api.Catalog.Category;
using Movement = CrmSuite.Warehouse.Api.Ledger.Movement;
using MovementLine = CrmSuite.Warehouse.Api.Ledger.MovementLine;
using PriceList = CrmSuite.Warehouse.Api.Pricing.PriceList;
using Product = CrmSuite.Warehouse.Api.Catalog.Product;
using Reservation = CrmSuite.Warehouse.Api.Reservations.Reservation;
using StockLevel = CrmSuite.Warehouse.Api.Ledger.StockLevel;
using WarehouseFlag = CrmSuite.Warehouse.Api.Alerts.WarehouseFlag;

namespace CrmSuite.Warehouse.Api.Grpc;

internal static class Mapping
{
    public static string Ver(uint version) => version.ToString(CultureInfo.InvariantCulture);

    public static Contracts.Product ToMessage(this Product product) => new()
    {
        Id = product.Id.ToString(),
        Sku = product.Sku,
        Name = product.Name,
        Unit = product.Unit,
        Barcode = product.Barcode ?? string.Empty,
        VatRate = product.VatRate.ToString("0.##", CultureInfo.InvariantCulture),
        Active = product.Active,
        CategoryId = product.CategoryId?.ToString() ?? string.Empty,
        CreatedAt = Timestamp.FromDateTimeOffset(product.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(product.UpdatedAt),
        Version = Ver(product.Version),
    };

    public static Contracts.Category ToMessage(this Category category) => new()
    {
        Id = category.Id.ToString(),
        Name = category.Name,
        ParentId = category.ParentId?.ToString() ?? string.Empty,
    };

    public static Contracts.Warehouse ToMessage(this WarehouseSite site) => new()
    {
        Id = site.Id.ToString(),
        Code = site.Code,
        Name = site.Name,
        Address = site.Address ?? string.Empty,
        Active = site.Active,
        Version = Ver(site.Version),
    };

    public static Contracts.PriceList ToMessage(this PriceList list, IReadOnlyDictionary<Guid, Product> products)
    {
        var message = new Contracts.PriceList
        {
            Id = list.Id.ToString(),
            Name = list.Name,
            Currency = list.Currency,
            ValidFrom = list.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = list.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            Version = Ver(list.Version),
        };
        foreach (var group in list.Entries.GroupBy(e => e.ProductId).OrderBy(g => products.TryGetValue(g.Key, out var p) ? p.Sku : g.Key.ToString(), StringComparer.Ordinal))
        {
            products.TryGetValue(group.Key, out var product);
            var item = new PriceListItem
            {
                ProductId = group.Key.ToString(),
                Sku = product?.Sku ?? string.Empty,
                ProductName = product?.Name ?? string.Empty,
                BasePrice = group.Where(e => e.ClientGroup.Length == 0).Select(e => Numbers.Money(e.Price)).FirstOrDefault() ?? string.Empty,
            };
            item.GroupPrices.AddRange(group.Where(e => e.ClientGroup.Length > 0).OrderBy(e => e.ClientGroup, StringComparer.Ordinal)
                .Select(e => new GroupPrice { ClientGroup = e.ClientGroup, Price = Numbers.Money(e.Price) }));
            message.Items.Add(item);
        }
        return message;
    }

    public static MovementType ToMessage(this MovementKind kind) => (MovementType)(int)kind;

    public static Contracts.Movement ToMessage(this Movement movement, IReadOnlyDictionary<Guid, string> skus)
    {
        var message = new Contracts.Movement
        {
            Id = movement.Id.ToString(),
            Number = movement.Number,
            Type = movement.Type.ToMessage(),
            Status = movement.Posted ? MovementStatus.Posted : MovementStatus.Draft,
            WarehouseId = movement.WarehouseId.ToString(),
            DestinationWarehouseId = movement.DestinationWarehouseId?.ToString() ?? string.Empty,
            Supplier = movement.Supplier ?? string.Empty,
            DealId = movement.DealId?.ToString() ?? string.Empty,
            CompanyId = movement.CompanyId?.ToString() ?? string.Empty,
            Reason = movement.Reason ?? string.Empty,
            Comment = movement.Comment ?? string.Empty,
            ReversesMovementId = movement.ReversesMovementId?.ToString() ?? string.Empty,
            ReversedByMovementId = movement.ReversedByMovementId?.ToString() ?? string.Empty,
            CreatedBy = movement.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(movement.CreatedAt),
            PostedBy = movement.PostedBy ?? string.Empty,
            PostedAt = movement.PostedAt is { } postedAt ? Timestamp.FromDateTimeOffset(postedAt) : null,
            Version = Ver(movement.Version),
        };
        message.Lines.AddRange(movement.Lines.OrderBy(l => l.LineNo).Select(l => l.ToMessage(skus)));
        return message;
    }

    private static Contracts.MovementLine ToMessage(this MovementLine line, IReadOnlyDictionary<Guid, string> skus) => new()
    {
        ProductId = line.ProductId.ToString(),
        Quantity = Numbers.Qty(line.Quantity),
        UnitCost = line.UnitCost is { } cost ? Numbers.Cost(cost) : string.Empty,
        CountedQuantity = line.CountedQuantity is { } counted ? Numbers.Qty(counted) : string.Empty,
        Sku = skus.TryGetValue(line.ProductId, out var sku) ? sku : string.Empty,
    };

    public static Contracts.StockLevel ToMessage(this StockLevel level, string sku, string name) => new()
    {
        ProductId = level.ProductId.ToString(),
        Sku = sku,
        ProductName = name,
        WarehouseId = level.WarehouseId.ToString(),
        OnHand = Numbers.Qty(level.OnHand),
        Reserved = Numbers.Qty(level.Reserved),
        Available = Numbers.Qty(level.Available),
        MinimumQuantity = Numbers.Qty(level.MinimumQuantity),
        BelowMinimum = level.MinimumQuantity > 0 && level.OnHand < level.MinimumQuantity,
        AverageCost = Numbers.Cost(level.AverageCost),
        Value = Numbers.Money(level.StockValue),
    };

    public static Contracts.Reservation ToMessage(this Reservation reservation, string sku) => new()
    {
        Id = reservation.Id.ToString(),
        DealId = reservation.DealId.ToString(),
        WarehouseId = reservation.WarehouseId.ToString(),
        ProductId = reservation.ProductId.ToString(),
        Sku = sku,
        Quantity = Numbers.Qty(reservation.Quantity),
        Status = (ReservationStatus)(int)reservation.Status,
        CreatedAt = Timestamp.FromDateTimeOffset(reservation.CreatedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(reservation.ExpiresAt),
        CreatedBy = reservation.CreatedBy,
        ShipmentMovementId = reservation.ShipmentMovementId?.ToString() ?? string.Empty,
    };

    public static Contracts.WarehouseFlag ToMessage(this WarehouseFlag flag) => new()
    {
        Id = flag.Id.ToString(),
        Kind = (FlagKind)(int)flag.Kind,
        MovementId = flag.MovementId.ToString(),
        ActorId = flag.ActorId,
        ActorName = flag.ActorName,
        Amount = flag.Amount is { } amount ? Numbers.Money(amount) : string.Empty,
        Description = flag.Description,
        OccurredAt = Timestamp.FromDateTimeOffset(flag.OccurredAt),
    };
}
