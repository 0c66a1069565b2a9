namespace CrmSuite.BuildingBlocks.Errors;

/// <summary>One bad field of a request. <paramref name="Field"/> is the proto field name (snake_case).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The request is malformed; nothing was changed. Maps to INVALID_ARGUMENT / HTTP 400.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Select(e => e.Field).Distinct()))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public ValidationFailedException(string field, string message) : this([new FieldError(field, message)]) { }
}

/// <summary>The record does not exist (or the caller may not know it exists). NOT_FOUND / HTTP 404.</summary>
public sealed class RecordNotFoundException(string entity, string id)
    : Exception($"{entity} '{id}' was not found.");

/// <summary>The record changed since the caller read it. ABORTED / HTTP 409.</summary>
public sealed class ConcurrencyConflictException(string entity, string id)
    : Exception($"{entity} '{id}' was changed by someone else; reload it and try again.")
{
    /// <summary>The answer when the conflicting record is not known.</summary>
    public const string Unnamed = "The record was changed by someone else; reload it and try again.";
}

/// <summary>The record is in a state that forbids the operation. FAILED_PRECONDITION / HTTP 400.</summary>
public sealed class StateConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Collects field errors and throws them all at once, so a caller sees every bad field in one answer.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToList());
        }
    }
}
