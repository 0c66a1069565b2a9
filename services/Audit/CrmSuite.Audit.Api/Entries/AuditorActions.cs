using System.Text.Json;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.BuildingBlocks.Security;
using Grpc.Core;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>
/// The auditors' own searches, exports and chain verifications, appended to the chain they read:
/// who looked, with which filter, how many rows they got, what a verification found. The audit
/// service is the chain's only writer, so it appends directly (other services publish through their
/// outbox); each is appended before the answer leaves: no entry, no answer.
/// </summary>
public sealed class AuditorActions(AuditChain chain, TimeProvider clock)
{
    public const string SearchAction = "audit.search";
    public const string ExportAction = "audit.export";
    public const string VerifyAction = "audit.verify";
    public const string EntityType = "audit_entries";

    /// <summary>Appends the caller's action; returns the position it got.</summary>
    public async Task<long> RecordAsync(ServerCallContext context, string action, object details, string outcome = "success")
    {
        var now = clock.GetUtcNow();
        var http = context.GetHttpContext();
        var user = http.User;
        var roles = string.Join(",", user.FindAll(CrmClaims.Role).Select(c => c.Value));
        var record = new NewAuditEntry(
            EventId: $"{action}-{Guid.CreateVersion7(now)}",
            OccurredAt: now,
            ActorId: user.UserId() ?? "unknown",
            ActorName: user.FindFirst(CrmClaims.Name)?.Value,
            ActorRole: roles.Length == 0 ? null : roles[..Math.Min(roles.Length, AuditEntry.MaxActorRoleLength)],
            Action: action,
            EntityType: EntityType,
            EntityId: null,
            Ip: http.Connection.RemoteIpAddress?.ToString(),
            UserAgent: Truncate(http.Request.Headers.UserAgent.ToString(), AuditEntry.MaxUserAgentLength),
            Outcome: outcome,
            Before: null,
            After: null,
            Details: JsonSerializer.Serialize(details));
        var appended = await chain.AppendAsync(record, context.CancellationToken);
        return appended.Appended[0].Id;
    }

    private static string? Truncate(string value, int maxLength) =>
        value.Length == 0 ? null : value[..Math.Min(value.Length, maxLength)];
}
