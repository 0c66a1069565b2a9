namespace CrmSuite.Scheduling.Api.Live;

/// <summary>Scheduling:Live.</summary>
public sealed class LiveOptions
{
    public const string Section = "Scheduling:Live";

    /// <summary>
    /// An open stream also looks for news this often without being woken: the safety net for a
    /// LISTEN connection that died unnoticed. LISTEN/NOTIFY carries the news within milliseconds.
    /// </summary>
    public TimeSpan FallbackPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A stream whose token carries no expiry ends after this; the client reconnects (and is authorized again).</summary>
    public TimeSpan MaxStreamLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the listener waits before it connects again after its connection failed.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
