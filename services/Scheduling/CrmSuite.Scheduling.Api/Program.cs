using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Demo;
using CrmSuite.Scheduling.Api.Extensions;
using CrmSuite.Scheduling.Api.Feeds;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Live;
using CrmSuite.Scheduling.Api.People;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.WebPush;

// `migrate` applies the database migrations, then exits: the AppHost runs it before the service
// starts, and Kubernetes runs it as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await SchedulingMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("scheduling"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddSchedulingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRefusedRequestAudit<SchedulingDbContext>();
app.UseRestProblemDetails();
app.UseCrmCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<ItemsService>();
app.MapGrpcService<NotificationsService>();
app.MapGrpcService<LiveService>();
app.MapGrpcService<CrmSuite.Scheduling.Api.Activities.ActivityTypesService>();
app.MapGrpcService<CrmSuite.Scheduling.Api.Activities.ActivityPlansService>();
app.MapGrpcService<PushDevicesService>();
app.MapCalendarFeeds();
app.MapGrpcService<NotificationChannelsService>();
app.MapGrpcService<CrmSuite.Scheduling.Api.CalendarCells.CalendarService>();
app.MapGrpcService<CrmSuite.Scheduling.Api.Processes.Api.ProcessesService>();
app.MapSchedulingSubscriptions();
app.MapProcessTriggers();
await app.RunAsync();
return 0;

public partial class Program;
