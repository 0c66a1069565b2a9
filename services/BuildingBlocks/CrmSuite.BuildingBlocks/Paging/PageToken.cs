using System.Buffers.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.BuildingBlocks.Paging;

/// <summary>
/// Opaque keyset cursor: the sort key and id of the last row of a page, plus the order it was
/// taken in, so a token cannot be replayed against another order.
/// </summary>
public sealed record PageToken(string Order, string? Text, DateTimeOffset? Time, Guid Id)
{

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Null for the first page; otherwise the decoded token, or a 400 naming page_token.</summary>
    public static PageToken? Decode(string token, string expectedOrder)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        PageToken? decoded = null;
        try
        {
            decoded = JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
        }
        if (decoded is null || decoded.Order != expectedOrder)
        {
            throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
        }
        return decoded;
    }

}
