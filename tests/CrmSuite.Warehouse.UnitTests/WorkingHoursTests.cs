using CrmSuite.Warehouse.Api.Alerts;

namespace CrmSuite.Warehouse.UnitTests;

public sealed class WorkingHoursTests
{
    private static readonly WorkingHoursOptions Hours = new() { Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) };

    [Theory]
    [InlineData("2026-11-25T08:00", true)]  // Wednesday, opening minute
    [InlineData("2026-11-25T19:59", true)]
    [InlineData("2026-11-25T20:00", false)] // closing time is already out of hours
    [InlineData("2026-11-25T07:59", false)]
    [InlineData("2026-11-28T12:00", false)] // Saturday
    [InlineData("2026-11-29T12:00", false)] // Sunday
    public void Monday_to_Friday_between_start_and_end_is_working_time(string local, bool working) =>
        Assert.Equal(working, Hours.Contains(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Configured_days_replace_the_default_week()
    {
        var saturdayShop = new WorkingHoursOptions { Start = new TimeOnly(10, 0), End = new TimeOnly(16, 0), Days = [DayOfWeek.Saturday] };
        Assert.True(saturdayShop.Contains(new DateTime(2026, 11, 28, 11, 0, 0)));
        Assert.False(saturdayShop.Contains(new DateTime(2026, 11, 25, 11, 0, 0)));
    }
}
