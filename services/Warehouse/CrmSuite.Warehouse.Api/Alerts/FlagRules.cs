using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Contracts.Events;
using CrmSuite.Warehouse.Api.Ledger;
using Microsoft.Extensions.Options;

namespace CrmSuite.Warehouse.Api.Alerts;

/// <summary>
/// Flags for the Director (Warehouse:WorkingHours, Warehouse:WriteOffFlagAmount): a movement a
/// person posts outside working hours, and a write-off worth more than the threshold. Each flag is
/// stored and published (warehouse.movement-flagged) in the posting's transaction.
/// </summary>
public sealed class FlagRules(WarehouseDbContext db, IOptions<FlagOptions> options)
{
    public void Check(Movement movement, Actor actor, decimal writtenOffValue, DateTimeOffset now)
    {
        var settings = options.Value;
        // Events and timers post on their own schedule: only people are held to working hours.
        if (actor.Http is not null)
        {
            var local = TimeZoneInfo.ConvertTime(now, settings.Zone()).DateTime;
            if (!settings.WorkingHours.Contains(local))
            {
                Add(FlagType.OutOfHours, movement, actor, null,
                    $"Movement {movement.Number} ({movement.Type}) posted at {local:yyyy-MM-dd HH:mm} ({settings.TimeZone}), outside working hours {settings.WorkingHours.Start:HH\\:mm}-{settings.WorkingHours.End:HH\\:mm}.", now);
            }
        }
        if (writtenOffValue > settings.WriteOffFlagAmount)
        {
            Add(FlagType.LargeWriteOff, movement, actor, Math.Round(writtenOffValue, 2, MidpointRounding.AwayFromZero),
                $"Write-off {movement.Number} worth {Numbers.Money(writtenOffValue)} exceeds {Numbers.Money(settings.WriteOffFlagAmount)}. Reason: {movement.Reason}", now);
        }
    }

    private void Add(FlagType kind, Movement movement, Actor actor, decimal? amount, string description, DateTimeOffset now)
    {
        var flag = new WarehouseFlag
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            MovementId = movement.Id,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Amount = amount,
            Description = description.Length > 1000 ? description[..1000] : description,
            OccurredAt = now,
        };
        db.Flags.Add(flag);
        db.Enqueue(MovementFlagged.Topic, new MovementFlagged(flag.Id, kind.ToString(), movement.Id, actor.Id, actor.Name, amount, flag.Description, now), now);
    }
}
