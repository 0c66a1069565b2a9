using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Channels.Email;
using CrmSuite.Scheduling.Api.Channels.Sms;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.People;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>A person's own reminder channels, and the deliveries that could not be made (their own; everyone's for administrators).</summary>
public sealed class NotificationChannelsService(SchedulingDbContext db, IEnumerable<IReminderChannel> channels, TimeProvider clock)
    : Contracts.NotificationChannels.NotificationChannelsBase
{
    private const string Order = "failed-deliveries";
    private const string DefaultRegion = "RU";
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<Contracts.NotificationSettings> GetMyNotificationSettings(GetMyNotificationSettingsRequest request, ServerCallContext context)
    {
        var user = Caller(context);
        var settings = await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == user, context.CancellationToken)
            ?? new PersonChannelSettings { UserId = user };
        return await AnswerAsync(settings, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<Contracts.NotificationSettings> UpdateMyNotificationSettings(UpdateMyNotificationSettingsRequest request, ServerCallContext context)
    {
        var user = Caller(context);
        var number = NormalizeMobile(request.MobileNumber);
        if (request.SmsEnabled && number is null)
        {
            throw new ValidationFailedException("mobile_number", "A mobile number is needed to receive reminders by SMS.");
        }
        var now = clock.GetUtcNow();
        var settings = await db.ChannelSettings.FirstOrDefaultAsync(s => s.UserId == user, context.CancellationToken);
        var before = settings is null ? null : Snapshot(settings);
        if (settings is null)
        {
            settings = new PersonChannelSettings { UserId = user };
            db.ChannelSettings.Add(settings);
        }
        settings.EmailEnabled = request.EmailEnabled;
        settings.SmsEnabled = request.SmsEnabled;
        settings.MobileNumber = number;
        settings.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.notification-settings.updated", "notification-settings", user, before, Snapshot(settings)));
        await db.SaveChangesAsync(context.CancellationToken);
        return await AnswerAsync(settings, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override Task<ListFailedDeliveriesResponse> ListMyFailedDeliveries(ListFailedDeliveriesRequest request, ServerCallContext context)
    {
        var user = Caller(context);
        return ListAsync(db.ReminderDeliveries.Where(d => d.UserId == user), request, context.CancellationToken);
    }

    /// <summary>Administrators (users.manage) see everyone's: a channel that fails for many people is a server problem to fix.</summary>
    [Authorize(Policy = Permissions.UsersManage)]
    public override Task<ListFailedDeliveriesResponse> ListFailedDeliveries(ListFailedDeliveriesRequest request, ServerCallContext context) =>
        ListAsync(db.ReminderDeliveries, request, context.CancellationToken);

    private async Task<ListFailedDeliveriesResponse> ListAsync(IQueryable<ReminderDelivery> deliveries, ListFailedDeliveriesRequest request, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, Order);
        var query = deliveries.AsNoTracking().Where(d => d.Status == DeliveryState.Failed);
        if (token is not null)
        {
            var before = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.FailedAt!.Value, d.Id), ValueTuple.Create(before, token.Id)));
        }
        var page = await (from d in query.OrderByDescending(d => d.FailedAt).ThenByDescending(d => d.Id).Take(pageSize + 1)
                          join i in db.Items on d.ItemId equals i.Id into items
                          from i in items.DefaultIfEmpty()
                          join p in db.People on d.UserId equals p.UserId into people
                          from p in people.DefaultIfEmpty()
                          select new { d, Title = i == null ? null : i.Title, Name = p == null ? null : p.DisplayName })
            .ToListAsync(cancellationToken);
        page = [.. page.OrderByDescending(r => r.d.FailedAt).ThenByDescending(r => r.d.Id)];
        var response = new ListFailedDeliveriesResponse();
        response.Deliveries.AddRange(page.Take(pageSize).Select(r => new FailedDelivery
        {
            Id = r.d.Id.ToString(),
            ReminderId = r.d.ReminderId.ToString(),
            ItemId = r.d.ItemId.ToString(),
            ItemTitle = r.Title ?? string.Empty,
            UserId = r.d.UserId,
            UserName = r.Name ?? string.Empty,
            Channel = r.d.Channel,
            Target = r.d.Target,
            Attempts = r.d.Attempts,
            Reason = r.d.LastError ?? string.Empty,
            FailedAt = Timestamp.FromDateTimeOffset(r.d.FailedAt!.Value),
            DueAt = Timestamp.FromDateTimeOffset(r.d.DueAt),
        }));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1].d;
            response.NextPageToken = new PageToken(Order, null, last.FailedAt, last.Id).Encode();
        }
        return response;
    }

    private async Task<Contracts.NotificationSettings> AnswerAsync(PersonChannelSettings settings, CancellationToken cancellationToken)
    {
        var email = await db.People.AsNoTracking().Where(p => p.UserId == settings.UserId).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
        return new Contracts.NotificationSettings
        {
            EmailEnabled = settings.EmailEnabled,
            SmsEnabled = settings.SmsEnabled,
            MobileNumber = settings.MobileNumber ?? string.Empty,
            EmailAvailable = channels.Any(c => c.Name == EmailChannel.ChannelName && c.Available),
            SmsAvailable = channels.Any(c => c.Name == SmsChannel.ChannelName && c.Available),
            EmailAddress = email ?? string.Empty,
        };
    }

    /// <summary>
    /// A mobile number as people type it ("8 903 100-00-01", "+44 7700 900123") in E.164; numbers
    /// without a country code are read as Russian. Empty: none. Anything else is a 400 naming mobile_number.
    /// </summary>
    internal static string? NormalizeMobile(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        try
        {
            var number = Phones.Parse(input, DefaultRegion);
            if (Phones.IsValidNumber(number) && Phones.GetNumberType(number) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)
            {
                return Phones.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
        }
        throw new ValidationFailedException("mobile_number", "Not a mobile number; include the country code, e.g. +7 903 123-45-67.");
    }

    private static object Snapshot(PersonChannelSettings s) => new { s.EmailEnabled, s.SmsEnabled, s.MobileNumber };

    private static string Caller(ServerCallContext context) =>
        context.GetHttpContext().User.UserId() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The token names no person."));
}
