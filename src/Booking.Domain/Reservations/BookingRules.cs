using System.Globalization;
using Booking.Domain.Certifications;
using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>
/// Every rule a booking must pass, each a small named check. The first refusal wins, in the order
/// of <see cref="All"/>: what is wrong with the request itself before what is wrong with the time.
/// A missing certification comes right after the resource's own state, so an uncertified patron
/// learns how to get certified rather than a policy detail they could fix and still be refused.
/// </summary>
public static class BookingRules
{
    /// <summary>A rule's name (for tests and logs) and its check.</summary>
    public sealed record Rule(string Name, Func<BookingRequest, BookingFacts, BookingRefusal?> Check);

    public static readonly IReadOnlyList<Rule> All =
    [
        new(nameof(PatronMustNotBeSuspended), PatronMustNotBeSuspended),
        new(nameof(EndMustFollowStart), EndMustFollowStart),
        new(nameof(ResourceMustBeInService), ResourceMustBeInService),
        new(nameof(CertificationMustBeValidThroughEnd), CertificationMustBeValidThroughEnd),
        new(nameof(DurationMustFitPolicy), DurationMustFitPolicy),
        new(nameof(MustRespectLeadTime), MustRespectLeadTime),
        new(nameof(MustBeWithinAdvanceWindow), MustBeWithinAdvanceWindow),
        new(nameof(MustBeWithinOpeningHours), MustBeWithinOpeningHours),
        new(nameof(MustAvoidClosures), MustAvoidClosures),
        new(nameof(MustAvoidMaintenance), MustAvoidMaintenance),
        new(nameof(SlotMustBeFree), SlotMustBeFree),
        new(nameof(MustRespectActiveLimit), MustRespectActiveLimit),
        new(nameof(MustRespectWeeklyHours), MustRespectWeeklyHours),
    ];

    /// <summary>The first refusal, or null when every rule passes.</summary>
    public static BookingRefusal? Check(BookingRequest request, BookingFacts facts)
    {
        foreach (var rule in All)
        {
            if (rule.Check(request, facts) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The blocked span of a booking: its time plus the buffer after it.</summary>
    public static UtcInterval Blocked(UtcInterval interval, int bufferAfterMinutes) =>
        new(interval.Start, interval.End.AddMinutes(bufferAfterMinutes));

    /// <summary>Too many no-shows of this kind: no new bookings of it until the suspension ends (staff may still book on the patron's behalf).</summary>
    public static BookingRefusal? PatronMustNotBeSuspended(BookingRequest request, BookingFacts facts) =>
        request.OnBehalfByStaff || facts.Suspension is not { } suspension
            ? null
            : new BookingRefusal(ErrorCodes.Suspended,
                $"You cannot book {facts.KindName} until {LocalCalendar.Describe(suspension.EndsAtUtc, facts.Location.TimeZone)} ({facts.Location.TimeZoneId}): {suspension.Reason} Staff at the desk can lift this.");

    public static BookingRefusal? EndMustFollowStart(BookingRequest request, BookingFacts facts) =>
        request.Interval.IsEmpty ? new(ErrorCodes.Validation, "The end must be after the start.") : null;

    public static BookingRefusal? ResourceMustBeInService(BookingRequest request, BookingFacts facts) =>
        facts.Resource.IsOutOfService
            ? new(ErrorCodes.OutOfService, $"{facts.Resource.Name} is out of service: {facts.Resource.OutOfServiceReason}")
            : null;

    /// <summary>Every certification the resource requires must be held, unrevoked, until at least the booking's end.</summary>
    public static BookingRefusal? CertificationMustBeValidThroughEnd(BookingRequest request, BookingFacts facts)
    {
        var missing = new List<MissingCertification>();
        foreach (var required in facts.RequiredCertifications)
        {
            var held = facts.HeldCertifications.Where(h => h.CertificationId == required.Id).ToList();
            if (held.Any(h => h.ExpiresAtUtc is null || request.Interval.End <= h.ExpiresAtUtc))
            {
                continue;
            }

            missing.Add(new MissingCertification(required, held.Max(h => h.ExpiresAtUtc)));
        }

        if (missing.Count == 0)
        {
            return null;
        }

        var zone = facts.Location.TimeZone;
        var sentences = missing.Select(m =>
        {
            var said = m.ExpiresAtUtc is { } expires
                ? $"Your {m.Certification.Name} certification expires {Short(expires, zone)}, before this booking ends"
                : $"{m.Certification.Name} is required";
            var next = m.Certification.NextTrainings.FirstOrDefault(t => t.StartsAtUtc > facts.NowUtc);
            var how = next is null
                ? "no training is scheduled yet; ask staff at the makerspace desk"
                : $"next training {Short(next.StartsAtUtc, zone)}";
            return $"{said}: {how}.";
        });
        return new BookingRefusal(ErrorCodes.CertificationRequired, string.Join(" ", sentences)) { Certifications = missing };
    }

    public static BookingRefusal? DurationMustFitPolicy(BookingRequest request, BookingFacts facts)
    {
        var policy = facts.Policy;
        var minutes = request.Interval.Duration.TotalMinutes;
        if (minutes < policy.MinDurationMinutes || minutes > policy.MaxDurationMinutes)
        {
            return new(ErrorCodes.Duration,
                $"{facts.Resource.Name} can be booked for {Minutes(policy.MinDurationMinutes)} to {Minutes(policy.MaxDurationMinutes)}; you asked for {Minutes(minutes)}.");
        }

        var localStart = LocalCalendar.ToLocal(request.Interval.Start, facts.Location.TimeZone);
        var startMinute = localStart.TimeOfDay.TotalMinutes;
        if (startMinute % policy.SlotMinutes != 0 || minutes % policy.SlotMinutes != 0)
        {
            return new(ErrorCodes.Duration,
                $"{facts.Resource.Name} is booked in steps of {Minutes(policy.SlotMinutes)}: start on the hour or a multiple of {policy.SlotMinutes} minutes after it, and book whole steps.");
        }

        return null;
    }

    public static BookingRefusal? MustRespectLeadTime(BookingRequest request, BookingFacts facts)
    {
        var start = request.Interval.Start;
        if (request.OnBehalfByStaff)
        {
            // Staff may record a walk-in that has just started, but nothing further in the past.
            return start < facts.NowUtc.AddMinutes(-facts.Policy.SlotMinutes)
                ? new(ErrorCodes.LeadTime, "That time is already over.")
                : null;
        }

        if (start < facts.NowUtc)
        {
            return new(ErrorCodes.LeadTime, "That time has already started; choose a later one.");
        }

        return start < facts.NowUtc.AddMinutes(facts.Policy.LeadTimeMinutes)
            ? new(ErrorCodes.LeadTime, $"{facts.Resource.Name} must be booked at least {Minutes(facts.Policy.LeadTimeMinutes)} ahead.")
            : null;
    }

    public static BookingRefusal? MustBeWithinAdvanceWindow(BookingRequest request, BookingFacts facts)
    {
        if (request.OnBehalfByStaff)
        {
            return null;
        }

        var days = facts.Policy.AdvanceWindowDays;
        return request.Interval.Start > facts.NowUtc.AddDays(days)
            ? new(ErrorCodes.AdvanceWindow, $"{facts.Resource.Name} can be booked at most {days} days ahead.")
            : null;
    }

    public static BookingRefusal? MustBeWithinOpeningHours(BookingRequest request, BookingFacts facts)
    {
        var zone = facts.Location.TimeZone;
        var localStart = LocalCalendar.ToLocal(request.Interval.Start, zone);
        var localEnd = LocalCalendar.ToLocal(request.Interval.End, zone);
        var startTime = TimeOnly.FromDateTime(localStart);

        // Closing at midnight is written 00:00 of the next day; compare it as the day's end.
        var sameDay = localEnd.Date == localStart.Date;
        var endsAtMidnight = localEnd.Date == localStart.Date.AddDays(1) && localEnd.TimeOfDay == TimeSpan.Zero;
        if (sameDay || endsAtMidnight)
        {
            var endTime = endsAtMidnight ? TimeOnly.MaxValue : TimeOnly.FromDateTime(localEnd);
            foreach (var open in facts.Location.OpeningHours)
            {
                var closes = open.Closes == TimeOnly.MinValue ? TimeOnly.MaxValue : open.Closes;
                if (open.Day == localStart.DayOfWeek && startTime >= open.Opens && endTime <= closes)
                {
                    return null;
                }
            }
        }

        var hours = facts.Location.OpeningHours.Where(h => h.Day == localStart.DayOfWeek).ToList();
        var said = hours.Count == 0
            ? $"{facts.Location.Name} is closed on {localStart.DayOfWeek}s"
            : $"{facts.Location.Name} is open on {localStart.DayOfWeek}s {string.Join(" and ", hours.Select(h => $"{h.Opens:HH\\:mm}–{h.Closes:HH\\:mm}"))}";
        return new(ErrorCodes.OutsideOpeningHours, $"{said}; a booking must lie inside one opening period.");
    }

    public static BookingRefusal? MustAvoidClosures(BookingRequest request, BookingFacts facts)
    {
        var zone = facts.Location.TimeZone;
        foreach (var closure in facts.Location.Closures)
        {
            var closed = new UtcInterval(LocalCalendar.ToUtc(closure.StartsLocal, zone), LocalCalendar.ToUtc(closure.EndsLocal, zone));
            if (closed.Overlaps(request.Interval))
            {
                return new(ErrorCodes.Closed,
                    $"{facts.Location.Name} is closed from {closure.StartsLocal.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} to {closure.EndsLocal.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}: {closure.Reason}.");
            }
        }

        return null;
    }

    public static BookingRefusal? MustAvoidMaintenance(BookingRequest request, BookingFacts facts)
    {
        var zone = facts.Location.TimeZone;
        var block = facts.Maintenance.FirstOrDefault(m => m.Interval.Overlaps(request.Interval));
        return block is null
            ? null
            : new(ErrorCodes.Maintenance,
                $"{facts.Resource.Name} is blocked for maintenance from {LocalCalendar.Describe(block.Interval.Start, zone)} to {LocalCalendar.Describe(block.Interval.End, zone)}: {block.Reason}.");
    }

    public static BookingRefusal? SlotMustBeFree(BookingRequest request, BookingFacts facts)
    {
        var wanted = Blocked(request.Interval, facts.Policy.BufferAfterMinutes);
        var clash = facts.Taken.Where(t => t.Overlaps(wanted)).OrderBy(t => t.Start).FirstOrDefault();
        if (clash == default)
        {
            return null;
        }

        var zone = facts.Location.TimeZone;
        var buffer = facts.Policy.BufferAfterMinutes > 0 ? $" (including {Minutes(facts.Policy.BufferAfterMinutes)} kept free after each booking)" : "";
        return new(ErrorCodes.SlotTaken,
            $"{facts.Resource.Name} is already booked from {LocalCalendar.Clock(clash.Start, zone)} to {LocalCalendar.Clock(clash.End, zone)}{buffer}. You can join the waiting list for this time.");
    }

    public static BookingRefusal? MustRespectActiveLimit(BookingRequest request, BookingFacts facts)
    {
        if (request.OnBehalfByStaff || facts.Policy.MaxActiveReservations is not { } max)
        {
            return null;
        }

        return facts.PatronActiveOfKind >= max
            ? new(ErrorCodes.Quota, $"You already hold {facts.PatronActiveOfKind} upcoming bookings of this kind; the limit is {max}. Cancel one or wait until one is over.")
            : null;
    }

    public static BookingRefusal? MustRespectWeeklyHours(BookingRequest request, BookingFacts facts)
    {
        if (request.OnBehalfByStaff || facts.Policy.MaxHoursPerWeek is not { } maxHours)
        {
            return null;
        }

        var after = facts.PatronMinutesInWeek + request.Interval.Duration.TotalMinutes;
        return after > maxHours * 60
            ? new(ErrorCodes.Quota, $"This would make {Minutes(after)} of this kind in one week (Monday to Sunday); the limit is {maxHours} hours. You have {Minutes(Math.Max(0, (maxHours * 60) - facts.PatronMinutesInWeek))} left that week.")
            : null;
    }

    private static string Short(DateTime utc, TimeZoneInfo zone) =>
        LocalCalendar.ToLocal(utc, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string Minutes(double minutes)
    {
        if (minutes % 60 == 0)
        {
            var hours = (int)(minutes / 60);
            return hours == 1 ? "1 hour" : $"{hours} hours";
        }

        return minutes < 60 ? $"{minutes:0} minutes" : $"{Math.Floor(minutes / 60):0} h {minutes % 60:0} min";
    }
}
