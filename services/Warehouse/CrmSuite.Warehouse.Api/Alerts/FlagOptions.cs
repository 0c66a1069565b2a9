using System.ComponentModel.DataAnnotations;

namespace CrmSuite.Warehouse.Api.Alerts;

/// <summary>
/// When a movement is flagged for the Director: the <c>Warehouse</c> configuration section's
/// working hours (in an IANA zone) and write-off threshold.
/// </summary>
public sealed class FlagOptions
{
    public const string Section = "Warehouse";

    /// <summary>IANA zone the working hours are in (e.g. Europe/Moscow).</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public WorkingHoursOptions WorkingHours { get; set; } = new();

    /// <summary>A write-off worth more than this (at average cost) is flagged for the Director.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal WriteOffFlagAmount { get; set; } = 50_000m;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Whether <see cref="TimeZone"/> names a zone this machine knows (checked at start-up).</summary>
    public bool HasKnownZone()
    {
        try
        {
            Zone();
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}

public sealed class WorkingHoursOptions
{
    public TimeOnly Start { get; set; } = new(8, 0);
    public TimeOnly End { get; set; } = new(20, 0);
    /// <summary>Working days; Monday to Friday when not configured.</summary>
    public List<DayOfWeek>? Days { get; set; }

    public IReadOnlyCollection<DayOfWeek> EffectiveDays =>
        Days is { Count: > 0 } days ? days : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Whether a local time falls inside working hours (End is exclusive).</summary>
    public bool Contains(DateTime local) =>
        EffectiveDays.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;
}
