using Bunit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Gateway.UI.Warehouse;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Radzen.Blazor;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class WarehouseProductTests : UiTest
{
    private const string DealId = "0b7c1c8e-3a55-4a39-9d1b-0a3e3f0c1a11";
    private const string ClosedDealId = "5d0e3c1a-1111-4a39-9d1b-0a3e3f0c1a22";
    private const string OtherDealId = "7f2a9b3c-2222-4a39-9d1b-0a3e3f0c1a33";

    public WarehouseProductTests()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.WarehouseReserve);
        CatalogApi.Warehouses.Add(new WarehouseSite { Id = "w-main", Code = "MAIN", Name = "Main warehouse", Active = true });
        CatalogApi.OnGetProduct = request => Calls.Ok(new Product
        {
            Id = request.Id, Sku = "BOLT-10", Name = "Bolt M10", Unit = "pcs", Barcode = "4601234567890", VatRate = "20", Active = true, Version = "1",
        });
        DealsApi.Stored.Add(new CrmSuite.Clients.Contracts.Deal { Id = DealId, Title = "Bolts for the bridge", CompanyName = "Alfa LLC", StageKind = CrmSuite.Clients.Contracts.StageKind.Open, Version = "1" });
        DealsApi.Stored.Add(new CrmSuite.Clients.Contracts.Deal { Id = OtherDealId, Title = "Nuts for the tower", CompanyName = "Beta LLC", StageKind = CrmSuite.Clients.Contracts.StageKind.Open, Version = "1" });
        DealsApi.Stored.Add(new CrmSuite.Clients.Contracts.Deal { Id = ClosedDealId, Title = "Bolts won last year", CompanyName = "Alfa LLC", StageKind = CrmSuite.Clients.Contracts.StageKind.Won, Version = "1" });
        StockApi.OnListStock = request => Calls.Ok(new ListStockResponse
        {
            Levels =
            {
                new StockLevel
                {
                    ProductId = request.ProductId, Sku = "BOLT-10", WarehouseId = "w-main", OnHand = "10", Reserved = "4", Available = "6", MinimumQuantity = "0",
                },
            },
        });
    }

    [Fact]
    public void The_product_card_shows_its_stock_per_warehouse()
    {
        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));

        card.WaitForAssertion(() => Assert.Equal("Bolt M10", card.Find("[data-testid=product-title]").TextContent));
        var level = card.Find("[data-testid=level-row][data-warehouse-id=w-main]");
        Assert.Equal(["MAIN · Main warehouse", "10", "4", "6"],
            new[] { "level-warehouse", "level-on-hand", "level-reserved", "level-available" }
                .Select(cell => level.QuerySelector($"[data-testid={cell}]")!.TextContent));
        Assert.Equal("p-bolt", StockApi.ListStockRequests.Single().ProductId);
    }

    [Fact]
    public void The_history_lists_the_movements_of_the_product_with_its_quantity_and_who_posted_them()
    {
        MovementsApi.OnList = _ => Calls.Ok(new ListMovementsResponse
        {
            Movements =
            {
                new Movement
                {
                    Id = "m-2", Number = 2, Type = MovementType.Shipment, Status = MovementStatus.Posted, WarehouseId = "w-main",
                    CreatedBy = "user-1", PostedBy = "user-1", CreatedAt = Now(), PostedAt = Now(),
                    Lines = { new MovementLine { ProductId = "p-other", Quantity = "7" }, new MovementLine { ProductId = "p-bolt", Quantity = "3" } },
                },
                new Movement
                {
                    Id = "m-1", Number = 1, Type = MovementType.Receipt, Status = MovementStatus.Posted, WarehouseId = "w-main",
                    CreatedBy = "someone-else", PostedBy = "someone-else", CreatedAt = Now(), PostedAt = Now(),
                    Lines = { new MovementLine { ProductId = "p-bolt", Quantity = "10", UnitCost = "12.5" } },
                },
            },
        });

        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));

        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=history-row]").Count));
        Assert.Equal("p-bolt", MovementsApi.ListRequests.Single().ProductId);
        Assert.Equal(["Shipment", "Receipt"], card.FindAll("[data-testid=history-type]").Select(cell => cell.TextContent));
        Assert.Equal(["3", "10"], card.FindAll("[data-testid=history-quantity]").Select(cell => cell.TextContent));
        // The signed-in user is named; anyone else is shown by the id the service gives.
        Assert.Equal(["Anna Petrova", "someone-else"], card.FindAll("[data-testid=history-posted-by]").Select(cell => cell.TextContent));
        Assert.Equal("warehouse/movements/m-2", card.Find("[data-testid=history-number]").GetAttribute("href"));
    }

    [Fact]
    public void A_refused_reservation_shows_the_services_message_naming_product_requested_and_available()
    {
        const string message = "Not enough BOLT-10 (Bolt M10) available: requested 7, available 6.";
        StockApi.OnReserve = _ => Calls.Fail<ReserveResponse>(Calls.Refused("lines[0].quantity", message));
        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=reserve-form]")));

        ChooseDeal(card, "Bolts for the bridge — Alfa LLC");
        card.Find("[data-testid=reserve-quantity-input]").Change("7");
        card.Find("[data-testid=reserve-submit]").Click();

        card.WaitForAssertion(() => Assert.Equal(message, card.Find("[data-testid=reserve-refusal-message]").TextContent));
        Assert.Contains(Texts.Reservations.Refused.En, card.Find("[data-testid=reserve-refused]").TextContent);
        // Said once, in the form's own words: not again under the quantity, nor as the general "cannot be done right now".
        Assert.Empty(card.FindAll("[data-testid^=field-error-lines]"));
        Assert.Empty(card.FindAll("[data-testid=reserve-error]"));
        var request = StockApi.ReserveRequests.Single();
        Assert.Equal((DealId, "w-main", "p-bolt", "7"), (request.DealId, request.WarehouseId, request.Lines.Single().ProductId, request.Lines.Single().Quantity));
    }

    [Fact]
    public void A_refusal_naming_no_field_shows_the_services_detail_in_the_reservation_form_in_either_language()
    {
        const string detail = "Warehouse MAIN is closed for stock-taking.";
        StockApi.OnReserve = _ => Calls.Fail<ReserveResponse>(Calls.Error(Grpc.Core.StatusCode.FailedPrecondition, detail));
        UseCulture("ru");
        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=reserve-form]")));

        ChooseDeal(card, "Bolts for the bridge — Alfa LLC");
        card.Find("[data-testid=reserve-quantity-input]").Change("3");
        card.Find("[data-testid=reserve-submit]").Click();

        card.WaitForAssertion(() => Assert.Equal(detail, card.Find("[data-testid=reserve-refusal-message]").TextContent));
        Assert.Contains(Texts.Reservations.Refused.Ru, card.Find("[data-testid=reserve-refused]").TextContent);
        Assert.DoesNotContain(Texts.Errors.FailedPrecondition.Ru, card.Find("[data-testid=reserve-form]").TextContent, StringComparison.Ordinal);
        Assert.Equal("3", card.Find("[data-testid=reserve-quantity-input]").GetAttribute("value"));
    }

    [Fact]
    public void A_reservation_reloads_the_stock_and_a_refused_deal_is_shown_at_its_field()
    {
        StockApi.OnReserve = request => request.DealId == DealId
            ? Calls.Ok(new ReserveResponse { Reservations = { new Reservation { Sku = "BOLT-10", Quantity = "4" } } })
            : Calls.Fail<ReserveResponse>(Calls.Invalid(("deal_id", "The deal was closed meanwhile.")));
        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=reserve-form]")));

        ChooseDeal(card, "Nuts for the tower — Beta LLC");
        card.Find("[data-testid=reserve-quantity-input]").Change("4");
        card.Find("[data-testid=reserve-submit]").Click();
        card.WaitForAssertion(() => Assert.Equal("The deal was closed meanwhile.", card.Find("[data-testid=field-error-deal_id]").TextContent));

        ChooseDeal(card, "Bolts for the bridge — Alfa LLC");
        card.Find("[data-testid=reserve-submit]").Click();

        card.WaitForAssertion(() => Assert.Equal(2, StockApi.ListStockRequests.Count));
        Assert.Empty(card.FindAll("[data-testid=field-error-deal_id]"));
        Assert.Empty(card.FindAll("[data-testid=reserve-refused]"));
    }

    [Fact]
    public void The_deal_to_reserve_for_is_picked_by_its_title_and_company_among_the_open_deals_never_typed_as_an_id()
    {
        StockApi.OnReserve = _ => Calls.Ok(new ReserveResponse { Reservations = { new Reservation { Sku = "BOLT-10", Quantity = "2" } } });
        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=reserve-form]")));

        Assert.Empty(card.FindAll("input[data-testid=reserve-deal-input]"));
        card.Find("[data-testid=reserve-deal-input]").Click();
        card.WaitForAssertion(() => Assert.Equal(["Bolts for the bridge — Alfa LLC", "Nuts for the tower — Beta LLC"],
            card.FindAll("[data-testid=reserve-deal-input] .rz-dropdown-item").Select(i => i.TextContent.Trim())));
        Assert.DoesNotContain(DealId, card.Find("[data-testid=reserve-form]").TextContent, StringComparison.Ordinal);
        ChooseDeal(card, "Bolts for the bridge — Alfa LLC");
        card.Find("[data-testid=reserve-quantity-input]").Change("2");
        card.Find("[data-testid=reserve-submit]").Click();

        card.WaitForAssertion(() => Assert.Equal(DealId, StockApi.ReserveRequests.Single().DealId));
    }

    private static void ChooseDeal(Bunit.IRenderedComponent<ProductCard> card, string label)
    {
        card.Find("[data-testid=reserve-deal-input]").Click();
        card.WaitForAssertion(() => card.FindAll("[data-testid=reserve-deal-input] .rz-dropdown-item").Single(i => i.TextContent.Trim() == label).Click());
    }

    [Fact]
    public void Reserving_is_offered_only_with_warehouse_reserve()
    {
        SignInWith(Permissions.WarehouseRead);

        var card = Render<ProductCard>(p => p.Add(c => c.Id, "p-bolt"));

        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=product-title]")));
        Assert.Empty(card.FindAll("[data-testid=reserve-form]"));
        Assert.Empty(card.FindAll("[data-testid=edit-product]"));
    }

    [Fact]
    public void The_product_list_searches_as_the_user_types()
    {
        CatalogApi.OnListProducts = request => Calls.Ok(new ListProductsResponse
        {
            Products = { new Product { Id = "p-1", Sku = request.Query.Length > 0 ? "FOUND-" + request.Query.ToUpperInvariant() : "ALL", Name = "Item", Active = true } },
        });
        var page = Render<ProductsPage>();
        page.WaitForAssertion(() => Assert.Equal("ALL", page.Find("[data-testid=product-link]").TextContent));

        page.Find("[data-testid=products-search]").Input("bolt");

        page.WaitForAssertion(() => Assert.Equal("FOUND-BOLT", page.Find("[data-testid=product-link]").TextContent), Typing);
        Assert.Equal(["", "bolt"], CatalogApi.ListProductsRequests.Select(r => r.Query));
    }

    [Fact]
    public void A_new_product_is_created_in_a_dialog_and_opened()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.WarehouseCatalog);
        var dialogs = Render<RadzenDialog>();
        var page = Render<ProductsPage>();

        page.Find("[data-testid=new-product]").Click();
        dialogs.WaitForElement("[data-testid=product-sku-input]").Change("bolt-12");
        dialogs.Find("[data-testid=product-name-input]").Change("Bolt M12");
        dialogs.Find("[data-testid=save-product]").Click();

        dialogs.WaitForAssertion(() => Assert.EndsWith("/warehouse/products/created", Navigation.Uri, StringComparison.Ordinal));
        var request = CatalogApi.CreateProductRequests.Single();
        Assert.Equal(("bolt-12", "Bolt M12", "pcs", "standard", ""), (request.Sku, request.Name, request.Unit, request.VatKind, request.VatRate));
    }

    [Fact]
    public void The_product_list_has_no_create_button_without_warehouse_catalog()
    {
        var page = Render<ProductsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=products-empty]")));
        Assert.Empty(page.FindAll("[data-testid=new-product]"));
    }

    private static Timestamp Now() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
