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
}
