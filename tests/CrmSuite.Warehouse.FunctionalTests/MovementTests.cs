using System.Net;
using System.Net.Http.Json;
using CrmSuite.Warehouse.Contracts;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Warehouse.FunctionalTests.WarehouseApi;

namespace CrmSuite.Warehouse.FunctionalTests;

/// <summary>Every movement type moves stock as a storekeeper expects, and bad input changes nothing.</summary>
public sealed class MovementTests(WarehouseApi api) : IClassFixture<WarehouseApi>
{
    [Fact]
    public async Task A_receipt_puts_goods_on_hand_and_writes_the_ledger()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();

        var receipt = await api.ReceiveAsync(site.Id, product.Id, 12.5m, 100m);

        Assert.Equal(MovementStatus.Posted, receipt.Status);
        Assert.True(receipt.Number > 0);
        Assert.Equal(12.5m, await api.OnHandAsync(site.Id, product.Id));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM ledger_entries WHERE movement_id = @p0", Guid.Parse(receipt.Id)));
    }

    [Fact]
    public async Task A_shipment_for_a_deal_takes_goods_out()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 50m);

        var shipment = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "4" } },
        }, cancellationToken: Ct);

        Assert.Equal(MovementStatus.Posted, shipment.Status);
        Assert.Equal("50", shipment.Lines[0].UnitCost);
        Assert.Equal(6m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task A_shipment_to_a_client_is_listed_for_that_client_only()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 20m);
        var client = Guid.NewGuid().ToString();

        var shipment = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), CompanyId = client, Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2" } },
        }, cancellationToken: Ct);
        await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id, DealId = Guid.NewGuid().ToString(), CompanyId = Guid.NewGuid().ToString(), Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct);

        var forClient = await api.Director.Movements.ListMovementsAsync(new ListMovementsRequest { CompanyId = client }, cancellationToken: Ct);
        var only = Assert.Single(forClient.Movements);
        Assert.Equal(shipment.Id, only.Id);
        Assert.Equal(client, only.CompanyId);

        // A receipt does not go to a client.
        var wrong = await api.Http.PostAsJsonAsync("/v1/warehouse/movements", new
        {
            type = "MOVEMENT_TYPE_RECEIPT", warehouseId = site.Id, supplier = "ООО Поставщик", companyId = client,
            lines = new[] { new { productId = product.Id, quantity = "1", unitCost = "1" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await ReadJsonAsync(wrong)).GetProperty("errors").TryGetProperty("companyId", out _));
    }

    [Fact]
    public async Task Shipping_more_than_available_is_refused_naming_the_SKU_requested_and_available()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync(sku: "SHORT-1");
        await api.ReceiveAsync(site.Id, product.Id, 3m, 10m);

        var response = await api.Http.PostAsJsonAsync("/v1/warehouse/movements", new
        {
            type = "MOVEMENT_TYPE_SHIPMENT", warehouseId = site.Id, dealId = Guid.NewGuid(), post = true,
            lines = new[] { new { productId = product.Id, quantity = "5" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("SHORT-1", detail);
        Assert.Contains("requested 5", detail);
        Assert.Contains("available 3", detail);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[0].quantity", out _));
        Assert.Equal(3m, await api.OnHandAsync(site.Id, product.Id));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM movements WHERE type = 2 AND warehouse_id = @p0", Guid.Parse(site.Id)));
    }

    [Fact]
    public async Task A_transfer_moves_goods_and_their_cost_between_warehouses()
    {
        var from = await api.CreateWarehouseAsync();
        var to = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(from.Id, product.Id, 10m, 30m);

        await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Transfer, WarehouseId = from.Id, DestinationWarehouseId = to.Id, Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "4" } },
        }, cancellationToken: Ct);

        var source = await api.LevelAsync(from.Id, product.Id);
        var destination = await api.LevelAsync(to.Id, product.Id);
        Assert.Equal(("6", "180.00"), (source!.OnHand, source.Value));
        Assert.Equal(("4", "120.00", "30"), (destination!.OnHand, destination.Value, destination.AverageCost));
    }

    [Fact]
    public async Task A_transfer_to_the_same_warehouse_is_refused()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Transfer, WarehouseId = site.Id, DestinationWarehouseId = site.Id, Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("destination_warehouse_id", Fields(ex));
    }

    [Fact]
    public async Task A_write_off_needs_a_reason_and_takes_goods_out()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, product.Id, 10m, 5m);
        var request = new CreateMovementRequest
        {
            Type = MovementType.WriteOff, WarehouseId = site.Id, Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "2" } },
        };

        var ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(request, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["reason"], Fields(ex));
        Assert.Equal(10m, await api.OnHandAsync(site.Id, product.Id));

        request.Reason = "Упаковка повреждена";
        await api.Director.Movements.CreateMovementAsync(request, cancellationToken: Ct);
        Assert.Equal(8m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task A_count_books_the_difference_up_or_down()
    {
        var site = await api.CreateWarehouseAsync();
        var less = await api.CreateProductAsync();
        var more = await api.CreateProductAsync();
        await api.ReceiveAsync(site.Id, less.Id, 10m, 7m);
        await api.ReceiveAsync(site.Id, more.Id, 10m, 7m);

        var count = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.CountAdjustment, WarehouseId = site.Id, Post = true,
            Lines =
            {
                new MovementLine { ProductId = less.Id, CountedQuantity = "8.5" },
                new MovementLine { ProductId = more.Id, CountedQuantity = "11" },
            },
        }, cancellationToken: Ct);

        Assert.Equal(["-1.5", "1"], count.Lines.Select(l => l.Quantity));
        Assert.Equal(8.5m, await api.OnHandAsync(site.Id, less.Id));
        Assert.Equal(11m, await api.OnHandAsync(site.Id, more.Id));
        Assert.Equal("77.00", (await api.LevelAsync(site.Id, more.Id))!.Value);
    }

    [Theory]
    [InlineData("0", "greater than 0")]
    [InlineData("-3", "greater than 0")]
    [InlineData("1.0001", "at most 3 decimals")]
    [InlineData("three", "must be a number")]
    [InlineData("", "Required")]
    public async Task A_bad_quantity_is_named_and_nothing_is_written(string quantity, string message)
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var before = await api.ScalarAsync("SELECT count(*) FROM movements");

        var response = await api.Http.PostAsJsonAsync("/v1/warehouse/movements", new
        {
            type = "MOVEMENT_TYPE_RECEIPT", warehouseId = site.Id, supplier = "ООО Поставщик", post = true,
            lines = new[] { new { productId = product.Id, quantity, unitCost = "10" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("lines[0].quantity")[0].GetString());
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM movements"));
        Assert.Equal(0m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task An_unknown_product_or_warehouse_is_named()
    {
        var site = await api.CreateWarehouseAsync();
        var ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "X", Post = true,
            Lines = { new MovementLine { ProductId = Guid.NewGuid().ToString(), Quantity = "1", UnitCost = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("No such product.", ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single(v => v.Field == "lines[0].product_id").Description);

        var product = await api.CreateProductAsync();
        ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = Guid.NewGuid().ToString(), Supplier = "X", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1", UnitCost = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["warehouse_id"], Fields(ex));
    }

    [Fact]
    public async Task A_receipt_without_supplier_or_cost_and_a_shipment_without_deal_are_refused()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["lines[0].unit_cost", "supplier"], Fields(ex).Order());

        ex = await RefusedAsync(() => api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Shipment, WarehouseId = site.Id,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "1" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(["deal_id"], Fields(ex));
    }

    [Fact]
    public async Task Posting_twice_is_refused_and_the_stock_moves_once()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var draft = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "ООО Поставщик",
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "5", UnitCost = "3" } },
        }, cancellationToken: Ct);
        Assert.Equal(MovementStatus.Draft, draft.Status);
        Assert.Equal(0m, await api.OnHandAsync(site.Id, product.Id));

        await api.Director.Movements.PostMovementAsync(new PostMovementRequest { Id = draft.Id }, cancellationToken: Ct);
        var again = await api.Http.PostAsJsonAsync($"/v1/warehouse/movements/{draft.Id}:post", new { }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already posted", (await ReadJsonAsync(again)).GetProperty("detail").GetString());
        Assert.Equal(5m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task Two_clerks_posting_the_same_draft_at_once_move_the_stock_once()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var draft = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "ООО Поставщик",
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "5", UnitCost = "3" } },
        }, cancellationToken: Ct);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await api.Director.Movements.PostMovementAsync(new PostMovementRequest { Id = draft.Id }, cancellationToken: Ct);
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }));

        Assert.Equal(1, attempts.Count(posted => posted));
        Assert.Equal(5m, await api.OnHandAsync(site.Id, product.Id));
    }

    [Fact]
    public async Task A_posted_movement_cannot_be_edited_only_reversed()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var receipt = await api.ReceiveAsync(site.Id, product.Id, 5m, 3m);

        var edit = await api.Http.PutAsJsonAsync($"/v1/warehouse/movements/{receipt.Id}", new
        {
            warehouseId = site.Id, supplier = "Другой", lines = new[] { new { productId = product.Id, quantity = "50", unitCost = "3" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("cannot be edited", (await ReadJsonAsync(edit)).GetProperty("detail").GetString());
        var stored = await api.Director.Movements.GetMovementAsync(new GetMovementRequest { Id = receipt.Id }, cancellationToken: Ct);
        Assert.Equal(("5", "ООО Поставщик"), (stored.Lines[0].Quantity, stored.Supplier));

        var reversal = await api.Director.Movements.ReverseMovementAsync(new ReverseMovementRequest { Id = receipt.Id, Reason = "Ошибка ввода" }, cancellationToken: Ct);
        Assert.Equal(receipt.Id, reversal.ReversesMovementId);
        Assert.Equal(0m, await api.OnHandAsync(site.Id, product.Id));
        Assert.Equal(reversal.Id, (await api.Director.Movements.GetMovementAsync(new GetMovementRequest { Id = receipt.Id }, cancellationToken: Ct)).ReversedByMovementId);

        var twice = await RefusedAsync(() => api.Director.Movements.ReverseMovementAsync(new ReverseMovementRequest { Id = receipt.Id, Reason = "Ещё раз" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Contains("already been reversed", twice.Status.Detail);
    }

    [Fact]
    public async Task A_draft_can_be_edited_and_a_stale_version_is_refused()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var draft = await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.Receipt, WarehouseId = site.Id, Supplier = "A",
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "5", UnitCost = "3" } },
        }, cancellationToken: Ct);
        var edited = await api.Director.Movements.UpdateMovementAsync(new UpdateMovementRequest
        {
            Id = draft.Id, WarehouseId = site.Id, Supplier = "B", Version = draft.Version,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "7", UnitCost = "3" } },
        }, cancellationToken: Ct);
        Assert.Equal(("7", "B"), (edited.Lines[0].Quantity, edited.Supplier));

        var stale = await RefusedAsync(() => api.Director.Movements.UpdateMovementAsync(new UpdateMovementRequest
        {
            Id = draft.Id, WarehouseId = site.Id, Supplier = "C", Version = draft.Version,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "9", UnitCost = "3" } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("B", (await api.Director.Movements.GetMovementAsync(new GetMovementRequest { Id = draft.Id }, cancellationToken: Ct)).Supplier);
    }

    [Fact]
    public async Task Reversing_a_receipt_whose_goods_are_gone_is_refused()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync(sku: "GONE-1");
        var receipt = await api.ReceiveAsync(site.Id, product.Id, 5m, 3m);
        await api.Director.Movements.CreateMovementAsync(new CreateMovementRequest
        {
            Type = MovementType.WriteOff, WarehouseId = site.Id, Reason = "Брак", Post = true,
            Lines = { new MovementLine { ProductId = product.Id, Quantity = "4" } },
        }, cancellationToken: Ct);

        var ex = await RefusedAsync(() => api.Director.Movements.ReverseMovementAsync(new ReverseMovementRequest { Id = receipt.Id, Reason = "Ошибка" }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("GONE-1", ex.Status.Detail);
        Assert.Equal(1m, await api.OnHandAsync(site.Id, product.Id));
        Assert.Empty((await api.Director.Movements.GetMovementAsync(new GetMovementRequest { Id = receipt.Id }, cancellationToken: Ct)).ReversedByMovementId);
    }

    [Fact]
    public async Task Movements_are_listed_newest_first_in_pages_and_filtered_by_product()
    {
        var site = await api.CreateWarehouseAsync();
        var product = await api.CreateProductAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            api.Clock.Now = TestClock.WorkingNoon.AddMinutes(i);
            ids.Add((await api.ReceiveAsync(site.Id, product.Id, 1m, 1m)).Id);
        }
        api.Clock.Now = TestClock.WorkingNoon;

        var first = await api.Director.Movements.ListMovementsAsync(new ListMovementsRequest { ProductId = product.Id, PageSize = 3 }, cancellationToken: Ct);
        var second = await api.Director.Movements.ListMovementsAsync(new ListMovementsRequest { ProductId = product.Id, PageSize = 3, PageToken = first.NextPageToken }, cancellationToken: Ct);

        Assert.Equal(Enumerable.Reverse(ids), first.Movements.Concat(second.Movements).Select(m => m.Id));
        Assert.Empty(second.NextPageToken);
    }

    private static List<string> Fields(RpcException ex) =>
        ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Distinct().ToList();
}
