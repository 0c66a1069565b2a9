using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace CrmSuite.AppHost;

/// <summary>
/// The scheduling service's VAPID key pair for browser notifications in a local run: configured
/// (Scheduling:WebPush:PrivateKey and PublicKey), or a P-256 private key generated once into the
/// data folder beside the other local secrets, its public key derived from it at each start.
/// Browsers subscribed with the public key keep working across restarts because the key stays.
/// </summary>
public static class LocalVapidKeys
{
    public static (string PublicKey, string PrivateKey, string Subject) Get(LocalSecrets secrets, IConfiguration configuration)
    {
        var privateKey = secrets.Get("Scheduling:WebPush:PrivateKey", "vapid-private-key", () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return Base64Url.EncodeToString(created.ExportParameters(includePrivateParameters: true).D);
        });
        var publicKey = configuration["Scheduling:WebPush:PublicKey"] is { Length: > 0 } configured ? configured : PublicKeyOf(privateKey);
        var subject = configuration["Scheduling:WebPush:Subject"] is { Length: > 0 } contact ? contact : "mailto:admin@localhost";
        return (publicKey, privateKey, subject);
    }

    /// <summary>The uncompressed public point (65 bytes, base64url) of a P-256 private scalar: what browsers subscribe with.</summary>
    private static string PublicKeyOf(string privateKey)
    {
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Base64Url.DecodeFromChars(privateKey) });
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
    }
}
