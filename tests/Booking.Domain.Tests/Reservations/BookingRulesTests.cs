using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>
/// Every rule of <see cref="BookingRules.All"/>, a pass case and a fail case each. The branch is in Berlin,
/// open on weekdays 9–12 and 13–18 (a lunch gap) and Saturdays 10–14; the resource is a laser cutter with its
/// default policy (15-minute slots, 15 to 120 minutes, 15-minute cool-down, 30 minutes lead time,
/// 14 days ahead, 2 active bookings, 4 hours a week).
/// </summary>
public sealed class BookingRulesTests
{
    // Monday 1 June 2026, 08:00 in Berlin (CEST, UTC+2).
    private static readonly DateTime Now = Utc(Berlin, 2026, 6, 1, 8);

    private static readonly BookingPolicy Cutter = BookingPolicy.DefaultFor(KnownKinds.LaserCutter);

    private static Location Branch() =>
        TestData.Branch(Berlin, Weekdays(9, 12).Concat(Weekdays(13, 18)).Append(Hours(DayOfWeek.Saturday, 10, 14)));

    private static BookingFacts Facts(Location? location = null, BookingPolicy? policy = null, DateTime? now = null) =>
        TestData.Facts(location ?? Branch(), KnownKinds.LaserCutter, now ?? Now, policy ?? Cutter);

    /// <summary>Tuesday 2 June 2026 at a Berlin wall-clock time.</summary>
    private static DateTime Tue(int hour, int minute = 0) => Utc(Berlin, 2026, 6, 2, hour, minute);

    [Fact]
    public void Defaults_TestFixture_IsWhatTheTestsAssume()
    {
        Assert.Equal(DayOfWeek.Monday, LocalCalendar.ToLocal(Now, Zone(Berlin)).DayOfWeek);
        Assert.Equal(Z(2026, 6, 2, 8), Tue(10));
        Assert.Equal((15, 15, 120, 15, 30, 14, 2, 4), (Cutter.SlotMinutes, Cutter.MinDurationMinutes, Cutter.MaxDurationMinutes,
            Cutter.BufferAfterMinutes, Cutter.LeadTimeMinutes, Cutter.AdvanceWindowDays, Cutter.MaxActiveReservations, Cutter.MaxHoursPerWeek));
    }

    [Fact]
    public void Check_OrdinaryRequest_Passes() =>
        BookingRules.Check(Request(Tue(10), 60), Facts()).ShouldPass();

    // ---- PatronMustNotBeSuspended ----

    [Fact]
    public void Suspended_OwnBooking_RefusedNamingKindAndEnd()
    {
        var facts = Facts() with { KindName = "Laser cutters", Suspension = new SuspensionInForce(Tue(10).AddDays(14), "3 reservations of Laser cutters not claimed in the last 60 days.") };
        var refusal = BookingRules.PatronMustNotBeSuspended(Request(Tue(10), 60), facts).ShouldFailWith(ErrorCodes.Suspended);
        Assert.Equal("Laser cutters", refusal.Facts["kind"]);
        Assert.StartsWith("You cannot book Laser cutters until ", refusal.ToString(), StringComparison.Ordinal);
        Assert.Contains("Staff at the desk can lift this.", refusal.ToString(), StringComparison.Ordinal);
        BookingRules.Check(Request(Tue(10), 60), facts).ShouldFailWith(ErrorCodes.Suspended);
    }

    [Fact]
    public void Suspended_StaffBookingOnBehalf_Passes()
    {
        var facts = Facts() with { Suspension = new SuspensionInForce(Tue(10).AddDays(14), "3 no-shows.") };
        BookingRules.PatronMustNotBeSuspended(Request(Tue(10), 60, onBehalfByStaff: true), facts).ShouldPass();
    }

    [Fact]
    public void NotSuspended_Passes() =>
        BookingRules.PatronMustNotBeSuspended(Request(Tue(10), 60), Facts()).ShouldPass();

    // ---- order ----

    [Fact]
    public void All_Order_RequestItselfBeforeTimeBeforeQuotas() =>
        Assert.Equal(
            [
                nameof(BookingRules.PatronMustNotBeSuspended),
                nameof(BookingRules.EndMustFollowStart), nameof(BookingRules.ResourceMustBeInService),
                nameof(BookingRules.CertificationMustBeValidThroughEnd), nameof(BookingRules.DurationMustFitPolicy), nameof(BookingRules.MustRespectLeadTime),
                nameof(BookingRules.MustBeWithinAdvanceWindow), nameof(BookingRules.MustBeWithinOpeningHours),
                nameof(BookingRules.MustAvoidClosures), nameof(BookingRules.MustAvoidMaintenance),
                nameof(BookingRules.SlotMustBeFree), nameof(BookingRules.MustRespectActiveLimit),
                nameof(BookingRules.MustRespectWeeklyHours),
            ],
            BookingRules.All.Select(r => r.Name));

    [Fact]
    public void Check_EveryRuleBroken_ReturnsValidationFirst()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 7), new DateTime(2026, 6, 8), "Festival");
        var facts = Facts(location) with
        {
            Taken = [new UtcInterval(Tue(0), Tue(23))],
            Maintenance = [new MaintenanceWindow(new UtcInterval(Tue(0), Tue(23)), "Lens")],
            PatronActiveOfKind = 99,
            PatronMinutesInWeek = 99_999,
        };
        facts.Resource.TakeOutOfService("Broken lens");

        BookingRules.Check(Request(Tue(10), 0), facts).ShouldFailWith(ErrorCodes.Validation);
        BookingRules.Check(Request(Tue(10, 10), 20), facts).ShouldFailWith(ErrorCodes.OutOfService);
    }

    [Fact]
    public void Check_SeveralRulesBroken_FirstInOrderWins()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2, 11, 0, 0), new DateTime(2026, 6, 2, 16, 0, 0), "Staff training");
        var facts = Facts(location);

        // duration (off-slot start) before lead time (too soon)
        BookingRules.Check(Request(Now.AddMinutes(10), 15), facts).ShouldFailWith(ErrorCodes.Duration);
        // lead time before opening hours (08:15 is before opening, and too soon)
        BookingRules.Check(Request(Now.AddMinutes(15), 15), facts).ShouldFailWith(ErrorCodes.LeadTime);
        // advance window before opening hours (a Sunday, far ahead)
        BookingRules.Check(Request(Utc(Berlin, 2026, 7, 5, 10), 60), facts).ShouldFailWith(ErrorCodes.AdvanceWindow);
        // opening hours before closures (spans the lunch gap, and the closure 11–16)
        BookingRules.Check(Request(Tue(11, 30), 120), facts).ShouldFailWith(ErrorCodes.OutsideOpeningHours);
        // closures before maintenance before slot-taken before quotas
        var crowded = facts with
        {
            Maintenance = [new MaintenanceWindow(new UtcInterval(Tue(13), Tue(18)), "Service")],
            Taken = [new UtcInterval(Tue(9), Tue(18))],
            PatronActiveOfKind = 5,
        };
        BookingRules.Check(Request(Tue(14), 60), crowded).ShouldFailWith(ErrorCodes.Closed);
        BookingRules.Check(Request(Tue(16), 60), crowded).ShouldFailWith(ErrorCodes.Maintenance);
        BookingRules.Check(Request(Tue(10), 60), crowded).ShouldFailWith(ErrorCodes.SlotTaken);
        BookingRules.Check(Request(Tue(10), 60), crowded with { Taken = [] }).ShouldFailWith(ErrorCodes.Quota);
    }

    [Fact]
    public void Check_AnyRequest_EqualsFirstRefusalOfAllRules()
    {
        var facts = Facts() with { Taken = [Taken(Tue(10), 60, 15)], PatronMinutesInWeek = 200 };
        var starts = Enumerable.Range(0, 24 * 4).Select(q => Tue(0).AddMinutes(q * 15 + (q % 7 == 0 ? 5 : 0)));
        foreach (var start in starts)
        {
            foreach (var minutes in new[] { 0, 15, 45, 60, 150 })
            {
                var request = Request(start, minutes);
                var expected = BookingRules.All.Select(r => r.Check(request, facts)).FirstOrDefault(r => r is not null);
                Assert.Equal(expected, BookingRules.Check(request, facts));
            }
        }
    }

    // ---- EndMustFollowStart ----

    [Fact]
    public void Check_EndBeforeStart_FailsValidation() =>
        BookingRules.Check(new BookingRequest(Patron, new UtcInterval(Tue(11), Tue(10))), Facts()).ShouldFailWith(ErrorCodes.Validation);

    [Fact]
    public void Check_EndEqualsStart_FailsValidation() =>
        BookingRules.Check(Request(Tue(10), 0), Facts()).ShouldFailWith(ErrorCodes.Validation);

    [Fact]
    public void EndMustFollowStart_EndAfterStart_Passes() =>
        BookingRules.EndMustFollowStart(Request(Tue(10), 15), Facts()).ShouldPass();

    // ---- ResourceMustBeInService ----

    [Fact]
    public void Check_OutOfService_FailsOutOfServiceWithReason()
    {
        var facts = Facts();
        facts.Resource.TakeOutOfService("Laser tube replaced");
        var refusal = BookingRules.Check(Request(Tue(10), 60), facts).ShouldFailWith(ErrorCodes.OutOfService);
        Assert.Equal("Laser tube replaced", refusal.Facts["reason"]);
    }

    [Fact]
    public void Check_StaffOnBehalfOutOfService_FailsOutOfService()
    {
        var facts = Facts();
        facts.Resource.TakeOutOfService("Laser tube replaced");
        BookingRules.Check(Request(Tue(10), 60, onBehalfByStaff: true), facts).ShouldFailWith(ErrorCodes.OutOfService);
    }

    [Fact]
    public void Check_ReturnedToService_Passes()
    {
        var facts = Facts();
        facts.Resource.TakeOutOfService("Laser tube replaced");
        facts.Resource.ReturnToService();
        BookingRules.Check(Request(Tue(10), 60), facts).ShouldPass();
    }

    // ---- DurationMustFitPolicy ----

    [Fact]
    public void Check_StartOffSlot_FailsDuration() =>
        BookingRules.Check(Request(Tue(10, 10), 30), Facts()).ShouldFailWith(ErrorCodes.Duration);

    [Fact]
    public void Check_StartOnSlot_Passes() =>
        BookingRules.Check(Request(Tue(10, 15), 30), Facts()).ShouldPass();

    [Fact]
    public void Check_DurationNotWholeSlots_FailsDuration() =>
        BookingRules.Check(Request(Tue(10), 20), Facts()).ShouldFailWith(ErrorCodes.Duration);

    [Fact]
    public void Check_ShorterThanMinimum_FailsDuration() =>
        BookingRules.Check(Request(Tue(10), 15), Facts(policy: Cutter with { MinDurationMinutes = 30 })).ShouldFailWith(ErrorCodes.Duration);

    [Fact]
    public void Check_ExactlyMinimum_Passes() =>
        BookingRules.Check(Request(Tue(10), 30), Facts(policy: Cutter with { MinDurationMinutes = 30 })).ShouldPass();

    [Fact]
    public void Check_LongerThanMaximum_FailsDuration() =>
        BookingRules.Check(Request(Tue(13), 135), Facts()).ShouldFailWith(ErrorCodes.Duration);

    [Fact]
    public void Check_ExactlyMaximum_Passes() =>
        BookingRules.Check(Request(Tue(13), 120), Facts()).ShouldPass();

    [Theory]
    [InlineData(10, 0, true)]  // 04:30 UTC: off the UTC hour, on the local hour
    [InlineData(10, 30, false)] // 05:00 UTC: on the UTC hour, off the local hour
    public void Check_HourSlotsInHalfHourZone_AlignedToLocalClock(int hour, int minute, bool passes)
    {
        var location = OpenDaily(Kolkata, 9, 18);
        var facts = TestData.Facts(location, KnownKinds.Room, Z(2026, 6, 1, 0), BookingPolicy.DefaultFor(KnownKinds.Room) with { SlotMinutes = 60, MinDurationMinutes = 60 });
        var result = BookingRules.Check(Request(Utc(Kolkata, 2026, 6, 2, hour, minute), 60), facts);
        if (passes)
        {
            result.ShouldPass();
        }
        else
        {
            result.ShouldFailWith(ErrorCodes.Duration);
        }
    }

    // ---- MustRespectLeadTime ----

    [Fact]
    public void Check_InsideLeadTime_FailsLeadTime() =>
        BookingRules.Check(Request(Tue(9, 15), 30), Facts(now: Tue(9))).ShouldFailWith(ErrorCodes.LeadTime);

    [Fact]
    public void Check_ExactlyLeadTimeAhead_Passes() =>
        BookingRules.Check(Request(Tue(9, 30), 30), Facts(now: Tue(9))).ShouldPass();

    [Fact]
    public void Check_AlreadyStarted_FailsLeadTime() =>
        BookingRules.Check(Request(Tue(9), 60), Facts(now: Tue(9, 5))).ShouldFailWith(ErrorCodes.LeadTime);

    [Fact]
    public void Check_StaffOnBehalfInsideLeadTime_Passes() =>
        BookingRules.Check(Request(Tue(9, 15), 30, onBehalfByStaff: true), Facts(now: Tue(9))).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfWalkInJustStarted_Passes() =>
        BookingRules.Check(Request(Tue(9), 60, onBehalfByStaff: true), Facts(now: Tue(9, 10))).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfLongOver_FailsLeadTime() =>
        BookingRules.Check(Request(Tue(9), 30, onBehalfByStaff: true), Facts(now: Tue(10))).ShouldFailWith(ErrorCodes.LeadTime);

    // ---- MustBeWithinAdvanceWindow ----

    [Fact]
    public void Check_BeyondAdvanceWindow_FailsAdvanceWindow() =>
        BookingRules.Check(Request(Utc(Berlin, 2026, 6, 15, 10), 60), Facts()).ShouldFailWith(ErrorCodes.AdvanceWindow);

    [Fact]
    public void Check_InsideAdvanceWindow_Passes() =>
        BookingRules.Check(Request(Utc(Berlin, 2026, 6, 12, 10), 60), Facts()).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfBeyondAdvanceWindow_Passes() =>
        BookingRules.Check(Request(Utc(Berlin, 2026, 7, 14, 10), 60, onBehalfByStaff: true), Facts()).ShouldPass();

    // ---- MustBeWithinOpeningHours ----

    [Theory]
    [InlineData(9, 0, 60)]
    [InlineData(11, 0, 60)]  // ends exactly at the lunch break
    [InlineData(13, 0, 120)] // starts exactly when the afternoon opens
    [InlineData(17, 0, 60)]  // ends exactly at closing
    public void Check_InsideOnePeriod_Passes(int hour, int minute, int minutes) =>
        BookingRules.Check(Request(Tue(hour, minute), minutes), Facts()).ShouldPass();

    [Theory]
    [InlineData(11, 30, 120)] // spans the lunch gap
    [InlineData(11, 45, 30)]  // runs into the lunch gap
    [InlineData(12, 15, 30)]  // inside the lunch gap
    [InlineData(8, 45, 30)]   // starts before opening
    [InlineData(17, 30, 60)]  // runs past closing
    public void Check_OutsideOnePeriod_FailsOutsideOpeningHours(int hour, int minute, int minutes) =>
        BookingRules.Check(Request(Tue(hour, minute), minutes), Facts()).ShouldFailWith(ErrorCodes.OutsideOpeningHours);

    [Fact]
    public void Check_OnAClosedWeekday_FailsOutsideOpeningHours() =>
        BookingRules.Check(Request(Utc(Berlin, 2026, 6, 7, 10), 60), Facts()).ShouldFailWith(ErrorCodes.OutsideOpeningHours);

    [Fact]
    public void Check_StaffOnBehalfOutsideHours_FailsOutsideOpeningHours() =>
        BookingRules.Check(Request(Tue(11, 30), 120, onBehalfByStaff: true), Facts()).ShouldFailWith(ErrorCodes.OutsideOpeningHours);

    [Fact]
    public void Check_UntilMidnightClosing_Passes()
    {
        var location = TestData.Branch(Berlin, Weekdays(18, 0));
        BookingRules.Check(Request(Tue(22), 120), Facts(location)).ShouldPass();
    }

    [Fact]
    public void Check_PastMidnightClosing_FailsOutsideOpeningHours()
    {
        var location = TestData.Branch(Berlin, Weekdays(18, 0));
        BookingRules.Check(Request(Tue(23), 120), Facts(location)).ShouldFailWith(ErrorCodes.OutsideOpeningHours);
    }

    // ---- MustAvoidClosures ----

    [Fact]
    public void Check_WholeDayClosure_FailsClosed()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2), new DateTime(2026, 6, 3), "Whit holiday");
        var refusal = BookingRules.Check(Request(Tue(10), 60), Facts(location)).ShouldFailWith(ErrorCodes.Closed);
        Assert.Equal("Whit holiday", refusal.Facts["reason"]);
    }

    [Fact]
    public void Check_DayAfterWholeDayClosure_Passes()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 1), new DateTime(2026, 6, 2), "Whit Monday");
        BookingRules.Check(Request(Tue(9), 60), Facts(location)).ShouldPass();
    }

    [Fact]
    public void Check_OverlapsPartialClosure_FailsClosed()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2, 15, 0, 0), new DateTime(2026, 6, 2, 18, 0, 0), "Staff meeting");
        BookingRules.Check(Request(Tue(14, 30), 60), Facts(location)).ShouldFailWith(ErrorCodes.Closed);
    }

    [Fact]
    public void Check_EndsWhenPartialClosureStarts_Passes()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2, 15, 0, 0), new DateTime(2026, 6, 2, 18, 0, 0), "Staff meeting");
        BookingRules.Check(Request(Tue(14), 60), Facts(location)).ShouldPass();
    }

    [Fact]
    public void Check_StaffOnBehalfDuringClosure_FailsClosed()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2), new DateTime(2026, 6, 3), "Whit holiday");
        BookingRules.Check(Request(Tue(10), 60, onBehalfByStaff: true), Facts(location)).ShouldFailWith(ErrorCodes.Closed);
    }

    // ---- MustAvoidMaintenance ----

    private static BookingFacts WithMaintenance(int fromHour, int toHour) =>
        Facts() with { Maintenance = [new MaintenanceWindow(new UtcInterval(Tue(fromHour), Tue(toHour)), "Mirror alignment")] };

    [Fact]
    public void Check_OverlapsMaintenance_FailsMaintenance()
    {
        var refusal = BookingRules.Check(Request(Tue(13, 30), 60), WithMaintenance(14, 16)).ShouldFailWith(ErrorCodes.Maintenance);
        Assert.Contains("Mirror alignment", refusal.ToString());
    }

    [Theory]
    [InlineData(13, 60)] // ends when maintenance starts
    [InlineData(16, 60)] // starts when maintenance ends
    public void Check_AdjacentToMaintenance_Passes(int hour, int minutes) =>
        BookingRules.Check(Request(Tue(hour), minutes), WithMaintenance(14, 16)).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfDuringMaintenance_FailsMaintenance() =>
        BookingRules.Check(Request(Tue(14), 60, onBehalfByStaff: true), WithMaintenance(14, 16)).ShouldFailWith(ErrorCodes.Maintenance);

    // ---- SlotMustBeFree ----

    /// <summary>Someone holds the cutter 10:00–11:00; with the cool-down it is blocked until 11:15.</summary>
    private static BookingFacts WithBookingTenToEleven(BookingPolicy? policy = null) =>
        Facts(policy: policy) with { Taken = [Taken(Tue(10), 60, (policy ?? Cutter).BufferAfterMinutes)] };

    [Fact]
    public void Check_StartsRightAtPreviousEndInsideCoolDown_FailsSlotTaken() =>
        BookingRules.Check(Request(Tue(11), 30), WithBookingTenToEleven()).ShouldFailWith(ErrorCodes.SlotTaken);

    [Fact]
    public void Check_StartsAtPreviousEndPlusBuffer_Passes() =>
        BookingRules.Check(Request(Tue(11, 15), 30), WithBookingTenToEleven()).ShouldPass();

    [Fact]
    public void Check_OwnCoolDownRunsIntoNextBooking_FailsSlotTaken() =>
        BookingRules.Check(Request(Tue(9), 60), WithBookingTenToEleven()).ShouldFailWith(ErrorCodes.SlotTaken);

    [Fact]
    public void Check_OwnCoolDownEndsAtNextBooking_Passes() =>
        BookingRules.Check(Request(Tue(9), 45), WithBookingTenToEleven()).ShouldPass();

    [Theory]
    [InlineData(10, 0, 60)]  // the same time
    [InlineData(10, 15, 15)] // inside it
    [InlineData(9, 30, 120)] // around it
    public void Check_OverlapsBooking_FailsSlotTaken(int hour, int minute, int minutes) =>
        BookingRules.Check(Request(Tue(hour, minute), minutes), WithBookingTenToEleven()).ShouldFailWith(ErrorCodes.SlotTaken);

    [Fact]
    public void Check_NoBufferStartsAtPreviousEnd_Passes() =>
        BookingRules.Check(Request(Tue(11), 30), WithBookingTenToEleven(Cutter with { BufferAfterMinutes = 0 })).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfOnTakenSlot_FailsSlotTaken() =>
        BookingRules.Check(Request(Tue(11), 30, onBehalfByStaff: true), WithBookingTenToEleven()).ShouldFailWith(ErrorCodes.SlotTaken);

    // ---- MustRespectActiveLimit ----

    [Fact]
    public void Check_AtActiveLimit_FailsQuota() =>
        BookingRules.Check(Request(Tue(10), 60), Facts() with { PatronActiveOfKind = 2 }).ShouldFailWith(ErrorCodes.Quota);

    [Fact]
    public void Check_BelowActiveLimit_Passes() =>
        BookingRules.Check(Request(Tue(10), 60), Facts() with { PatronActiveOfKind = 1 }).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfAtActiveLimit_Passes() =>
        BookingRules.Check(Request(Tue(10), 60, onBehalfByStaff: true), Facts() with { PatronActiveOfKind = 2 }).ShouldPass();

    [Fact]
    public void Check_NoActiveLimit_Passes() =>
        BookingRules.Check(Request(Tue(10), 60), Facts(policy: Cutter with { MaxActiveReservations = null }) with { PatronActiveOfKind = 50 }).ShouldPass();

    // ---- MustRespectWeeklyHours ----

    [Fact]
    public void Check_OverWeeklyHours_FailsQuota() =>
        BookingRules.Check(Request(Tue(10), 75), Facts() with { PatronMinutesInWeek = 180 }).ShouldFailWith(ErrorCodes.Quota);

    [Fact]
    public void Check_ExactlyWeeklyHours_Passes() =>
        BookingRules.Check(Request(Tue(10), 60), Facts() with { PatronMinutesInWeek = 180 }).ShouldPass();

    [Fact]
    public void Check_StaffOnBehalfOverWeeklyHours_Passes() =>
        BookingRules.Check(Request(Tue(10), 120, onBehalfByStaff: true), Facts() with { PatronMinutesInWeek = 240 }).ShouldPass();

    [Fact]
    public void Check_NoWeeklyLimit_Passes() =>
        BookingRules.Check(Request(Tue(10), 120), Facts(policy: Cutter with { MaxHoursPerWeek = null }) with { PatronMinutesInWeek = 10_000 }).ShouldPass();

    // ---- Blocked ----

    [Fact]
    public void Blocked_WithBuffer_EndsBufferLater() =>
        Assert.Equal(new UtcInterval(Tue(10), Tue(11, 15)), BookingRules.Blocked(new UtcInterval(Tue(10), Tue(11)), 15));
}
