using System.Collections.Concurrent;
using System.Net.Sockets;
using CrmSuite.Scheduling.Api.Infrastructure;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmSuite.Scheduling.Api.Channels.Email;

/// <summary>
/// Reminders by e-mail through the configured SMTP server (MailKit), to the address identity knows
/// for the person, in their language. The Message-ID is the delivery's id, the same on every retry:
/// a retry after a send whose answer was lost is recognisable as the same message.
/// </summary>
public sealed class EmailChannel(IOptions<EmailOptions> options, ILogger<EmailChannel> logger) : IReminderChannel, IDisposable
{
    public const string ChannelName = "email";
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public string Name => ChannelName;

    public bool Available => options.Value.Configured;

    public async Task<IReadOnlyList<ChannelTarget>> TargetsAsync(SchedulingDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await (from p in db.People
               where userIds.Contains(p.UserId) && !p.Disabled && p.Email != null
               join s in db.ChannelSettings on p.UserId equals s.UserId into settings
               from s in settings.DefaultIfEmpty()
               where s == null || s.EmailEnabled
               select new ChannelTarget(p.UserId, p.Email!)).ToListAsync(cancellationToken);

    public static MimeMessage Compose(ReminderMessage m, EmailOptions settings)
    {
        var message = new MimeMessage
        {
            MessageId = $"{m.DeliveryId:N}@crmsuite.reminders",
            Subject = ReminderText.Subject(m),
            Body = new TextPart("plain") { Text = ReminderText.Body(m) },
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From!));
        message.To.Add(new MailboxAddress(m.PersonName, m.Target));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!MailboxAddress.TryParse(message.Target, out _))
        {
            throw new ChannelSendException($"'{message.Target}' is not an e-mail address", permanent: true);
        }
        await SendMailAsync(Compose(message, settings), cancellationToken);
    }

    /// <summary>
    /// Sends a composed message on a pooled connection (a business process's e-mail step uses it
    /// too). Throws <see cref="ChannelSendException"/> as <see cref="SendAsync"/> does.
    /// </summary>
    public async Task SendMailAsync(MimeMessage mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (mail.From.Count == 0)
        {
            mail.From.Add(new MailboxAddress(settings.FromName, settings.From!));
        }
        var (client, reused) = await RentAsync(settings, cancellationToken);
        try
        {
            await SendOnAsync(client, mail, cancellationToken);
        }
        catch (ChannelSendException e) when (reused && e.InnerException is { } broken && Stale(broken))
        {
            // A pooled connection the server closed while it sat idle (servers drop idle sessions
            // after their timeout, most with a 421 or 221 first, and MailKit only notices on the next
            // command): send again at once
            // on a new connection instead of waiting out a retry's backoff. The server took nothing
            // on a dropped session; only an answer lost after it accepted the data would make this
            // the same message twice, with the same Message-ID (as any retry).
            logger.LogDebug("A pooled SMTP connection to {Host} was closed ({Reason}); sending on a new one", settings.Host, broken.Message);
            await SendOnAsync(await OpenAsync(settings, cancellationToken), mail, cancellationToken);
        }
    }

    /// <summary>Sends on this connection: back to the pool after, thrown away on any failure.</summary>
    private async Task SendOnAsync(SmtpClient client, MimeMessage mail, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(mail, cancellationToken);
        }
        catch (Exception e)
        {
            Discard(client);
            if (Classify(e) is { } reason)
            {
                throw reason;
            }
            throw;
        }
        _idle.Add(client);
    }

    /// <summary>The connection itself failed (not the server's answer to this message).</summary>
    private static bool Broken(Exception e) => e is SmtpProtocolException or IOException or ServiceNotConnectedException or SocketException;

    /// <summary>
    /// A pooled connection that is no use any more: broken, or the server said it closed the session
    /// (its idle timeout: Postfix answers 421, others 221), which MailKit reads as the answer to MAIL FROM.
    /// </summary>
    private static bool Stale(Exception e) => Broken(e)
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.ServiceClosingTransmissionChannel };

    private static ChannelSendException? Classify(Exception e) => e switch
    {
        // 5xx: the server will not take this message (unknown mailbox, refused content); 4xx: try later.
        SmtpCommandException command => new ChannelSendException($"the mail server answered {(int)command.StatusCode}: {command.Message.Trim()}",
            permanent: (int)command.StatusCode >= 500, command),
        _ when Broken(e) || e is TimeoutException => new ChannelSendException($"the mail server could not be reached: {e.Message}", permanent: false, e),
        _ => null,
    };

    /// <summary>An idle pooled connection (reused: true), or a new one.</summary>
    private async Task<(SmtpClient Client, bool Reused)> RentAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsConnected)
            {
                return (idle, true);
            }
            idle.Dispose();
        }
        return (await OpenAsync(settings, cancellationToken), false);
    }

    private async Task<SmtpClient> OpenAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        Socket? socket = null;
        try
        {
            // Our own socket without Nagle's delay: MailKit leaves it on, and a message's last
            // segment then waits for the server's delayed ACK (~40 ms a message on Linux), which
            // capped a pooled connection at ~30 messages/s (bench/scheduling-reminders).
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(settings.Timeout);
                await socket.ConnectAsync(settings.Host!, settings.Port, connectTimeout.Token);
            }
            await client.ConnectAsync(socket, settings.Host!, settings.Port, settings.Tls, cancellationToken);
            socket = null; // the client owns it now
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }
            return client;
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            client.Dispose();
            logger.LogWarning("The SMTP server {Host} refused the configured sign-in: {Reason}", settings.Host, e.Message);
            throw new ChannelSendException("the mail server refused the service's sign-in (Scheduling:Email)", permanent: false, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new ChannelSendException($"the mail server could not be reached: {e.Message}", permanent: false, e);
        }
        finally
        {
            socket?.Dispose();
        }
    }

    private static void Discard(SmtpClient client)
    {
        try
        {
            client.Disconnect(false);
        }
        catch (Exception)
        {
            // Already broken: it is thrown away either way.
        }
        client.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            Discard(client);
        }
    }
}
