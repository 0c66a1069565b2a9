using CrmSuite.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddLocalPostgres("postgres");
var secrets = new LocalSecrets(builder.Configuration, Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "secrets"));
var gatewaySecret = secrets.Get("Identity:Clients:Gateway:Secret", "gateway-client-secret");
// The scheduling service's own account (crmsuite-scheduling): its process engine's steps in the clients and documents services.
var schedulingSecret = secrets.Get("Identity:Clients:Scheduling:Secret", "scheduling-client-secret");

// The gateway's public address is identity's issuer: every token names it.
var gateway = builder.AddProject<Projects.CrmSuite_Gateway>("gateway")
    .WithDynamicPorts("grpc")
    .WithEndpoint("http", endpoint => endpoint.Port = builder.Configuration.GetValue<int?>("Gateway:Port"))
    .WithExternalHttpEndpoints();
var issuer = gateway.GetEndpoint("http");

var identityDb = postgres.ConnectionStringFor("identitydb");
var identityMigrate = builder.AddProject<Projects.CrmSuite_Identity>("identity-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs("migrate")
    .WithEnvironment("ConnectionStrings__identitydb", identityDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithEnvironment("Identity__Clients__Gateway__Secret", gatewaySecret)
    .WithEnvironment("Identity__Clients__Scheduling__Secret", schedulingSecret)
    .WaitFor(postgres.Resource)
    .EchoFirstAdministrator();
if (builder.Configuration["Identity:Admin:Password"] is { Length: > 0 } adminPassword)
{
    identityMigrate.WithEnvironment("Identity__Admin__Password", adminPassword);
}

var identity = builder.AddProject<Projects.CrmSuite_Identity>("identity")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__identitydb", identityDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(identityMigrate);

// Integration events: Dapr's sidecar contract, served locally by the stateless emulator.
var auditWriterPassword = secrets.Get("Audit:WriterPassword", "audit-writer-password");
var auditMigrate = builder.AddProject<Projects.CrmSuite_Audit_Api>("audit-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs("migrate")
    .WithEnvironment("ConnectionStrings__auditdb-owner", postgres.ConnectionStringFor("auditdb"))
    .WithEnvironment("Audit__WriterPassword", auditWriterPassword)
    .WaitFor(postgres.Resource);

var audit = builder.AddProject<Projects.CrmSuite_Audit_Api>("audit")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__auditdb", postgres.ConnectionStringFor("auditdb", "audit_writer", auditWriterPassword))
    .WithEnvironment("Identity__Issuer", issuer)
    .WithReference(identity)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(auditMigrate);

var pubsub = builder.AddProject<Projects.CrmSuite_PubSubEmulator>("pubsub")
    .WithDynamicPorts("http", "grpc")
    .WithHttpHealthCheck("/health")
    .WithEnvironment("PubSub__Apps__audit", audit.GetEndpoint("http"));

var seedDemo = builder.Configuration.GetValue<bool>("Demo:Seed");

// Sign-ins and administration are audited: identity publishes through the same sidecar contract.
identity.WithDaprSidecar(pubsub);

var clientsDb = postgres.ConnectionStringFor("clientsdb");
var clientsMigrate = builder.AddProject<Projects.CrmSuite_Clients_Api>("clients-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs(seedDemo ? ["migrate", "--seed-demo"] : ["migrate"])
    .WithEnvironment("ConnectionStrings__clientsdb", clientsDb)
    .WaitFor(postgres.Resource);

var clients = builder.AddProject<Projects.CrmSuite_Clients_Api>("clients")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__clientsdb", clientsDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithDaprSidecar(pubsub)
    .WithReference(identity)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(clientsMigrate);
// The clients service subscribes to the documents service's lifecycle events (the company card's timeline).
pubsub.WithEnvironment("PubSub__Apps__clients", clients.GetEndpoint("http"));

var warehouseDb = postgres.ConnectionStringFor("warehousedb");
var warehouseMigrate = builder.AddProject<Projects.CrmSuite_Warehouse_Api>("warehouse-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs(seedDemo ? ["migrate", "--seed-demo"] : ["migrate"])
    .WithEnvironment("ConnectionStrings__warehousedb", warehouseDb)
    .WaitFor(postgres.Resource);

var warehouse = builder.AddProject<Projects.CrmSuite_Warehouse_Api>("warehouse")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__warehousedb", warehouseDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithDaprSidecar(pubsub)
    .WithReference(identity)
    // A reservation asks the clients service (gRPC) whether its deal exists, is visible and open.
    .WithReference(clients)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(warehouseMigrate);
// The warehouse subscribes to the clients service's deal events (reservations become shipments or are released).
pubsub.WithEnvironment("PubSub__Apps__warehouse", warehouse.GetEndpoint("http"));

var schedulingDb = postgres.ConnectionStringFor("schedulingdb");
var schedulingMigrate = builder.AddProject<Projects.CrmSuite_Scheduling_Api>("scheduling-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs("migrate")
    .WithEnvironment("ConnectionStrings__schedulingdb", schedulingDb)
    .WaitFor(postgres.Resource);

// Browser notifications: a VAPID key pair kept in the data folder (docs/scheduling-webpush.md).
var vapid = LocalVapidKeys.Get(secrets, builder.Configuration);
var scheduling = builder.AddProject<Projects.CrmSuite_Scheduling_Api>("scheduling")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__schedulingdb", schedulingDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithDaprSidecar(pubsub)
    .WithReference(identity)
    // An item's links to companies, contacts, deals and leads are checked with the clients service (gRPC).
    .WithReference(clients)
    .WithEnvironment("Clients__GrpcAddress", clients.GetEndpoint("grpc"))
    .WithEnvironment("Scheduling__WebPush__PublicKey", vapid.PublicKey)
    .WithEnvironment("Scheduling__WebPush__PrivateKey", vapid.PrivateKey)
    .WithEnvironment("Scheduling__WebPush__Subject", vapid.Subject)
    // Links in e-mail and SMS reminders open the item in the staff UI at the gateway's address.
    .WithEnvironment("Scheduling__Channels__PublicBaseUrl", issuer)
    .WithEnvironment("Scheduling__ServiceAccount__Secret", schedulingSecret)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(schedulingMigrate);
// Scheduling learns people (name, e-mail, language, disabled) from identity's identity.person-changed.
pubsub.WithEnvironment("PubSub__Apps__scheduling", scheduling.GetEndpoint("http"));

var documentsDb = postgres.ConnectionStringFor("documentsdb");
var documentsMigrate = builder.AddProject<Projects.CrmSuite_Documents_Api>("documents-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs(seedDemo ? ["migrate", "--seed-demo"] : ["migrate"])
    .WithEnvironment("ConnectionStrings__documentsdb", documentsDb)
    .WaitFor(postgres.Resource);

var documents = builder.AddProject<Projects.CrmSuite_Documents_Api>("documents")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__documentsdb", documentsDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithDaprSidecar(pubsub)
    .WithReference(identity)
    // A file is visible when its record is: the owning service is asked (gRPC) with the caller's token.
    .WithReference(clients)
    .WithReference(scheduling)
    .WithReference(warehouse)
    .WithEnvironment("Clients__GrpcAddress", clients.GetEndpoint("grpc"))
    .WithEnvironment("Scheduling__GrpcAddress", scheduling.GetEndpoint("grpc"))
    .WithEnvironment("Warehouse__GrpcAddress", warehouse.GetEndpoint("grpc"))
    // The first invoice after a start does not wait for Chromium to launch.
    .WithEnvironment("Documents__Rendering__WarmOnStart", "true")
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(documentsMigrate);
// Processes create documents from templates (the scheduling service's account; documents is declared after it).
scheduling.WithReference(documents).WithEnvironment("Documents__GrpcAddress", documents.GetEndpoint("grpc"));

var kpiDb = postgres.ConnectionStringFor("kpidb");
var kpiMigrate = builder.AddProject<Projects.CrmSuite_Kpi_Api>("kpi-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs("migrate")
    .WithEnvironment("ConnectionStrings__kpidb", kpiDb)
    .WaitFor(postgres.Resource);

var kpi = builder.AddProject<Projects.CrmSuite_Kpi_Api>("kpi")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__kpidb", kpiDb)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithDaprSidecar(pubsub)
    .WithReference(identity)
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(kpiMigrate);
// The KPI's facts come from the clients, scheduling, documents and warehouse events (docs/kpi.md).
pubsub.WithEnvironment("PubSub__Apps__kpi", kpi.GetEndpoint("http"));

// The gateway's sessions and data-protection keys: a restart keeps people signed in (docs/architecture.md, Several replicas).
var gatewayDb = postgres.ConnectionStringFor("gatewaydb");
var gatewayMigrate = builder.AddProject<Projects.CrmSuite_Gateway>("gateway-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs("migrate")
    .WithEnvironment("ConnectionStrings__gatewaydb", gatewayDb)
    .WaitFor(postgres.Resource);

gateway
    .WithEnvironment("ConnectionStrings__gatewaydb", gatewayDb)
    .WaitForCompletion(gatewayMigrate)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithEnvironment("Identity__Clients__Gateway__Secret", gatewaySecret)
    .WithReference(clients)
    .WithReference(identity)
    .WithReference(audit)
    .WithReference(warehouse)
    .WithReference(scheduling)
    .WithReference(documents)
    .WithReference(kpi)
    .WaitFor(clients)
    .WaitFor(warehouse)
    .WaitFor(scheduling)
    .WaitFor(documents)
    .WaitFor(kpi)
    .WaitFor(audit)
    .WaitFor(identity)
    .WithHttpHealthCheck("/health")
    .AnnounceUrl();

// Tests sign many people in from one address (and refresh tokens on every call to prove refresh
// works); production keeps the defaults.
foreach (var key in new[] { "Gateway:SignInPermitsPerMinute", "Gateway:TokenRefreshAheadSeconds" })
{
    if (builder.Configuration[key] is { Length: > 0 } value)
    {
        gateway.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }
}

builder.RunProjectsFromBuildOutput().UseSmallServerGc();
builder.Build().Run();
