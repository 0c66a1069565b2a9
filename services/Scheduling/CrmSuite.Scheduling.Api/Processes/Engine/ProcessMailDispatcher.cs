using System.Collections.Concurrent;
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
    ILogger<ProcessMailDispatcher> logger) : LeasedDispatcher(options, logger)
{
    protected override string Table => "process_mails";

    public override async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        var lease = LeaseFrom(now);
        var ids = await ClaimAsync(db, now, lease, cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        var mails = await db.ProcessMails.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var results = new ConcurrentBag<SendResult>();
        await Parallel.ForEachAsync(mails.Values, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
            async (mail, token) => results.Add(email.Available
                ? await TryAsync(mail.Id, mail.Attempts, "process e-mail", () => email.SendMailAsync(Compose(mail), token), token)
                : new SendResult(mail.Id, mail.Attempts, SendOutcome.Failed, "e-mail is not configured on the server (Scheduling:Email)")));

        now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var result in await MarkAsync(db, [.. results], lease, now, cancellationToken))
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
        return ids.Count;
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
