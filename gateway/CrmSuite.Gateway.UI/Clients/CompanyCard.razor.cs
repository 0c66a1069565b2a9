using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using Grpc.Core;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace CrmSuite.Gateway.UI.Clients;

public partial class CompanyCard
{
    private enum CardState { Loading, Creating, Showing, NotFound, NotAllowed, Failed }

    private readonly ErrorState errors = new();
    private CardState state = CardState.Loading;
    private string? shownId;
    private Company? company;
    private IReadOnlyList<CustomSection> sections = [];
    private CompanyDraft draft = new();
    private bool editing;
    private bool saving;
    private bool changedMeanwhile;

    /// <summary>The company id; absent on /clients/new.</summary>
    [Parameter] public string? Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (state != CardState.Loading && Id == shownId)
        {
            return;
        }

        shownId = Id;
        company = null;
        editing = false;
        changedMeanwhile = false;
        errors.Clear();
        if (Id is null)
        {
            draft = new CompanyDraft();
            state = CardState.Creating;
            return;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        state = CardState.Loading;
        company = await ClientsApi.GetCompanyAsync(Id!, errors);
        if (company is null)
        {
            state = errors.Status switch
            {
                // A malformed id in the address is, for the user, a company that does not exist.
                StatusCode.NotFound or StatusCode.InvalidArgument => CardState.NotFound,
                StatusCode.PermissionDenied => CardState.NotAllowed,
                _ => CardState.Failed,
            };
            return;
        }
        if (company.MergedIntoId.Length > 0)
        {
            // A merged card's address leads to the company it was merged into.
            Notifications.Notify(NotificationSeverity.Info, T[Texts.Imports.MergedInto]);
            Navigation.NavigateTo($"clients/{company.MergedIntoId}", replace: true);
            return;
        }
        // The custom sections are extra tabs; without them the card still works (and says nothing of it).
        sections = (await ClientsApi.ListCustomFieldsAsync(new ErrorState()))?.Sections ?? [];
        state = CardState.Showing;
    }

    /// <summary>A part of the card (a custom tab, the manager) saved the company: show what the server answered.</summary>
    private void Shown(Company saved) => company = saved;

    /// <summary>
    /// The form changed the draft: handling this callback re-renders the card, and with it the
    /// duplicate check beside the form, which reads the draft's name, INN, phone and email.
    /// </summary>
    private static void DraftChanged()
    {
    }

    private void StartEditing()
    {
        draft = CompanyDraft.From(company!);
        errors.Clear();
        changedMeanwhile = false;
        editing = true;
    }

    private void CancelEditing()
    {
        errors.Clear();
        editing = false;
    }

    private async Task SaveAsync()
    {
        if (company is null)
        {
            await ChangeAsync(() => ClientsApi.CreateCompanyAsync(draft.ToCreateRequest(), errors), Texts.Company.CreatedDone);
            if (company is not null)
            {
                shownId = company.Id;
                state = CardState.Showing;
                Navigation.NavigateTo($"clients/{company.Id}", replace: true);
            }

            return;
        }

        if (await ChangeAsync(() => ClientsApi.UpdateCompanyAsync(draft.ToUpdateRequest(company), errors), Texts.Common.Saved))
        {
            editing = false;
        }
    }

    private async Task ArchiveAsync()
    {
        var confirmed = await Dialogs.Confirm(
            T.Format(Texts.Company.ArchiveQuestion, company!.Name), T[Texts.Common.Archive],
            new ConfirmOptions { OkButtonText = T[Texts.Common.Archive], CancelButtonText = T[Texts.Common.Cancel] });
        if (confirmed == true)
        {
            await ChangeAsync(() => ClientsApi.ArchiveCompanyAsync(company, errors), Texts.Company.ArchivedDone);
        }
    }

    private async Task MergeAsync()
    {
        var merged = await Dialogs.OpenAsync<CrmSuite.Gateway.UI.Imports.MergeDialog>(T[Texts.Imports.MergeTitle],
            new Dictionary<string, object?> { ["Survivor"] = company }, new DialogOptions { Width = "min(40rem, 95vw)" });
        if (merged is Company survivor)
        {
            company = survivor;
            Notifications.Notify(NotificationSeverity.Success, T[Texts.Common.Saved]);
        }
    }

    private Task RestoreAsync() =>
        ChangeAsync(() => ClientsApi.RestoreCompanyAsync(company!, errors), Texts.Company.RestoredDone);

    /// <summary>Runs one change and shows its outcome the same way for create, update, archive and restore.</summary>
    private async Task<bool> ChangeAsync(Func<Task<Company?>> change, Text done)
    {
        saving = true;
        errors.Clear();
        changedMeanwhile = false;
        try
        {
            if (await change() is { } changed)
            {
                company = changed;
                Notifications.Notify(NotificationSeverity.Success, T[done]);
                return true;
            }
            if (errors.Status == StatusCode.Aborted && company is not null)
            {
                // Someone else saved first: show their version; the user re-applies the change knowingly.
                editing = false;
                errors.Clear();
                await LoadAsync();
                changedMeanwhile = true;
            }
            else if (errors.Status == StatusCode.NotFound && company is not null)
            {
                state = CardState.NotFound;
            }
            return false;
        }
        finally
        {
            saving = false;
        }
    }
}
