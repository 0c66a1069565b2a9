using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// A browser's side of one push subscription, made as pushManager.subscribe() makes it: a fresh
/// P-256 key pair (p256dh) and a 16-byte auth secret, bound to the server's VAPID public key.
/// </summary>
public sealed class BrowserPushKeys : IDisposable
{
    public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);
    public byte[] PublicKey { get; }

    public BrowserPushKeys()
    {
        var q = Key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    public string P256dh => Base64Url.EncodeToString(PublicKey);
    public string Auth => Base64Url.EncodeToString(AuthSecret);

    public void Dispose() => Key.Dispose();
}

/// <summary>What the push service accepted: the decrypted payload and the headers it came with.</summary>
public sealed record ReceivedPush(string Subscription, string Payload, int Ttl, string? Urgency, string? Topic, string Subject);

/// <summary>
/// A push service on loopback (real Kestrel on a free port) that checks what FCM and Mozilla's
/// autopush check, written from the RFCs independently of the sender: the request's VAPID token
/// (RFC 8292: <c>Authorization: vapid t=&lt;ES256 JWT&gt;, k=&lt;public key&gt;</c>, the signature
/// verified with k, k the key the subscription was made with, aud the endpoint's origin, exp within
/// 24 hours, sub present), then decrypts the aes128gcm body (RFC 8188/8291) with the browser's
/// private key and auth secret. A subscription can be told to answer a status instead (410, 429, 500).
/// </summary>
public sealed class LoopbackPushService : IAsyncDisposable
{
    private sealed record Registration(BrowserPushKeys Keys, string ApplicationServerKey, int? Answer, string? RetryAfter);

    private readonly ConcurrentDictionary<string, Registration> _subscriptions = new();
    private readonly WebApplication _app;

    public ConcurrentQueue<ReceivedPush> Received { get; } = new();
    /// <summary>Why requests were refused, in order: what a real push service would have answered 400/401/403 for.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;

    private LoopbackPushService()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing from the test's appsettings.json (the scheduling service's Kestrel endpoints): a free loopback port.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/push/{id}", Receive);
    }

    public static async Task<LoopbackPushService> StartAsync()
    {
        var service = new LoopbackPushService();
        await service._app.StartAsync();
        var address = service._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service.BaseAddress = new Uri(address);
        return service;
    }

    /// <summary>A new subscription for <paramref name="applicationServerKey"/>: its endpoint and the browser's keys.</summary>
    public (string Endpoint, BrowserPushKeys Keys) Subscribe(string applicationServerKey, int? answer = null, string? retryAfter = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var keys = new BrowserPushKeys();
        _subscriptions[id] = new Registration(keys, applicationServerKey, answer, retryAfter);
        return (new Uri(BaseAddress, "/push/" + id).AbsoluteUri, keys);
    }

    private async Task<IResult> Receive(string id, HttpRequest request)
    {
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            return Results.NotFound();
        }
        if (subscription.Answer is { } answer)
        {
            if (subscription.RetryAfter is { } retry)
            {
                request.HttpContext.Response.Headers.RetryAfter = retry;
            }
            return Results.StatusCode(answer);
        }
        var origin = $"{request.Scheme}://{request.Host}";
        var (subject, refusal, status) = CheckVapid(request.Headers.Authorization.ToString(), origin, subscription.ApplicationServerKey);
        if (refusal is not null)
        {
            Refusals.Enqueue(refusal);
            return Results.Text(refusal, statusCode: status);
        }
        if (request.Headers.ContentEncoding.ToString() != "aes128gcm" || !int.TryParse(request.Headers["TTL"].ToString(), out var ttl))
        {
            Refusals.Enqueue("not aes128gcm or no TTL");
            return Results.BadRequest();
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(Decrypt(body.ToArray(), subscription.Keys));
        }
        catch (CryptographicException failed)
        {
            Refusals.Enqueue("cannot decrypt: " + failed.Message);
            return Results.BadRequest();
        }
        Received.Enqueue(new ReceivedPush(id, payload, ttl, request.Headers["Urgency"].ToString() is { Length: > 0 } u ? u : null,
            request.Headers["Topic"].ToString() is { Length: > 0 } t ? t : null, subject!));
        return Results.Created();
    }

    /// <summary>RFC 8292: the subject on success; otherwise why not and the status a push service answers.</summary>
    public static (string? Subject, string? Refusal, int Status) CheckVapid(string authorization, string origin, string applicationServerKey)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "no vapid authorization", 401);
        }
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var k))
        {
            return (null, "vapid without t or k", 401);
        }
        if (k != applicationServerKey)
        {
            // FCM and autopush refuse a key other than the subscription's applicationServerKey.
            return (null, "k is not the key the subscription was made with", 403);
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "t is not a JWT", 401);
        }
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        if (header.GetProperty("alg").GetString() != "ES256")
        {
            return (null, "JWT alg is not ES256", 401);
        }
        var publicKey = Base64Url.DecodeFromChars(k);
        using (var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
        }))
        {
            // JWS ES256: the raw 64-byte r||s (IEEE P1363), over the ASCII of header.payload.
            if (!verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
            {
                return (null, "JWT signature does not verify with k", 401);
            }
        }
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        if (claims.GetProperty("aud").GetString() != origin)
        {
            return (null, $"aud is not the endpoint's origin {origin}", 401);
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = claims.GetProperty("exp").GetInt64();
        if (exp <= now || exp > now + 24 * 3600)
        {
            return (null, "exp is not within the next 24 hours", 401);
        }
        if (!claims.TryGetProperty("sub", out var sub) || sub.GetString() is not { Length: > 0 } subject)
        {
            return (null, "no sub", 401);
        }
        return (subject, null, 201);
    }

    /// <summary>RFC 8291 + RFC 8188: one aes128gcm record encrypted to the browser's key and auth secret.</summary>
    public static byte[] Decrypt(byte[] body, BrowserPushKeys browser)
    {
        // Header: salt (16) | record size (4, big-endian) | key id length (1) | key id = the sender's ephemeral public key.
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (idLength != 65 || record.Length > recordSize)
        {
            throw new CryptographicException("Expected one record keyed by an uncompressed P-256 point.");
        }
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var ecdhSecret = browser.Key.DeriveRawSecretAgreement(sender.PublicKey);
        // HKDF with SHA-256 written out (RFC 5869): extract = HMAC(salt, ikm); one block of expand = HMAC(prk, info || 0x01).
        var keyInfo = (byte[])[.. "WebPush: info\0"u8, .. browser.PublicKey, .. senderPublic];
        var ikm = HMACSHA256.HashData(HMACSHA256.HashData(browser.AuthSecret, ecdhSecret), (byte[])[.. keyInfo, 0x01]);
        var prk = HMACSHA256.HashData(salt, ikm);
        var cek = HMACSHA256.HashData(prk, (byte[])[.. "Content-Encoding: aes128gcm\0"u8, 0x01])[..16];
        var nonce = HMACSHA256.HashData(prk, (byte[])[.. "Content-Encoding: nonce\0"u8, 0x01])[..12];
        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        }
        // The last record ends with the delimiter 0x02, then zero padding.
        var end = plain.Length - 1;
        while (end >= 0 && plain[end] == 0)
        {
            end--;
        }
        if (end < 0 || plain[end] != 0x02)
        {
            throw new CryptographicException("The record does not end with the last-record delimiter.");
        }
        return plain[..end];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var registration in _subscriptions.Values)
        {
            registration.Keys.Dispose();
        }
    }
}
