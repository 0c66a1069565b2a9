using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Contracts.Events;
using CrmSuite.Scheduling.Api.Infrastructure;
using Dapr;

namespace CrmSuite.Scheduling.Api.People;

public static class PeopleSubscriptions
{
    /// <summary>The Dapr topics this service listens to; each handler runs once per CloudEvent id (inbox).</summary>
    public static WebApplication MapSchedulingSubscriptions(this WebApplication app)
    {
        // The sidecar discovers the topics anonymously; the handlers are anonymous too (see MapInboxTopic).
        app.MapSubscribeHandler().AllowAnonymous();
        app.MapInboxTopic<SchedulingDbContext, PersonChanged>(PersonChanged.Topic, "/events/person-changed", PersonEventHandlers.HandleAsync);
        return app;
    }
}
