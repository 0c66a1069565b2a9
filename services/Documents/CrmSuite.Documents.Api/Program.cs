using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Documents;
using CrmSuite.Documents.Api.Extensions;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Organisations;
using CrmSuite.Documents.Api.Templates;

// `migrate` applies the database migrations, then exits: the AppHost runs it before the service
// starts, and Kubernetes runs it as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await DocumentsMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("documents"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddDocumentsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRefusedRequestAudit<DocumentsDbContext>();
// File bodies stream both ways and write their own problem+json; the rewrite (which buffers) is for transcoded REST.
app.UseWhen(context => !FileEndpoints.IsFileRequest(context), branch => branch.UseRestProblemDetails());
app.UseCrmCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<AttachmentsService>();
app.MapGrpcService<OrganisationsService>();
app.MapGrpcService<DocumentsService>();
app.MapGrpcService<TemplatesService>();
app.MapFileEndpoints();
app.MapTemplateEndpoints();
app.MapDocumentsSubscriptions();
await app.RunAsync();
return 0;

public partial class Program;
