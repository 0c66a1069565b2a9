namespace CrmSuite.Kpi.Api.Facts;

/// <summary>The KPI's settings (section <c>Kpi</c>).</summary>
public sealed class KpiOptions
{
    public const string Section = "Kpi";

    /// <summary>The company's IANA time zone: a fact's day is its date there.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    public bool IsValid() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}

/// <summary>Days in the company's time zone.</summary>
public sealed class KpiCalendar(Microsoft.Extensions.Options.IOptions<KpiOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, _zone).DateTime);
}
