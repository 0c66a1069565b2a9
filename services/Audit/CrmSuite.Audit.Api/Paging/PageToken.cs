using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Audit.Api.Paging;

/// <summary>
/// Opaque keyset cursor for lists ordered by id descending: the id of the last row of a page,
/// tagged with the list it belongs to so a token cannot be replayed against another list.
/// </summary>
public static class PageToken
{

    public static string Encode(string list, long lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}:{lastId.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Null for the first page; otherwise the id to continue below, or a 400 naming page_token.</summary>
    public static long? Decode(string token, string list)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        string? text = null;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
        }
        var prefix = list + ":";
        if (text is null || !text.StartsWith(prefix, StringComparison.Ordinal)
            || !long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
        }
        return id;
    }

}
