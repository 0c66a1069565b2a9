extern alias identity;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CrmSuite.Testing;
using Grpc.Core;
using RoleCatalog = identity::CrmSuite.Identity.Users.RoleCatalog;

namespace CrmSuite.AuthorizationTests;

/// <summary>The clients service's calls per role; its ids are UUIDs.</summary>
public sealed class ClientsRoleMatrixTests(ClientsWithDatabase clients) : RoleMatrixTests(clients), IClassFixture<ClientsWithDatabase>
{
    protected override string SomeId { get; } = Guid.CreateVersion7().ToString();
}

/// <summary>The audit service's calls per role (it runs as audit_writer, as deployed); its ids are positions in the chain.</summary>
public sealed class AuditRoleMatrixTests(AuditWithDatabase audit) : RoleMatrixTests(audit), IClassFixture<AuditWithDatabase>
{
    protected override string SomeId => "999999999";
}

/// <summary>The scheduling service's calls per role; its ids are UUIDs.</summary>
public sealed class SchedulingRoleMatrixTests(SchedulingWithDatabase scheduling) : RoleMatrixTests(scheduling), IClassFixture<SchedulingWithDatabase>
{
    protected override string SomeId { get; } = Guid.CreateVersion7().ToString();
}

/// <summary>The documents service's calls per role; its ids are UUIDs.</summary>
public sealed class DocumentsRoleMatrixTests(DocumentsWithDatabase documents) : RoleMatrixTests(documents), IClassFixture<DocumentsWithDatabase>
{
    protected override string SomeId { get; } = Guid.CreateVersion7().ToString();
}

/// <summary>The KPI service's calls per role; its route parameters are periods (a month that has ended).</summary>
public sealed class KpiRoleMatrixTests(KpiWithDatabase kpi) : RoleMatrixTests(kpi), IClassFixture<KpiWithDatabase>
{
    protected override string SomeId => "2026-01";
}

/// <summary>
/// The allow/deny table made real: every gRPC method and REST route of a service, called
/// without a token and with a token for each role in RoleCatalog (its permissions and client
/// visibility, as identity would issue it). Expected: no token → 401 / Unauthenticated; a role
/// without the permission the matrix names → 403 / PermissionDenied; a role with it → past
/// authorization (dummy ids and empty bodies then give 400 or 404, which is fine).
/// </summary>
public abstract partial class RoleMatrixTests(IServiceUnderTest host)
{
    private const string NoToken = "(no token)";
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a route parameter is replaced with: an id of the right shape that names nothing.</summary>
    protected abstract string SomeId { get; }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private enum Outcome { Allowed, Unauthenticated, Forbidden }

    private sealed record Cell(Outcome Expected, Outcome Actual, string Status);

    [Fact]
    public async Task Each_role_reaches_exactly_the_calls_its_permissions_grant()
    {
        var endpoints = (await EndpointCatalog.ReadAsync(host.Service, host.Services))
            .Where(e => e.IsGrpcMethod || e.IsTranscodedRest)
            .OrderBy(e => e.IsGrpcMethod).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(endpoints);
        var unlisted = endpoints.Where(e => !AuthorizationMatrix.Entries.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(unlisted.Count == 0, $"No entry in {AuthorizationMatrix.FileName} for: " + string.Join(", ", unlisted));

        (string Name, TestUser? User)[] callers =
        [
            (NoToken, null),
            .. RoleCatalog.Roles.Select(role => (role.Name, (TestUser?)new TestUser(
                "matrix-" + role.Name.ToLowerInvariant(), role.Name, role.ClientVisibility, [.. role.Permissions], [], []))),
        ];

        var table = new Dictionary<(string Key, string Caller), Cell>();
        foreach (var (name, user) in callers)
        {
            using var http = host.Http(user);
            foreach (var endpoint in endpoints)
            {
                var requires = AuthorizationMatrix.Entries[endpoint.Key].Requires;
                var expected = Expect(requires, user);
                var (actual, status) = endpoint.IsGrpcMethod
                    ? await CallGrpcAsync(endpoint, user)
                    : await CallRestAsync(http, endpoint);
                table[(endpoint.Key, name)] = new Cell(expected, actual, status);
            }
        }

        Print(endpoints, callers.Select(c => c.Name).ToList(), table);
        var wrong = table.Where(c => c.Value.Expected != c.Value.Actual)
            .Select(c => $"{c.Key.Caller} → {c.Key.Key}: expected {c.Value.Expected}, got {c.Value.Actual} ({c.Value.Status})")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} call(s) differ from the matrix:\n  " + string.Join("\n  ", wrong));

        // Not authorization, but a dummy id or an empty body must still get a clear 4xx.
        string[] serverErrors = ["500", "501", "502", "503", "504", nameof(StatusCode.Internal), nameof(StatusCode.Unknown), nameof(StatusCode.Unavailable)];
        var broken = table.Where(c => serverErrors.Contains(c.Value.Status)).Select(c => $"{c.Key.Caller} → {c.Key.Key}: {c.Value.Status}").ToList();
        Assert.True(broken.Count == 0, "Server errors:\n  " + string.Join("\n  ", broken));
    }

    private static Outcome Expect(string requires, TestUser? user) => requires switch
    {
        AccessRule.Anonymous => Outcome.Allowed,
        _ when user is null => Outcome.Unauthenticated,
        AccessRule.Authenticated => Outcome.Allowed,
        _ => requires.Split(" & ").All(user.Granted.Contains) ? Outcome.Allowed : Outcome.Forbidden,
    };

    private async Task<(Outcome, string)> CallRestAsync(HttpClient http, ServiceEndpoint endpoint)
    {
        var method = new HttpMethod(endpoint.HttpMethods.Single());
        using var request = new HttpRequestMessage(method, RouteParameter().Replace(endpoint.Route, SomeId));
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        // Headers only: a watch over REST streams for as long as the caller listens.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.Unauthenticated,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            _ => Outcome.Allowed,
        };
        return (outcome, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The method called with an empty message (valid for every request type), bytes in and out.</summary>
    private async Task<(Outcome, string)> CallGrpcAsync(ServiceEndpoint endpoint, TestUser? user)
    {
        var grpc = endpoint.Grpc!.Method;
        Assert.Contains(grpc.Type, new[] { MethodType.Unary, MethodType.ClientStreaming, MethodType.ServerStreaming });
        var method = new Method<byte[], byte[]>(grpc.Type, grpc.ServiceName, grpc.Name, Raw, Raw);
        var headers = new Metadata();
        if (user is not null)
        {
            headers.Add("Authorization", "Bearer " + TestTokens.For(user));
        }
        StatusCode status;
        try
        {
            var options = new CallOptions(headers, cancellationToken: Ct);
            if (grpc.Type == MethodType.ClientStreaming)
            {
                // An upload: one empty message, then the end of the stream.
                using var call = host.Channel.CreateCallInvoker().AsyncClientStreamingCall(method, null, options);
                try
                {
                    await call.RequestStream.WriteAsync([], Ct);
                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // Refused before the message was read: the status comes with the response.
                }
                await call.ResponseAsync;
            }
            else if (grpc.Type == MethodType.ServerStreaming)
            {
                // A watch: past authorization the stream's first message arrives (or it ends); a refusal ends it at once.
                using var call = host.Channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, options, []);
                await call.ResponseStream.MoveNext(Ct);
            }
            else
            {
                await host.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, options, []);
            }
            status = StatusCode.OK;
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
        }
        var outcome = status switch
        {
            StatusCode.Unauthenticated => Outcome.Unauthenticated,
            StatusCode.PermissionDenied => Outcome.Forbidden,
            _ => Outcome.Allowed,
        };
        return (outcome, status.ToString());
    }

    private void Print(IReadOnlyList<ServiceEndpoint> endpoints, IReadOnlyList<string> callers, Dictionary<(string Key, string Caller), Cell> table)
    {
        var output = TestContext.Current.TestOutputHelper;
        if (output is null)
        {
            return;
        }
        string Text(Cell cell) => $"{(cell.Actual == cell.Expected ? "" : "!")}{(cell.Actual == Outcome.Allowed ? "✓" : "✗")} {cell.Status}";
        var first = endpoints.Max(e => e.Key.Length) - host.Service.Length;
        var width = Math.Max(callers.Max(c => c.Length), table.Values.Max(c => Text(c).Length)) + 2;
        output.WriteLine($"{host.Service} service: who gets past authorization (✓ allowed, ✗ denied, then the status received; ! = differs from the matrix)");
        output.WriteLine("roles: " + string.Join("; ", RoleCatalog.Roles.Select(r => $"{r.Name} = {string.Join(" ", r.Permissions)} ({r.ClientVisibility})")));
        output.WriteLine("endpoint".PadRight(first) + "requires".PadRight(15) + string.Concat(callers.Select(c => c.PadRight(width))));
        foreach (var endpoint in endpoints)
        {
            var line = new StringBuilder(endpoint.Key[(host.Service.Length + 2)..].PadRight(first));
            line.Append(AuthorizationMatrix.Entries[endpoint.Key].Requires.PadRight(15));
            foreach (var caller in callers)
            {
                line.Append(Text(table[(endpoint.Key, caller)]).PadRight(width));
            }
            output.WriteLine(line.ToString());
        }
    }
}
