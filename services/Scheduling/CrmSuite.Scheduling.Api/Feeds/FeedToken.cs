using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>The feed's secret: 256 random bits as base64url (43 characters), stored only as its SHA-256.</summary>
public static class FeedToken
{
    public const int Length = 43;

    public static (string Token, byte[] Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    /// <summary>The hash to look the token up by; null when the text cannot be a token (answered 404 without a database read).</summary>
    public static byte[]? Hash(string token) =>
        token.Length == Length && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? SHA256.HashData(Encoding.ASCII.GetBytes(token))
            : null;
}
