namespace CrmSuite.Scheduling.Api.People;

/// <summary>
/// Who a person is, for delivering their reminders: identity's latest <c>identity.person-changed</c>
/// snapshot (name, e-mail, language, disabled). Kept only from events; never edited here.
/// </summary>
public sealed class Person
{
    public string UserId { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string? Email { get; set; }
    /// <summary>"ru", "en" or empty (not chosen yet: texts are in Russian, the suite's first language).</summary>
    public string Language { get; set; } = string.Empty;
    /// <summary>A disabled account gets no deliveries and has no calendar feed.</summary>
    public bool Disabled { get; set; }
    /// <summary>When identity made the snapshot: an older one arriving later is ignored.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool SpeaksEnglish => Language == "en";
}

/// <summary>A person's own choice of reminder channels beyond in-app (which is always on). No row: the defaults.</summary>
public sealed class PersonChannelSettings
{
    public string UserId { get; set; } = string.Empty;
    public bool EmailEnabled { get; set; } = true;
    public bool SmsEnabled { get; set; }
    /// <summary>+&lt;digits&gt; (E.164), or null.</summary>
    public string? MobileNumber { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
