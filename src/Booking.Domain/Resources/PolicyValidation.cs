using Booking.Domain.Common;

namespace Booking.Domain.Resources;

/// <summary>Refuses policies that could never be booked or make no sense.</summary>
public static class PolicyValidation
{
    public static BookingPolicy Checked(BookingPolicy p)
    {
        var problems = new List<string>();
        if (p.SlotMinutes is < 5 or > 1440 || 1440 % p.SlotMinutes != 0)
        {
            problems.Add("slot granularity must divide a day (5 to 1440 minutes, e.g. 15, 30, 60)");
        }

        // Only divide by a usable slot; a zero slot was reported above.
        if (p.SlotMinutes > 0 && (p.MinDurationMinutes < p.SlotMinutes || p.MinDurationMinutes % p.SlotMinutes != 0))
        {
            problems.Add("minimum duration must be a whole number of slots");
        }

        if (p.MaxDurationMinutes < p.MinDurationMinutes || p.MaxDurationMinutes > 14 * 1440)
        {
            problems.Add("maximum duration must be at least the minimum and at most 14 days");
        }

        if (p.BufferAfterMinutes is < 0 or > 1440)
        {
            problems.Add("buffer after must be 0 to 1440 minutes");
        }

        if (p.LeadTimeMinutes is < 0 or > 60 * 24 * 30)
        {
            problems.Add("lead time must be 0 to 30 days");
        }

        if (p.AdvanceWindowDays is < 1 or > 730)
        {
            problems.Add("advance window must be 1 to 730 days");
        }

        if (p.MaxActiveReservations is < 1)
        {
            problems.Add("max active reservations must be at least 1 (or empty for no limit)");
        }

        if (p.MaxHoursPerWeek is < 1 or > 168)
        {
            problems.Add("max hours per week must be 1 to 168 (or empty for no limit)");
        }

        if (p.CheckInOpensMinutesBefore is < 0 or > 1440 || p.NoShowGraceMinutes is < 0 or > 1440)
        {
            problems.Add("check-in window and no-show grace must be 0 to 1440 minutes");
        }

        if (problems.Count > 0)
        {
            throw new DomainException(ErrorCodes.Validation, "The booking policy is not usable: " + string.Join("; ", problems) + ".");
        }

        return p;
    }
}
