using MailKit.Security;

namespace CrmSuite.Documents.Api.Mail;

/// <summary>
/// Documents:Email: the SMTP server documents are sent through (the same settings as
/// Scheduling:Email; an installation usually points both at one relay). No host: sending is refused
/// with a 400 saying so.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Documents:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>The sender address, e.g. invoices@example.com.</summary>
    public string? From { get; set; }
    public string FromName { get; set; } = "CrmSuite";
    /// <summary>SMTP sign-in; none: the server takes mail without (a local relay).</summary>
    public string? UserName { get; set; }
    /// <summary>From configuration only (user secrets, environment, a Kubernetes secret), never from source.</summary>
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.StartTls;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public bool IsValid() => !Configured || (Port is > 0 and < 65536 && System.Net.Mail.MailAddress.TryCreate(From, out _)
        && Timeout > TimeSpan.Zero && (string.IsNullOrEmpty(UserName) == string.IsNullOrEmpty(Password)));
}
