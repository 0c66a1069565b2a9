using CrmSuite.BuildingBlocks.Errors;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmSuite.Documents.Api.Mail;

/// <summary>One message to send: the document's file attached.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string FileName, string ContentType, byte[] File, string MessageId);

/// <summary>
/// Sends a document by e-mail through the configured SMTP server (MailKit), one connection per
/// message: documents go one at a time, when a person presses Send, so no pool is kept.
/// </summary>
public sealed class DocumentMailer(IOptions<MailOptions> options, ILogger<DocumentMailer> logger)
{
    public bool Configured => options.Value.Configured;

    public static MimeMessage Compose(OutgoingMail mail, MailOptions settings)
    {
        var body = new BodyBuilder { TextBody = mail.Body };
        body.Attachments.Add(mail.FileName, mail.File, ContentType.Parse(mail.ContentType));
        var message = new MimeMessage { MessageId = mail.MessageId, Subject = mail.Subject, Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From!));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Configured)
        {
            throw new ValidationFailedException("to", "Sending by e-mail is not set up on this server (Documents:Email:Host and From); ask the administrator.");
        }
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Tls, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }
            await client.SendAsync(Compose(mail, settings), cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            // 5xx: this address or message is refused (the person can correct the address); 4xx: later.
            logger.LogWarning("The mail server refused the document's message to {To}: {Code} {Reason}", mail.To, e.StatusCode, e.Message);
            if ((int)e.StatusCode >= 500)
            {
                throw new ValidationFailedException("to", $"The mail server refused the message to '{mail.To}': {e.Message.Trim()}");
            }
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, $"The mail server asked to try later: {e.Message.Trim()}"));
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or System.Net.Sockets.SocketException
            or TimeoutException or MailKit.Security.AuthenticationException)
        {
            logger.LogWarning(e, "The mail server {Host}:{Port} could not take the document's message", settings.Host, settings.Port);
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable,
                "The mail server could not be reached; the document was not sent. Try again shortly."));
        }
    }
}
