using CrmSuite.BuildingBlocks.Security;
using Google.Api;
using Google.Protobuf.Reflection;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// Builds each service's host as its Program does and reads every endpoint it routes to (gRPC
/// methods, transcoded REST routes, Razor Pages, minimal APIs, health), then compares each
/// endpoint's effective authorization with authorization-matrix.json.
/// </summary>
public sealed class EndpointAuthorizationTests(EndpointAuthorizationTests.Endpoints endpoints) : IClassFixture<EndpointAuthorizationTests.Endpoints>
{
    public static TheoryData<string> Services => [ServiceHosts.Clients, ServiceHosts.Identity, ServiceHosts.Audit, ServiceHosts.Warehouse, ServiceHosts.Scheduling, ServiceHosts.Documents, ServiceHosts.Kpi];

    /// <summary>Every service's endpoints, read once (each host is started, read and stopped).</summary>
    public sealed class Endpoints : IAsyncLifetime
    {
        public IReadOnlyDictionary<string, IReadOnlyList<ServiceEndpoint>> ByService { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await using var clients = ServiceHosts.ClientsWithoutDatabase();
            await using var identity = ServiceHosts.IdentityWithoutDatabase();
            await using var audit = ServiceHosts.AuditWithoutDatabase();
            await using var warehouse = ServiceHosts.WarehouseWithoutDatabase();
            await using var scheduling = ServiceHosts.SchedulingWithoutDatabase();
            await using var documents = ServiceHosts.DocumentsWithoutDatabase();
            await using var kpi = ServiceHosts.KpiWithoutDatabase();
            ByService = new Dictionary<string, IReadOnlyList<ServiceEndpoint>>
            {
                [ServiceHosts.Clients] = await EndpointCatalog.ReadAsync(ServiceHosts.Clients, clients.Services),
                [ServiceHosts.Identity] = await EndpointCatalog.ReadAsync(ServiceHosts.Identity, identity.Services),
                [ServiceHosts.Audit] = await EndpointCatalog.ReadAsync(ServiceHosts.Audit, audit.Services),
                [ServiceHosts.Warehouse] = await EndpointCatalog.ReadAsync(ServiceHosts.Warehouse, warehouse.Services),
                [ServiceHosts.Scheduling] = await EndpointCatalog.ReadAsync(ServiceHosts.Scheduling, scheduling.Services),
                [ServiceHosts.Documents] = await EndpointCatalog.ReadAsync(ServiceHosts.Documents, documents.Services),
                [ServiceHosts.Kpi] = await EndpointCatalog.ReadAsync(ServiceHosts.Kpi, kpi.Services),
            };
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_endpoint_has_an_expected_authorization_entry(string service)
    {
        var found = endpoints.ByService[service];
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{service}: {found.Count} endpoints ({found.Count(e => e.IsGrpcMethod)} gRPC methods, {found.Count(e => e.IsTranscodedRest)} REST routes, {found.Count(e => e.Grpc is null)} other)");
        foreach (var endpoint in found.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output?.WriteLine($"  {endpoint.Key,-95} {endpoint.Effective}");
        }

        var missing = found.Where(e => !AuthorizationMatrix.Entries.ContainsKey(e.Key)).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} endpoint(s) of {service} have no entry in {AuthorizationMatrix.FileName}. Decide who may call them and add:\n  " +
            string.Join("\n  ", missing.Select(AuthorizationMatrix.EntryFor)) +
            "\n(the requirement shown is what the endpoint enforces today, not necessarily what it should)");

        var duplicates = found.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Several endpoints share a key: " + string.Join(", ", duplicates));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_endpoint_enforces_the_requirement_its_entry_expects(string service)
    {
        var wrong = endpoints.ByService[service]
            .Where(e => AuthorizationMatrix.Entries.TryGetValue(e.Key, out var expected) && expected != e.Effective)
            .Select(e => $"{e.Key}: expected {AuthorizationMatrix.Entries[e.Key]}, enforces {e.Effective}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} endpoint(s) of {service} differ from {AuthorizationMatrix.FileName}:\n  " + string.Join("\n  ", wrong));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_matrix_has_no_entry_for_an_endpoint_that_does_not_exist(string service)
    {
        var keys = endpoints.ByService[service].Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var stale = AuthorizationMatrix.For(service).Select(e => e.Key).Where(k => !keys.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"{AuthorizationMatrix.FileName} lists endpoint(s) {service} no longer has; remove them:\n  " + string.Join("\n  ", stale));
    }

    [Fact]
    public void Every_entry_names_a_known_service_and_a_known_requirement()
    {
        string[] known = [AccessRule.Anonymous, AccessRule.Authenticated, .. Permissions.All];
        var bad = AuthorizationMatrix.Entries
            .Where(e => !endpoints.ByService.Keys.Any(s => e.Key.StartsWith(s + ": ", StringComparison.Ordinal))
                || !e.Value.Requires.Split(" & ").All(known.Contains))
            .Select(e => $"{e.Key}: {e.Value}")
            .ToList();
        Assert.True(bad.Count == 0, "Entries with an unknown service or requirement:\n  " + string.Join("\n  ", bad));
    }

    /// <summary>
    /// Guards the enumeration itself: every method of every gRPC service a host maps shows up as
    /// a gRPC endpoint, and every method with a google.api.http rule also as a REST route.
    /// </summary>
    [Theory]
    [MemberData(nameof(Services))]
    public void The_enumeration_sees_every_method_and_REST_binding_of_the_served_protos(string service)
    {
        var found = endpoints.ByService[service];
        var served = found.Where(e => e.Grpc is not null).Select(e => e.Grpc!.ServiceType).Distinct().ToList();
        Assert.NotEmpty(served);
        var problems = new List<string>();
        foreach (var serviceType in served)
        {
            // Generated code: class Foo { static ServiceDescriptor Descriptor; abstract class FooBase }.
            var descriptor = (ServiceDescriptor?)serviceType.BaseType?.DeclaringType?.GetProperty("Descriptor")?.GetValue(null)
                ?? throw new InvalidOperationException($"No proto descriptor for {serviceType}.");
            foreach (var method in descriptor.Methods)
            {
                var fullName = $"/{descriptor.FullName}/{method.Name}";
                if (!found.Any(e => e.IsGrpcMethod && e.Grpc!.Method.FullName == fullName))
                {
                    problems.Add($"{fullName}: no gRPC endpoint");
                }
                var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                var bindings = rule is null ? 0 : 1 + rule.AdditionalBindings.Count;
                var rest = found.Count(e => e.IsTranscodedRest && e.Grpc!.Method.FullName == fullName);
                if (rest != bindings)
                {
                    problems.Add($"{fullName}: {bindings} HTTP binding(s) in the proto, {rest} REST endpoint(s)");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
