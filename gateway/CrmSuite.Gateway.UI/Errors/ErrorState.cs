using CrmSuite.Gateway.UI.Localization;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Errors;

/// <summary>What went wrong with the last call of a page or form: a summary and per-field messages.</summary>
public sealed class ErrorState
{
    public Text? Summary { get; private set; }

    public IReadOnlyDictionary<string, string> Fields { get; private set; } = RpcErrors.NoFieldErrors;

    /// <summary>Counts the errors shown, so a form can tell a new refusal from the one already on screen.</summary>
    public int Shown { get; private set; }

    /// <summary>The status of the refused call, for a page that treats one (say, not found) its own way.</summary>
    public StatusCode? Status { get; private set; }

    /// <summary>
    /// Why the service refused a change the record's state does not allow (not enough stock), in
    /// the service's own words; null for any other error. A form that explains such a refusal on
    /// its own (the reservation form) shows this instead of the summary.
    /// </summary>
    public string? Refusal { get; private set; }

    public void Clear()
    {
        Summary = null;
        Fields = RpcErrors.NoFieldErrors;
        Status = null;
        Refusal = null;
    }

    public void Show(RpcException exception)
    {
        Summary = RpcErrors.Describe(exception);
        Fields = RpcErrors.FieldErrors(exception);
        Status = exception.StatusCode;
        Refusal = RpcErrors.Refusal(exception);
        Shown++;
    }

    public void Show(Text summary)
    {
        Summary = summary;
        Fields = RpcErrors.NoFieldErrors;
        Status = null;
        Refusal = null;
        Shown++;
    }

    public string? For(string field) => Fields.TryGetValue(field, out var message) ? message : null;

    /// <summary>Messages of fields the form does not show, so they are not lost.</summary>
    public IEnumerable<string> OtherThan(IReadOnlyCollection<string> shownFields) =>
        Fields.Where(field => !shownFields.Contains(field.Key, ProtoFieldNameComparer.Instance))
            .Select(field => field.Value);
}
