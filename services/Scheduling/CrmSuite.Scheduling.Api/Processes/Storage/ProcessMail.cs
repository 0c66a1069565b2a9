using CrmSuite.Scheduling.Api.Channels;

namespace CrmSuite.Scheduling.Api.Processes.Storage;

/// <summary>
/// An e-mail step's mail, queued in the step's own transaction (the step and its mail commit
/// together or not at all) and sent by <see cref="Engine.ProcessMailDispatcher"/> with the
/// reminders' leases and retries. Its id is the token's: one mail per token whatever the engine
/// replays, and the Message-ID derived from it marks a resend as the same message.
/// </summary>
public sealed class ProcessMail : QueuedSend
{
    public Guid InstanceId { get; set; }
    public string ElementId { get; set; } = string.Empty;
    public string ElementName { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
}

/// <summary>Whose turn it is in a round-robin assignee rule (<c>roundRobin:{teamId}</c>): the last person given a task by it.</summary>
public sealed class RoundRobinTurn
{
    public string Rule { get; set; } = string.Empty;
    public string LastUserId { get; set; } = string.Empty;
    public DateTimeOffset UpdatedAt { get; set; }
}
