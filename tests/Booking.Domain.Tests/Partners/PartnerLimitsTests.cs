using Booking.Domain.Common;
using Booking.Domain.Partners;

namespace Booking.Domain.Tests.Partners;

public sealed class PartnerLimitsTests
{
    private static readonly DateTime Start = new(2026, 1, 13, 15, 0, 0, DateTimeKind.Utc);

    private static UtcInterval Hours(int hours) => new(Start, Start.AddHours(hours));

    [Fact]
    public void Check_AllowedKindWithinTheHours_Passes()
    {
        Assert.Null(new PartnerLimits(["room", "laptop"], 6).Check("room", Hours(2), 4));
    }

    [Fact]
    public void Check_KindNotAllowed_Forbidden()
    {
        var refusal = new PartnerLimits(["room"], null).Check("laser-cutter", Hours(1), 0);

        Assert.Equal(ErrorCodes.Forbidden, refusal!.Code);
    }

    [Fact]
    public void Check_NoKinds_BooksNothing()
    {
        Assert.Equal(ErrorCodes.Forbidden, new PartnerLimits([], null).Check("room", Hours(1), 0)!.Code);
    }

    [Fact]
    public void Check_OverTheWeeksHours_Quota()
    {
        var refusal = new PartnerLimits(["room"], 6).Check("room", Hours(3), 4);

        Assert.Equal(ErrorCodes.Quota, refusal!.Code);
        Assert.Contains("at most 6 hours a week", refusal.Message);
    }

    [Fact]
    public void Check_ExactlyTheWeeksHours_Passes()
    {
        Assert.Null(new PartnerLimits(["room"], 6).Check("room", Hours(2), 4));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(168, true)]
    [InlineData(169, false)]
    [InlineData(null, true)]
    public void Problem_HoursOutsideAWeek_Said(int? hours, bool usable)
    {
        Assert.Equal(usable, PartnerLimits.Problem(hours) is null);
    }
}
