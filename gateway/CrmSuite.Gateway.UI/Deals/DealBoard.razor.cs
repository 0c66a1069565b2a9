using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace CrmSuite.Gateway.UI.Deals;

public partial class DealBoard
{
    /// <summary>Cards per column; a column with more says so and the list view has them all.</summary>
    public const int ColumnSize = 50;

    private readonly ErrorState errors = new();
    private readonly Dictionary<string, List<Deal>> columns = [];
    private readonly HashSet<string> more = [];
    /// <summary>Deals whose last move changed their probability, with the sentence that says so.</summary>
    private readonly Dictionary<string, string> probabilityChanges = [];
    private Deal? dragged;
    private bool loading;
    private bool canMove;
    private string? shownPipeline;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Parameter, EditorRequired] public Pipeline Pipeline { get; set; } = default!;

    /// <summary>Bumped by the page when a deal was created elsewhere, so the board reloads.</summary>
    [Parameter] public int Revision { get; set; }

    private int shownRevision = -1;

    protected override async Task OnParametersSetAsync()
    {
        if (AuthenticationState is not null)
        {
            canMove = (await Authorization.AuthorizeAsync((await AuthenticationState).User, Permissions.ClientsWrite)).Succeeded;
        }
        if (shownPipeline != Pipeline.Id || shownRevision != Revision)
        {
            shownPipeline = Pipeline.Id;
            shownRevision = Revision;
            await LoadAsync();
        }
    }

    private Task LoadAsync()
    {
        errors.Clear();
        return LoadColumnsAsync();
    }

    private async Task LoadColumnsAsync()
    {
        loading = true;
        var pages = await DealsApi.ListBoardAsync(Pipeline, ColumnSize, errors);
        loading = false;
        if (pages is null)
        {
            return;
        }
        columns.Clear();
        more.Clear();
        foreach (var (stageId, page) in pages)
        {
            columns[stageId] = [.. page.Deals];
            if (page.NextPageToken.Length > 0)
            {
                more.Add(stageId);
            }
        }
    }

    private async Task DropAsync(Stage stage)
    {
        var deal = dragged;
        dragged = null;
        if (deal is null || deal.StageId == stage.Id || !canMove)
        {
            return;
        }
        errors.Clear();
        var reason = "";
        if (stage.Kind == StageKind.Lost)
        {
            reason = await Dialogs.AskLostReasonAsync(T, deal);
            if (reason is null)
            {
                return;
            }
        }
        var moved = await DealsApi.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = stage.Id, LostReason = reason, Version = deal.Version }, errors);
        if (moved is null)
        {
            // The card stays where it was; the service's own words say why. A deal changed or gone
            // meanwhile: the board shows what is there now, the reason still above it.
            if (errors.Status is StatusCode.Aborted or StatusCode.NotFound)
            {
                await LoadColumnsAsync();
            }
            return;
        }
        Replace(deal, moved);
        probabilityChanges.Remove(deal.Id);
        if (moved.Probability != deal.Probability)
        {
            var change = T.Format(Texts.DealProbability.ChangedByStage, deal.Probability, moved.Probability);
            probabilityChanges[deal.Id] = change;
            Notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Info, Summary = T.Format(Texts.Deals.Moved, stage.Name), Detail = change, Duration = 8000 });
        }
        else
        {
            Notifications.Notify(NotificationSeverity.Success, T.Format(Texts.Deals.Moved, stage.Name));
        }
    }

    private async Task OpenAsync(Deal deal)
    {
        if (await Dialogs.EditDealAsync(T, deal) is { } saved)
        {
            Replace(deal, saved);
        }
    }

    /// <summary>Puts the deal's new state in its column (first, as the most recently updated).</summary>
    private void Replace(Deal old, Deal updated)
    {
        columns.GetValueOrDefault(old.StageId)?.RemoveAll(d => d.Id == old.Id);
        if (columns.TryGetValue(updated.StageId, out var target))
        {
            target.Insert(0, updated);
        }
    }

    private static string ColumnClass(Stage stage) => "crm-board-column" + stage.Kind switch
    {
        StageKind.Won => " crm-board-won",
        StageKind.Lost => " crm-board-lost",
        _ => "",
    };

    private static string Money(Deal deal) => DealMoney.Format(deal.Amount, deal.Currency);
}
