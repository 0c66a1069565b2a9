using System.Security.Cryptography;
using CrmSuite.Gateway.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// The signed-in user's tokens stay on the server (the browser holds only a session cookie naming
/// the session): kept in the gateway's database, encrypted with its data-protection keys, so a
/// gateway restart keeps people signed in and every replica serves every session. A session ends
/// after <see cref="Lifetime"/> without use (as the cookie does); <see cref="SessionCleanup"/>
/// deletes ended sessions.
/// </summary>
public sealed class SessionTokenStore(IDbContextFactory<GatewayDb> databases, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string SessionClaim = "crm_session";

    /// <summary>How long a session lasts without use: the cookie's sliding expiry and the row's.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _protector = protection.CreateProtector("CrmSuite.Gateway.SessionTokens");

    public sealed record SessionTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

    public async Task<string> AddAsync(SessionTokens tokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = new StaffSession { Id = Guid.NewGuid().ToString("N"), CreatedAt = now, ExpiresAt = now + Lifetime };
        Write(session, tokens);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public async Task<SessionTokens?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.ExpiresAt > now, cancellationToken);
        return session is null ? null : Read(session);
    }

    /// <summary>
    /// Whether the session is still open; a session past half its lifetime is extended, as the
    /// cookie's sliding expiry renews the cookie (one write per half lifetime, not per request).
    /// </summary>
    public async Task<bool> IsOpenAsync(string sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var extended = await db.Sessions
            .Where(s => s.Id == sessionId && s.ExpiresAt > now && s.ExpiresAt < now + Lifetime / 2)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ExpiresAt, now + Lifetime), cancellationToken);
        return extended > 0 || await db.Sessions.AnyAsync(s => s.Id == sessionId && s.ExpiresAt > now, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="refresh"/> on the session's current tokens while holding its row: refresh
    /// tokens are single-use, so two calls racing to refresh (in this replica or another) would make
    /// identity refuse the second and end the session. The second one sees the first one's tokens.
    /// <paramref name="refresh"/> returns the tokens to keep, or null to end the session.
    /// </summary>
    public async Task<SessionTokens?> RefreshAsync(string sessionId, Func<SessionTokens, Task<SessionTokens?>> refresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = (await db.Sessions.FromSql($"SELECT * FROM sessions WHERE id = {sessionId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        if (session is null || session.ExpiresAt <= now || Read(session) is not { } current)
        {
            return null;
        }
        var refreshed = await refresh(current);
        if (refreshed is null)
        {
            db.Sessions.Remove(session);
        }
        else if (refreshed != current)
        {
            Write(session, refreshed);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return refreshed;
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes the sessions that ended; returns how many. Any replica may run it at any time.</summary>
    public async Task<int> DeleteEndedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private void Write(StaffSession session, SessionTokens tokens)
    {
        session.AccessToken = _protector.Protect(tokens.AccessToken);
        session.RefreshToken = tokens.RefreshToken is null ? null : _protector.Protect(tokens.RefreshToken);
        session.AccessTokenExpiresAt = tokens.ExpiresAt;
    }

    /// <summary>The tokens, or null when the key that encrypted them is gone (the person signs in again).</summary>
    private SessionTokens? Read(StaffSession session)
    {
        try
        {
            return new SessionTokens(
                _protector.Unprotect(session.AccessToken),
                session.RefreshToken is null ? null : _protector.Unprotect(session.RefreshToken),
                session.AccessTokenExpiresAt);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>One staff UI session: its tokens (encrypted) and when it ends unless used.</summary>
public sealed class StaffSession
{
    public string Id { get; set; } = string.Empty;
    public string AccessToken { get; set; } = string.Empty;
    public string? RefreshToken { get; set; }
    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Deletes ended sessions every few minutes. Safe with several replicas: each runs one idempotent
/// DELETE of rows past their end; two replicas at once delete each row once between them.
/// </summary>
public sealed class SessionCleanup(SessionTokenStore store, TimeProvider clock, IConfiguration configuration, ILogger<SessionCleanup> logger) : BackgroundService
{
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(configuration.GetValue("Gateway:SessionCleanupMinutes", 10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, clock);
        do
        {
            try
            {
                var deleted = await store.DeleteEndedAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} ended staff session(s)", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Deleting ended staff sessions failed; trying again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
