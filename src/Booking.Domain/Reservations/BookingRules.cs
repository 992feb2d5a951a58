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
            : BookingRefusal.Of(ErrorCodes.Suspended, RefusalReasons.Suspended,
                ("kind", facts.KindName), ("until", Utc(suspension.EndsAtUtc)), ("reason", suspension.Reason), Zone(facts));

    public static BookingRefusal? EndMustFollowStart(BookingRequest request, BookingFacts facts) =>
        request.Interval.IsEmpty ? new(ErrorCodes.Validation, RefusalReasons.EndAfterStart) : null;

    public static BookingRefusal? ResourceMustBeInService(BookingRequest request, BookingFacts facts) =>
        facts.Resource.IsOutOfService
            ? BookingRefusal.Of(ErrorCodes.OutOfService, RefusalReasons.OutOfService, ("resource", facts.Resource.Name), ("reason", facts.Resource.OutOfServiceReason ?? ""))
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

        // Each missing certification is its own sentence (expiring or missing, with its next training after now).
        return missing.Count == 0
            ? null
            : BookingRefusal.Of(ErrorCodes.CertificationRequired, RefusalReasons.CertificationRequired, ("now", Utc(facts.NowUtc)), Zone(facts)) with { Certifications = missing };
    }

    public static BookingRefusal? DurationMustFitPolicy(BookingRequest request, BookingFacts facts)
    {
        var policy = facts.Policy;
        var minutes = request.Interval.Duration.TotalMinutes;
        if (minutes < policy.MinDurationMinutes || minutes > policy.MaxDurationMinutes)
        {
            return BookingRefusal.Of(ErrorCodes.Duration, RefusalReasons.DurationRange, ("resource", facts.Resource.Name),
                ("min", TimeSpan.FromMinutes(policy.MinDurationMinutes)), ("max", TimeSpan.FromMinutes(policy.MaxDurationMinutes)), ("asked", request.Interval.Duration));
        }

        var localStart = LocalCalendar.ToLocal(request.Interval.Start, facts.Location.TimeZone);
        var startMinute = localStart.TimeOfDay.TotalMinutes;
        if (startMinute % policy.SlotMinutes != 0 || minutes % policy.SlotMinutes != 0)
        {
            return BookingRefusal.Of(ErrorCodes.Duration, RefusalReasons.DurationSteps, ("resource", facts.Resource.Name),
                ("step", TimeSpan.FromMinutes(policy.SlotMinutes)), ("stepMinutes", policy.SlotMinutes));
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
                ? new(ErrorCodes.LeadTime, RefusalReasons.LeadTimeOver)
                : null;
        }

        if (start < facts.NowUtc)
        {
            return new(ErrorCodes.LeadTime, RefusalReasons.LeadTimeStarted);
        }

        return start < facts.NowUtc.AddMinutes(facts.Policy.LeadTimeMinutes)
            ? BookingRefusal.Of(ErrorCodes.LeadTime, RefusalReasons.LeadTimeAhead, ("resource", facts.Resource.Name), ("lead", TimeSpan.FromMinutes(facts.Policy.LeadTimeMinutes)))
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
            ? BookingRefusal.Of(ErrorCodes.AdvanceWindow, RefusalReasons.AdvanceWindow, ("resource", facts.Resource.Name), ("ahead", TimeSpan.FromDays(days)))
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
        return hours.Count == 0
            ? BookingRefusal.Of(ErrorCodes.OutsideOpeningHours, RefusalReasons.ClosedThatDay, ("location", facts.Location.Name), ("day", localStart.DayOfWeek))
            : BookingRefusal.Of(ErrorCodes.OutsideOpeningHours, RefusalReasons.OpenHours, ("location", facts.Location.Name), ("day", localStart.DayOfWeek), ("hours", hours));
    }

    public static BookingRefusal? MustAvoidClosures(BookingRequest request, BookingFacts facts)
    {
        var zone = facts.Location.TimeZone;
        foreach (var closure in facts.Location.Closures)
        {
            var closed = new UtcInterval(LocalCalendar.ToUtc(closure.StartsLocal, zone), LocalCalendar.ToUtc(closure.EndsLocal, zone));
            if (closed.Overlaps(request.Interval))
            {
                // The closure's own local times (unspecified kind): shown as they were entered.
                return BookingRefusal.Of(ErrorCodes.Closed, RefusalReasons.Closed, ("location", facts.Location.Name),
                    ("from", DateTime.SpecifyKind(closure.StartsLocal, DateTimeKind.Unspecified)), ("to", DateTime.SpecifyKind(closure.EndsLocal, DateTimeKind.Unspecified)), ("reason", closure.Reason));
            }
        }

        return null;
    }

    public static BookingRefusal? MustAvoidMaintenance(BookingRequest request, BookingFacts facts)
    {
        var block = facts.Maintenance.FirstOrDefault(m => m.Interval.Overlaps(request.Interval));
        return block is null
            ? null
            : BookingRefusal.Of(ErrorCodes.Maintenance, RefusalReasons.Maintenance, ("resource", facts.Resource.Name),
                ("from", Utc(block.Interval.Start)), ("to", Utc(block.Interval.End)), ("reason", block.Reason), Zone(facts));
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
        var from = TimeOnly.FromDateTime(LocalCalendar.ToLocal(clash.Start, zone));
        var to = TimeOnly.FromDateTime(LocalCalendar.ToLocal(clash.End, zone));
        return facts.Policy.BufferAfterMinutes > 0
            ? BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.SlotTakenWithBuffer, ("resource", facts.Resource.Name), ("from", from), ("to", to),
                ("buffer", TimeSpan.FromMinutes(facts.Policy.BufferAfterMinutes)))
            : BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.SlotTaken, ("resource", facts.Resource.Name), ("from", from), ("to", to));
    }

    public static BookingRefusal? MustRespectActiveLimit(BookingRequest request, BookingFacts facts)
    {
        if (request.OnBehalfByStaff || facts.Policy.MaxActiveReservations is not { } max)
        {
            return null;
        }

        return facts.PatronActiveOfKind >= max
            ? BookingRefusal.Of(ErrorCodes.Quota, facts.PatronActiveOfKind == 1 ? RefusalReasons.ActiveLimitOne : RefusalReasons.ActiveLimit,
                ("held", facts.PatronActiveOfKind), ("max", max))
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
            ? BookingRefusal.Of(ErrorCodes.Quota, RefusalReasons.WeeklyHours, ("total", TimeSpan.FromMinutes(after)), ("limit", TimeSpan.FromHours(maxHours)),
                ("left", TimeSpan.FromMinutes(Math.Max(0, (maxHours * 60) - facts.PatronMinutesInWeek))))
            : null;
    }

    private static (string, object) Zone(BookingFacts facts) => (BookingRefusal.ZoneFact, facts.Location.TimeZoneId);

    private static DateTime Utc(DateTime instant) => DateTime.SpecifyKind(instant, DateTimeKind.Utc);
}
