using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Bunit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Gateway.UI.Warehouse;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Components.Web;
using WarehouseSite = CrmSuite.Warehouse.Contracts.Warehouse;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class WarehouseMovementTests : UiTest
{
    private const string Barcode = "4601234567890";

    private static readonly Product Bolt = new() { Id = "p-bolt", Sku = "BOLT-10", Name = "Bolt M10", Barcode = Barcode, Unit = "pcs", Active = true };

    public WarehouseMovementTests()
    {
        SignInWith(Permissions.WarehouseRead, Permissions.WarehouseWrite);
        CatalogApi.Warehouses.Add(new WarehouseSite { Id = "w-main", Code = "MAIN", Name = "Main warehouse", Active = true });
        CatalogApi.OnListProducts = request => Calls.Ok(request.Query is "BOLT" or "bolt-10" or Barcode
            ? new ListProductsResponse { Products = { Bolt } }
            : new ListProductsResponse());
    }

    [Fact]
    public void Scanning_a_barcode_and_Enter_adds_a_line_and_a_second_scan_adds_one_more()
    {
        var form = Render<MovementForm>();

        Scan(form, Barcode);

        form.WaitForAssertion(() => Assert.Equal("BOLT-10", form.Find("[data-testid=movement-line] [data-testid=line-sku]").TextContent));
        Assert.Equal("1", form.Find("[data-testid=line-quantity]").GetAttribute("value"));
        Assert.Equal("", form.Find("[data-testid=movement-scan]").GetAttribute("value"));

        Scan(form, Barcode);

        form.WaitForAssertion(() => Assert.Equal("2", form.Find("[data-testid=line-quantity]").GetAttribute("value")));
        Assert.Single(form.FindAll("[data-testid=movement-line]"));
        // The second scan is recognised on the form: no second lookup.
        Assert.Equal([Barcode], CatalogApi.ListProductsRequests.Select(r => r.Query));
    }

    [Fact]
    public void A_typed_SKU_in_any_case_finds_the_same_product_as_its_barcode()
    {
        var form = Render<MovementForm>();

        Scan(form, "bolt-10");
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=movement-line]")));
        Scan(form, Barcode);

        form.WaitForAssertion(() => Assert.Equal("2", form.Find("[data-testid=line-quantity]").GetAttribute("value")));
        Assert.Single(form.FindAll("[data-testid=movement-line]"));
    }

    [Fact]
    public void An_unknown_code_says_so_and_adds_nothing()
    {
        var form = Render<MovementForm>();

        Scan(form, "0000000000000");

        form.WaitForAssertion(() => Assert.Equal("No product “0000000000000”", form.Find("[data-testid=scan-message]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=movement-line]"));
    }

    [Fact]
    public void Posting_a_receipt_sends_the_lines_with_post_and_opens_the_movement()
    {
        var form = Render<MovementForm>();
        form.Find("[data-testid=movement-supplier-input]").Change("OOO Supplier");
        Scan(form, Barcode);
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=movement-line]")));
        form.Find("[data-testid=line-quantity]").Change("10");
        form.Find("[data-testid=line-unit-cost]").Change("12,5");

        form.Find("[data-testid=movement-post]").Click();

        form.WaitForAssertion(() => Assert.EndsWith("/warehouse/movements/movement-1", Navigation.Uri, StringComparison.Ordinal));
        var request = Assert.Single(MovementsApi.CreateRequests);
        Assert.True(request.Post);
        Assert.Equal((MovementType.Receipt, "w-main", "OOO Supplier", ""), (request.Type, request.WarehouseId, request.Supplier, request.DealId));
        var line = Assert.Single(request.Lines);
        Assert.Equal(("p-bolt", "10", "12.5"), (line.ProductId, line.Quantity, line.UnitCost));
    }

    [Fact]
    public void Field_errors_from_the_service_are_shown_next_to_their_fields()
    {
        MovementsApi.OnCreate = _ => Calls.Fail<Movement>(Calls.Invalid(
            ("supplier", "Required: the supplier."),
            ("lines[0].unit_cost", "Required: the purchase cost per unit.")));
        var form = Render<MovementForm>();
        Scan(form, Barcode);
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=movement-line]")));

        form.Find("[data-testid=movement-save-draft]").Click();

        form.WaitForAssertion(() => Assert.Equal("Required: the supplier.", form.Find("[data-testid=field-error-supplier]").TextContent));
        Assert.Equal("Required: the purchase cost per unit.", form.Find("[data-testid=line-error-lines\\[0\\]\\.unit_cost]").TextContent);
        Assert.False(MovementsApi.CreateRequests.Single().Post);
        Assert.EndsWith("/", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_refused_for_want_of_stock_shows_the_services_words_at_the_line_and_stays_on_the_form()
    {
        const string message = "Not enough BOLT-10 in stock: requested 5, available 2.";
        MovementsApi.OnCreate = _ => Calls.Fail<Movement>(Calls.Refused("lines[0].quantity", message));
        var form = Render<MovementForm>();
        Scan(form, Barcode);
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=movement-line]")));
        form.Find("[data-testid=line-quantity]").Change("5");

        form.Find("[data-testid=movement-post]").Click();

        form.WaitForAssertion(() => Assert.Equal(message, form.Find("[data-testid=line-error-lines\\[0\\]\\.quantity]").TextContent));
        Assert.Contains(Texts.Errors.FailedPrecondition.En, form.Find("[data-testid=error]").TextContent, StringComparison.Ordinal);
        Assert.True(MovementsApi.CreateRequests.Single().Post);
        Assert.EndsWith("/", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipment_asks_for_the_deal_by_title_and_ships_to_its_client()
    {
        DealsApi.Stored.Add(new CrmSuite.Clients.Contracts.Deal
        {
            Id = "0b7c1c8e-3a55-4a39-9d1b-0a3e3f0c1a11", Title = "Bolts for the bridge", CompanyId = "5d0c7a3e-0000-4000-8000-00000000c0de",
            CompanyName = "Alfa LLC", StageKind = CrmSuite.Clients.Contracts.StageKind.Open, Version = "1",
        });
        var form = Render<MovementForm>();
        form.Find("[data-testid=movement-type]").QuerySelectorAll("[role=radio], .rz-button").First(b => b.TextContent.Contains("Shipment", StringComparison.Ordinal)).Click();
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=movement-deal-input]")));
        Assert.Empty(form.FindAll("[data-testid=movement-supplier-input]"));
        form.Find("[data-testid=movement-deal-input]").Click();
        form.WaitForAssertion(() => form.FindAll("[data-testid=movement-deal-input] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "Bolts for the bridge — Alfa LLC").Click());
        form.WaitForAssertion(() => Assert.Equal("Alfa LLC", form.Find("[data-testid=movement-company-input]").GetAttribute("value")));
        Scan(form, Barcode);
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=movement-line]")));
        Assert.Empty(form.FindAll("[data-testid=line-unit-cost]"));

        form.Find("[data-testid=movement-post]").Click();

        form.WaitForAssertion(() => Assert.Single(MovementsApi.CreateRequests));
        var request = MovementsApi.CreateRequests.Single();
        Assert.Equal((MovementType.Shipment, "0b7c1c8e-3a55-4a39-9d1b-0a3e3f0c1a11", "5d0c7a3e-0000-4000-8000-00000000c0de", ""),
            (request.Type, request.DealId, request.CompanyId, request.Lines.Single().UnitCost));
    }

    [Fact]
    public void Reverse_is_offered_only_for_posted_movements_and_Post_only_for_drafts()
    {
        MovementsApi.OnGet = request => Calls.Ok(request.Id == "posted"
            ? Movement("posted", MovementStatus.Posted)
            : Movement("draft", MovementStatus.Draft));

        var posted = Render<MovementCard>(p => p.Add(c => c.Id, "posted"));
        posted.WaitForAssertion(() => Assert.Equal(Texts.Movements.Posted.En, posted.Find("[data-testid=movement-status]").TextContent.Trim()));
        Assert.NotNull(posted.Find("[data-testid=reverse-movement]"));
        Assert.Empty(posted.FindAll("[data-testid=post-movement]"));

        var draft = Render<MovementCard>(p => p.Add(c => c.Id, "draft"));
        draft.WaitForAssertion(() => Assert.Equal(Texts.Movements.Draft.En, draft.Find("[data-testid=movement-status]").TextContent.Trim()));
        Assert.NotNull(draft.Find("[data-testid=post-movement]"));
        Assert.Empty(draft.FindAll("[data-testid=reverse-movement]"));
    }

    [Fact]
    public void A_movement_already_reversed_or_without_warehouse_write_offers_no_Reverse()
    {
        var reversed = Movement("posted", MovementStatus.Posted);
        reversed.ReversedByMovementId = "reversal";
        MovementsApi.OnGet = request => Calls.Ok(request.Id == "posted" ? reversed : Movement("other", MovementStatus.Posted));

        var card = Render<MovementCard>(p => p.Add(c => c.Id, "posted"));
        card.WaitForAssertion(() => Assert.NotNull(card.Find("[data-testid=movement-reversed-by]")));
        Assert.Empty(card.FindAll("[data-testid=reverse-movement]"));

        SignInWith(Permissions.WarehouseRead);
        var reader = Render<MovementCard>(p => p.Add(c => c.Id, "other"));
        reader.WaitForAssertion(() => Assert.NotNull(reader.Find("[data-testid=movement-status]")));
        Assert.Empty(reader.FindAll("[data-testid=reverse-movement]"));
    }

    [Fact]
    public void Reversing_asks_for_a_reason_and_opens_the_reversal()
    {
        MovementsApi.OnGet = _ => Calls.Ok(Movement("posted", MovementStatus.Posted));
        var card = Render<MovementCard>(p => p.Add(c => c.Id, "posted"));
        card.WaitForAssertion(() => card.Find("[data-testid=reverse-movement]").Click());

        card.Find("[data-testid=reverse-reason-input]").Change("Wrong warehouse");
        card.Find("[data-testid=reverse-confirm]").Click();

        card.WaitForAssertion(() => Assert.EndsWith("/warehouse/movements/reversal", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal(("posted", "Wrong warehouse"), (MovementsApi.ReverseRequests.Single().Id, MovementsApi.ReverseRequests.Single().Reason));
    }

    [Fact]
    public void The_movement_shows_who_posted_it_and_its_lines()
    {
        MovementsApi.OnGet = _ => Calls.Ok(Movement("posted", MovementStatus.Posted));

        var card = Render<MovementCard>(p => p.Add(c => c.Id, "posted"));

        card.WaitForAssertion(() => Assert.Equal("Anna Petrova", card.Find("[data-testid=movement-posted-by]").TextContent));
        Assert.Equal("Receipt No. 42", card.Find("[data-testid=movement-title]").TextContent);
        Assert.Equal("MAIN · Main warehouse", card.Find("[data-testid=movement-warehouse-name]").TextContent);
        Assert.Equal(("BOLT-10", "10"), (card.Find("[data-testid=line-sku]").TextContent, card.Find("[data-testid=line-quantity]").TextContent));
    }

    [Fact]
    public void The_movement_names_its_client_and_deal_and_says_so_in_words_where_the_viewer_may_not_see_them()
    {
        var shipment = Movement("shipment", MovementStatus.Posted);
        (shipment.Type, shipment.CompanyId, shipment.DealId) = (MovementType.Shipment, "c-alfa", "d-kettles");
        var hidden = Movement("hidden", MovementStatus.Posted);
        (hidden.Type, hidden.CompanyId, hidden.DealId) = (MovementType.Shipment, "c-other", "d-other");
        MovementsApi.OnGet = request => Calls.Ok(request.Id == "shipment" ? shipment : hidden);
        CompaniesApi.OnGet = request => request.Id == "c-alfa"
            ? Calls.Ok(new Company { Id = "c-alfa", Name = "Alfa LLC" })
            : Calls.Fail<Company>(Calls.Error(StatusCode.NotFound));
        DealsApi.Stored.Add(new Deal { Id = "d-kettles", Title = "Kettles", CompanyName = "Alfa LLC" });

        SignInWith(Permissions.WarehouseRead, Permissions.ClientsRead);
        var card = Render<MovementCard>(p => p.Add(c => c.Id, "shipment"));

        card.WaitForAssertion(() => Assert.Equal("Alfa LLC", card.Find("[data-testid=movement-company]").TextContent));
        Assert.EndsWith("clients/c-alfa", card.Find("[data-testid=movement-company]").GetAttribute("href"), StringComparison.Ordinal);
        card.WaitForAssertion(() => Assert.Equal("Kettles — Alfa LLC", card.Find("[data-testid=movement-deal]").TextContent));

        var other = Render<MovementCard>(p => p.Add(c => c.Id, "hidden"));

        other.WaitForAssertion(() => Assert.Equal(Texts.Common.HiddenCompany.En, other.Find("[data-testid=movement-company]").TextContent));
        Assert.Null(other.Find("[data-testid=movement-company]").GetAttribute("href"));
        other.WaitForAssertion(() => Assert.Equal(Texts.Common.HiddenDeal.En, other.Find("[data-testid=movement-deal]").TextContent));
        Assert.DoesNotContain("c-other", other.Find("dl").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keeper_without_clients_read_sees_the_client_named_as_hidden_without_asking_the_clients_service()
    {
        var shipment = Movement("shipment", MovementStatus.Posted);
        (shipment.Type, shipment.CompanyId) = (MovementType.Shipment, "c-alfa");
        MovementsApi.OnGet = _ => Calls.Ok(shipment);
        SignInWith(Permissions.WarehouseRead);

        var card = Render<MovementCard>(p => p.Add(c => c.Id, "shipment"));

        card.WaitForAssertion(() => Assert.Equal(Texts.Common.HiddenCompany.En, card.Find("[data-testid=movement-company]").TextContent));
        Assert.Empty(CompaniesApi.GetRequests);
    }

    [Fact]
    public void A_client_whose_name_cannot_be_loaded_now_is_not_called_hidden()
    {
        var shipment = Movement("shipment", MovementStatus.Posted);
        (shipment.Type, shipment.CompanyId) = (MovementType.Shipment, "c-alfa");
        MovementsApi.OnGet = _ => Calls.Ok(shipment);
        CompaniesApi.OnGet = _ => Calls.Fail<Company>(Calls.Error(StatusCode.Unavailable));
        SignInWith(Permissions.WarehouseRead, Permissions.ClientsRead);

        var card = Render<MovementCard>(p => p.Add(c => c.Id, "shipment"));

        card.WaitForAssertion(() => Assert.Equal(Texts.Common.CompanyUnavailable.En, card.Find("[data-testid=movement-company]").TextContent));
    }

    private static void Scan(IRenderedComponent<MovementForm> form, string code)
    {
        var input = form.Find("[data-testid=movement-scan]");
        input.Input(code);
        form.Find("[data-testid=movement-scan]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
    }

    private static Movement Movement(string id, MovementStatus status) => new()
    {
        Id = id,
        Number = 42,
        Type = MovementType.Receipt,
        Status = status,
        WarehouseId = "w-main",
        Supplier = "OOO Supplier",
        CreatedBy = "user-1",
        CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        PostedBy = status == MovementStatus.Posted ? "user-1" : "",
        PostedAt = status == MovementStatus.Posted ? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) : null,
        Lines = { new MovementLine { ProductId = "p-bolt", Sku = "BOLT-10", Quantity = "10", UnitCost = "12.5" } },
        Version = "3",
    };
}
