using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Contracts.Events;
using CrmSuite.Identity.Infrastructure;

namespace CrmSuite.Identity.Users;

/// <summary>
/// Queues <see cref="PersonChanged"/> in identitydb's outbox: it commits with the caller's next
/// SaveChanges, so with the change to the account it describes.
/// </summary>
public static class PersonEvents
{
    public static void PersonChanged(this IdentityDb db, CrmUser user, DateTimeOffset at) =>
        db.Enqueue(Contracts.Events.PersonChanged.Topic,
            new PersonChanged(user.Id, user.DisplayName, user.Email, user.Language, user.Disabled, at), at);
}
