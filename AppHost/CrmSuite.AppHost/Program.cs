using Microsoft.Extensions.Configuration;
using CrmSuite.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddLocalPostgres("postgres");
var clientsDb = postgres.ConnectionStringFor("clientsdb");

var clientsMigrate = builder.AddProject<Projects.CrmSuite_Clients_Api>("clients-migrate")
    .WithDynamicPorts("http", "grpc")
    .WithArgs(builder.Configuration.GetValue<bool>("Demo:Seed") ? ["migrate", "--seed-demo"] : ["migrate"])
    .WithEnvironment("ConnectionStrings__clientsdb", clientsDb)
    .WaitFor(postgres.Resource);

var clients = builder.AddProject<Projects.CrmSuite_Clients_Api>("clients")
    .WithDynamicPorts("http", "grpc")
    .WithEnvironment("ConnectionStrings__clientsdb", clientsDb)
    .WaitForCompletion(clientsMigrate);

var gatewayPort = builder.Configuration.GetValue<int?>("Gateway:Port");
builder.AddProject<Projects.CrmSuite_Gateway>("gateway")
    .WithDynamicPorts("grpc")
    .WithEndpoint("http", endpoint => endpoint.Port = gatewayPort)
    .WithExternalHttpEndpoints()
    .WithReference(clients)
    .WaitFor(clients)
    .AnnounceUrl();

builder.Build().Run();
