using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Certifications;

/// <summary>
/// <see cref="BookingRules.CertificationMustBeValidThroughEnd"/>: a laser cutter in New York that requires
/// "Laser cutter safety"; the patron asks for Tuesday 13 January 2026, 10:00–11:00.
/// </summary>
public sealed class CertificationRuleTests
{
    private static readonly DateTime Now = Utc(NewYork, 2026, 1, 12, 9);
    private static readonly DateTime Start = Utc(NewYork, 2026, 1, 13, 10);
    private static readonly DateTime End = Start.AddHours(1);
    private static readonly Guid Safety = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Basics = Guid.Parse("00000000-0000-0000-0000-0000000000c2");

    private static readonly UpcomingTraining NextTraining = new(Guid.NewGuid(), "Laser cutter safety", Utc(NewYork, 2026, 1, 13, 18));

    private static BookingFacts Facts(IReadOnlyList<HeldCertification> held, params RequiredCertification[] required) =>
        TestData.Facts(OpenDaily(NewYork, 8, 20), KnownKinds.LaserCutter, Now) with { RequiredCertifications = required, HeldCertifications = held };

    private static RequiredCertification LaserSafety(params UpcomingTraining[] next) => new(Safety, "Laser cutter safety", next);

    [Fact]
    public void Check_NoCertificationRequired_Passes() =>
        BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([])).ShouldPass();

    [Fact]
    public void Check_HeldWithoutExpiry_Passes() =>
        BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([new(Safety, null)], LaserSafety())).ShouldPass();

    [Fact]
    public void Check_ExpiresExactlyAtTheEnd_Passes() =>
        BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([new(Safety, End)], LaserSafety())).ShouldPass();

    [Fact]
    public void Check_ExpiresAMinuteBeforeTheEnd_RefusedAsExpiring()
    {
        var refusal = BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([new(Safety, End.AddMinutes(-1))], LaserSafety(NextTraining)))
            .ShouldFailWith(ErrorCodes.CertificationRequired);
        var missing = Assert.Single(refusal.Certifications);
        Assert.Equal(End.AddMinutes(-1), missing.ExpiresAtUtc);
        Assert.Equal(RefusalReasons.CertificationRequired, refusal.Reason);
        Assert.Contains("expires", refusal.ToString());
        Assert.Contains("next training Tue, Jan 13, 6:00", refusal.ToString());
    }

    [Fact]
    public void Check_NotHeld_RefusedNamingItAndTheNextTraining()
    {
        var refusal = BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([], LaserSafety(NextTraining)))
            .ShouldFailWith(ErrorCodes.CertificationRequired);
        // ICU writes a narrow no-break space before AM/PM; the sentence is the same either way.
        Assert.Equal("Laser cutter safety is required: next training Tue, Jan 13, 6:00 PM.", refusal.ToString().Replace('\u202F', ' '));
        var missing = Assert.Single(refusal.Certifications);
        Assert.Equal(Safety, missing.Certification.Id);
        Assert.Null(missing.ExpiresAtUtc);
    }

    [Fact]
    public void Check_NoTrainingScheduled_SaysToAskStaff() =>
        Assert.Contains("ask staff", BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60), Facts([], LaserSafety()))
            .ShouldFailWith(ErrorCodes.CertificationRequired).ToString());

    [Fact]
    public void Check_TwoRequiredOneHeld_RefusedNamingOnlyTheMissingOne()
    {
        var refusal = BookingRules.CertificationMustBeValidThroughEnd(Request(Start, 60),
            Facts([new(Safety, null)], LaserSafety(), new RequiredCertification(Basics, "Workshop basics", [])))
            .ShouldFailWith(ErrorCodes.CertificationRequired);
        Assert.Equal(Basics, Assert.Single(refusal.Certifications).Certification.Id);
    }

    [Fact]
    public void Check_Uncertified_CertificationBeforePolicyDetails()
    {
        // Too soon (lead time) and uncertified: the patron learns about the certification first.
        var refusal = BookingRules.Check(Request(Now.AddMinutes(5), 60), Facts([], LaserSafety()));
        refusal.ShouldFailWith(ErrorCodes.CertificationRequired);
    }

    [Fact]
    public void Check_CertifiedAndOrdinary_PassesEveryRule() =>
        BookingRules.Check(Request(Start, 60), Facts([new(Safety, End.AddMonths(6))], LaserSafety())).ShouldPass();
}
