using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Channels.Email;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// Sends the mails e-mail steps queued (<c>process_mails</c>) through the reminders' SMTP pool,
/// with their leases, retries and backoff (<see cref="LeasedDispatcher"/>, <c>Scheduling:Channels</c>).
/// The instance's log says when a mail went out, or that it finally could not be sent and why.
/// </summary>
public sealed class ProcessMailDispatcher(
    IServiceScopeFactory scopes,
    EmailChannel email,
    TimeProvider clock,
    IOptions<ChannelOptions> options,
    ILogger<ProcessMailDispatcher> logger) : LeasedDispatcher(scopes, clock, options, logger)
{
    protected override string Table => "process_mails";

    protected override async Task SendClaimedAsync(SchedulingDbContext db, List<Guid> ids, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        var mails = await db.ProcessMails.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var results = await SendAllAsync(mails.Values, (mail, token) => email.Available
            ? TryAsync(mail.Id, mail.Attempts, "process e-mail", () => email.SendMailAsync(Compose(mail), token), token)
            : Task.FromResult(new SendResult(mail.Id, mail.Attempts, SendOutcome.Failed, "e-mail is not configured on the server (Scheduling:Email)")), cancellationToken);

        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var result in await MarkAsync(db, results, lease, now, cancellationToken))
        {
            var mail = mails[result.Id];
            var sent = result.Outcome == SendOutcome.Sent;
            if (!sent && result.Outcome != SendOutcome.Failed)
            {
                continue;
            }
            var reason = Cut(result.Reason ?? string.Empty, 1000);
            ProcessRunner.AddLog(db, mail.InstanceId, mail.ElementId, mail.ElementName, sent ? ProcessText.EmailSent(mail.To) : ProcessText.EmailFailed(mail.To, reason),
                string.Empty, error: !sent, now);
            db.Audit(AuditEvent.BySystem(ProcessRunner.Actor, ProcessRunner.ActorName, now, sent ? "scheduling.process-mail.sent" : "scheduling.process-mail.failed",
                "process-instance", mail.InstanceId.ToString(), details: new { elementId = mail.ElementId, to = mail.To, attempts = mail.Attempts, reason = sent ? null : reason }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The same message on every attempt: its Message-ID is derived from the step's token.</summary>
    public static MimeMessage Compose(ProcessMail mail)
    {
        var message = new MimeMessage
        {
            MessageId = $"{mail.Id:N}@crmsuite.processes",
            Subject = mail.Subject,
            Body = new TextPart("plain") { Text = mail.Body },
        };
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
