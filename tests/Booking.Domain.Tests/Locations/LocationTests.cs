using Booking.Domain.Common;
using Booking.Domain.Locations;

namespace Booking.Domain.Tests.Locations;

public sealed class LocationTests
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Kolkata")]
    public void Create_IanaZone_Accepted(string zone)
    {
        var location = new Location("Main", zone);
        Assert.Equal(zone, location.TimeZoneId);
        Assert.Equal(zone, location.TimeZone.Id);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Eastern Standard Time")]
    public void Create_NotAnIanaZone_Refused(string zone)
    {
        var error = Assert.Throws<DomainException>(() => new Location("Main", zone));
        Assert.Equal("validation", error.Code);
    }

    [Fact]
    public void SetOpeningHours_SeveralIntervalsADay_Kept()
    {
        var location = new Location("Main", "Europe/Berlin");
        location.SetOpeningHours([
            new OpeningInterval(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(18, 0)),
            new OpeningInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)),
        ]);
        Assert.Equal([new TimeOnly(9, 0), new TimeOnly(14, 0)], location.OpeningHours.Select(h => h.Opens));
    }

    [Fact]
    public void SetOpeningHours_OverlappingIntervals_Refused()
    {
        var location = new Location("Main", "Europe/Berlin");
        Assert.Throws<DomainException>(() => location.SetOpeningHours([
            new OpeningInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
            new OpeningInterval(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(18, 0)),
        ]));
        Assert.Empty(location.OpeningHours);
    }

    [Fact]
    public void SetOpeningHours_ClosesBeforeOpens_Refused()
    {
        var location = new Location("Main", "Europe/Berlin");
        Assert.Throws<DomainException>(() => location.SetOpeningHours([new OpeningInterval(DayOfWeek.Friday, new TimeOnly(18, 0), new TimeOnly(9, 0))]));
    }

    [Fact]
    public void AddClosure_EndBeforeStart_Refused()
    {
        var location = new Location("Main", "Europe/Berlin");
        Assert.Throws<DomainException>(() => location.AddClosure(new DateTime(2026, 12, 26), new DateTime(2026, 12, 25), "Holiday"));
        Assert.Empty(location.Closures);
    }

    [Fact]
    public void SetOpeningHours_ClosesAtMidnight_Accepted()
    {
        var location = new Location("Main", "Europe/Berlin");
        location.SetOpeningHours([
            new OpeningInterval(DayOfWeek.Friday, new TimeOnly(9, 0), new TimeOnly(12, 0)),
            new OpeningInterval(DayOfWeek.Friday, new TimeOnly(18, 0), TimeOnly.MinValue),
        ]);
        Assert.Equal(2, location.OpeningHours.Count);
    }

    [Fact]
    public void SetOpeningHours_MidnightToMidnight_AcceptedAsAllDay()
    {
        var location = new Location("Main", "Europe/Berlin");
        location.SetOpeningHours([new OpeningInterval(DayOfWeek.Sunday, TimeOnly.MinValue, TimeOnly.MinValue)]);
        Assert.Single(location.OpeningHours);
    }

    [Fact]
    public void SetOpeningHours_OverlapsIntervalClosingAtMidnight_Refused()
    {
        var location = new Location("Main", "Europe/Berlin");
        var error = Assert.Throws<DomainException>(() => location.SetOpeningHours([
            new OpeningInterval(DayOfWeek.Friday, new TimeOnly(18, 0), TimeOnly.MinValue),
            new OpeningInterval(DayOfWeek.Friday, new TimeOnly(20, 0), new TimeOnly(22, 0)),
        ]));
        Assert.Equal("validation", error.Code);
    }

    [Fact]
    public void OpeningIntervalContains_ClosesAtMidnight_LateEveningInside()
    {
        var lateNight = new OpeningInterval(DayOfWeek.Friday, new TimeOnly(18, 0), TimeOnly.MinValue);
        Assert.True(lateNight.Contains(new TimeOnly(22, 0), new TimeOnly(23, 30)));
        Assert.False(lateNight.Contains(new TimeOnly(17, 0), new TimeOnly(19, 0)));
        Assert.False(new OpeningInterval(DayOfWeek.Friday, new TimeOnly(9, 0), new TimeOnly(17, 0)).Contains(new TimeOnly(16, 0), new TimeOnly(18, 0)));
    }
}
