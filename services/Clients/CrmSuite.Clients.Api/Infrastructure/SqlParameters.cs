using Npgsql;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>
/// The parameters of a statement written in SQL (search, duplicate lookups): <see cref="Add"/>
/// binds a value and returns its placeholder, so only placeholders are ever spliced into the text.
/// </summary>
public sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public string Add(object value)
    {
        var name = $"p{_parameters.Count}";
        _parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public object[] ToArray() => _parameters.ToArray<object>();
}
