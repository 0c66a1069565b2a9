using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Deals;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Grpc.Core;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class DealBoardTests : UiTest
{
    private static readonly Pipeline Sales = new()
    {
        Id = "p-sales",
        Name = "Sales",
        Stages =
        {
            new Stage { Id = "s-new", Name = "New", Position = 1, Kind = StageKind.Open, Probability = 10 },
            new Stage { Id = "s-talks", Name = "Negotiation", Position = 2, Kind = StageKind.Open, Probability = 60 },
            new Stage { Id = "s-won", Name = "Won", Position = 3, Kind = StageKind.Won, Probability = 100 },
            new Stage { Id = "s-lost", Name = "Lost", Position = 4, Kind = StageKind.Lost },
        },
    };

    public DealBoardTests()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
        DealsApi.Stored.Add(new Deal
        {
            Id = "d-1", Title = "Kettles for Alfa", CompanyId = "c-1", CompanyName = "Alfa LLC", PipelineId = "p-sales", StageId = "s-new",
            Amount = "150000.00", Currency = "RUB", Version = "7",
        });
        DealsApi.Stored.Add(new Deal
        {
            Id = "d-2", Title = "Toasters for Beta", CompanyId = "c-2", CompanyName = "Beta LLC", PipelineId = "p-sales", StageId = "s-talks",
            Amount = "20.50", Currency = "USD", Version = "3",
        });
    }

    [Fact]
    public void Each_stage_is_a_column_holding_its_deals_with_title_company_and_amount()
    {
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));

        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=stage-column-s-new] [data-testid=deal-card-d-1]")));
        Assert.Equal(["New", "Negotiation", "Won", "Lost"], board.FindAll("[data-testid^=stage-column-]").Select(c => c.GetAttribute("data-stage-name")));
        var card = board.Find("[data-testid=deal-card-d-1]");
        Assert.Equal("Kettles for Alfa", card.QuerySelector("[data-testid=deal-card-title]")!.TextContent);
        Assert.Equal("Alfa LLC", card.QuerySelector("[data-testid=deal-card-company]")!.TextContent);
        Assert.Equal("150,000.00 RUB", card.QuerySelector("[data-testid=deal-card-amount]")!.TextContent);
        Assert.NotNull(board.Find("[data-testid=stage-column-s-talks] [data-testid=deal-card-d-2]"));
        Assert.Equal("true", card.GetAttribute("draggable"));
    }

    [Fact]
    public void Dropping_a_card_on_another_column_moves_the_deal_through_the_service()
    {
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-1]").DragStart();

        board.Find("[data-testid=stage-column-s-talks]").Drop();

        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=stage-column-s-talks] [data-testid=deal-card-d-1]")));
        Assert.Empty(board.FindAll("[data-testid=stage-column-s-new] [data-testid=deal-card-d-1]"));
        var move = Assert.Single(DealsApi.MoveRequests);
        Assert.Equal(("d-1", "s-talks", "7", ""), (move.Id, move.StageId, move.Version, move.LostReason));
    }

    [Fact]
    public void A_move_that_changes_the_probability_says_so_on_the_card_and_in_a_notification()
    {
        DealsApi.Stored.Single(d => d.Id == "d-1").Probability = 50;
        DealsApi.OnMove = request =>
        {
            var deal = DealsApi.Stored.Single(d => d.Id == request.Id);
            deal.StageId = request.StageId;
            deal.Probability = 25;
            return Calls.Ok(deal.Clone());
        };
        var notifications = Render<RadzenNotification>();
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-1]").DragStart();

        board.Find("[data-testid=stage-column-s-talks]").Drop();

        board.WaitForAssertion(() => Assert.Equal("Probability changed from 50% to 25% by the stage",
            board.Find("[data-testid=stage-column-s-talks] [data-testid=deal-card-d-1] [data-testid=deal-card-probability-changed]").TextContent));
        notifications.WaitForAssertion(() => Assert.Contains("Probability changed from 50% to 25% by the stage", notifications.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void One_click_on_a_card_opens_the_deal_and_its_full_title_is_in_a_tooltip()
    {
        var dialogs = Render<RadzenDialog>();
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));

        board.WaitForElement("[data-testid=deal-card-d-1]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Kettles for Alfa", dialogs.Find("[data-testid=deal-title-input]").GetAttribute("value")));
        var card = board.Find("[data-testid=deal-card-d-1]");
        Assert.Equal("Kettles for Alfa", card.QuerySelector("[data-testid=deal-card-title]")!.GetAttribute("title"));
        Assert.Equal("Alfa LLC", card.QuerySelector("[data-testid=deal-card-company]")!.GetAttribute("title"));
    }

    [Fact]
    public void A_move_that_keeps_the_probability_adds_nothing_to_the_card()
    {
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-1]").DragStart();

        board.Find("[data-testid=stage-column-s-talks]").Drop();

        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=stage-column-s-talks] [data-testid=deal-card-d-1]")));
        Assert.Empty(board.FindAll("[data-testid=deal-card-probability-changed]"));
    }

    [Fact]
    public void Dropping_on_a_lost_stage_asks_why_and_sends_the_reason()
    {
        var dialogs = Render<RadzenDialog>();
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-2]").DragStart();

        board.Find("[data-testid=stage-column-s-lost]").Drop();
        dialogs.WaitForElement("[data-testid=lost-reason-input]").Change("Went with a cheaper supplier");
        dialogs.Find("[data-testid=lost-reason-submit]").Click();

        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=stage-column-s-lost] [data-testid=deal-card-d-2]")));
        var move = Assert.Single(DealsApi.MoveRequests);
        Assert.Equal(("s-lost", "Went with a cheaper supplier"), (move.StageId, move.LostReason));
    }

    [Fact]
    public void Cancelling_the_lost_reason_leaves_the_deal_where_it_was()
    {
        var dialogs = Render<RadzenDialog>();
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-2]").DragStart();

        board.Find("[data-testid=stage-column-s-lost]").Drop();
        dialogs.WaitForElement("[data-testid=lost-reason-cancel]").Click();

        board.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=lost-reason-form]")));
        Assert.Empty(DealsApi.MoveRequests);
        Assert.NotNull(board.Find("[data-testid=stage-column-s-talks] [data-testid=deal-card-d-2]"));
    }

    [Fact]
    public void A_refused_move_shows_the_service_reason_and_the_card_stays()
    {
        DealsApi.OnMove = _ => Calls.Fail<Deal>(Calls.Invalid(("lost_reason", "Say why the deal was lost.")));
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        board.WaitForElement("[data-testid=deal-card-d-1]").DragStart();

        board.Find("[data-testid=stage-column-s-won]").Drop();

        board.WaitForAssertion(() => Assert.Contains("Say why the deal was lost.", board.Find("[data-testid=board-error]").TextContent));
        Assert.Contains(Texts.Errors.InvalidInput.En, board.Find("[data-testid=board-error]").TextContent);
        Assert.NotNull(board.Find("[data-testid=stage-column-s-new] [data-testid=deal-card-d-1]"));
    }

    [Fact]
    public void Without_clients_write_cards_cannot_be_dragged_and_a_drop_sends_nothing()
    {
        SignInWith(Permissions.ClientsRead);
        var board = Render<DealBoard>(p => p.Add(b => b.Pipeline, Sales));
        var card = board.WaitForElement("[data-testid=deal-card-d-1]");

        Assert.Equal("false", card.GetAttribute("draggable"));
        card.DragStart();
        board.Find("[data-testid=stage-column-s-talks]").Drop();
        Assert.Empty(DealsApi.MoveRequests);
    }

    [Fact]
    public void The_deals_page_shows_the_board_of_the_first_pipeline_and_the_list_on_request()
    {
        PipelinesApi.Stored.Add(Sales);
        var page = Render<DealsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=deal-board] [data-testid=deal-card-d-1]")));
        page.FindAll("[data-testid=deals-view] .rz-button")[1].Click();

        page.WaitForAssertion(() => Assert.Equal(["Kettles for Alfa", "Toasters for Beta"], page.FindAll("[data-testid=deal-row-title]").Select(c => c.TextContent)));
        Assert.Equal("p-sales", DealsApi.ListRequests[^1].PipelineId);
    }

    [Fact]
    public void Without_any_pipeline_the_page_says_who_sets_one_up()
    {
        var page = Render<DealsPage>();

        page.WaitForAssertion(() => Assert.Contains(Texts.Deals.NoPipelineHint.En, page.Find("[data-testid=no-pipeline]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=new-deal]"));
    }
}
