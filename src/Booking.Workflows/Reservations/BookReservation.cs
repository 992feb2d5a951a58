using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Workflows.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Workflows.Reservations;

/// <summary>A request to book, from the API or a page. <see cref="PatronId"/> is set by staff booking on someone's behalf;
/// <see cref="SeriesId"/> is set for a date of a series (<see cref="BookSeries"/>).</summary>
public sealed record BookReservationInput(Guid ResourceId, DateTimeOffset Start, DateTimeOffset End, string? Notes, Guid? PatronId, Guid? SeriesId = null)
{
    /// <summary>Set when a partner's staff member books for a client: the partner's limits are one more rule.</summary>
    public PartnerBooking? Partner { get; init; }
}

/// <summary>
/// A booking a partner organisation's staff member makes for a client. The partner's weekly hours are checked under the
/// booking's locks (two staff booking for one client at once cannot both slip under them) and the audit entry is
/// written with the reservation.
/// </summary>
public sealed record PartnerBooking(Guid StaffId, string PartnerName, PartnerLimits Limits);

/// <summary>Either the new reservation or the reason it could not be made.</summary>
public sealed record BookingOutcome(Reservation? Reservation, BookingRefusal? Refusal)
{
    /// <summary>What the rules saw, when they passed (for an override check).</summary>
    public BookingFacts? Facts { get; init; }

    /// <summary>The branch's zone, to show a refusal's times (next trainings) in local time.</summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>
    /// What was booked (or asked for, on a refusal once the resource was found), so the answer is drawn without
    /// reading the reservation back.
    /// </summary>
    public BookingSubject? Subject { get; init; }

    public string? PatronEmail { get; init; }

    public static BookingOutcome Refused(BookingRefusal refusal) => new(null, refusal);

    public static BookingOutcome Refused(string code, string reason) => new(null, new BookingRefusal(code, reason));
}

/// <summary>Books a resource: checks every rule and writes the reservation in one write transaction.</summary>
public sealed class BookReservation(BookingDbContext db, BookingSubjects subjects, RefusalCounts refusals, TimeProvider clock, MakerspaceMetrics metrics, ILogger<BookReservation> logger)
{
    /// <summary>Books, or says why not; every outcome is counted (bookings made by kind, refusals by code and kind).</summary>
    public async Task<BookingOutcome> HandleAsync(Guid actorId, bool actorIsStaff, BookReservationInput input, CancellationToken ct)
    {
        var outcome = await BookAsync(actorId, actorIsStaff, input, ct);
        if (outcome.Reservation is { } made)
        {
            metrics.BookingMade(made.KindCode);
        }
        else if (outcome.Refusal is { } refusal)
        {
            metrics.BookingRefused(refusal.Code, outcome.Subject?.Kind.Code);
        }

        return outcome;
    }

    private async Task<BookingOutcome> BookAsync(Guid actorId, bool actorIsStaff, BookReservationInput input, CancellationToken ct)
    {
        var patronId = input.PatronId ?? actorId;
        var onBehalf = patronId != actorId;
        if (onBehalf && !actorIsStaff)
        {
            return BookingOutcome.Refused(ErrorCodes.Forbidden, RefusalReasons.OnlyStaffOnBehalf);
        }

        if (input.End <= input.Start)
        {
            return BookingOutcome.Refused(ErrorCodes.Validation, RefusalReasons.EndAfterStart);
        }

        if (NotesTooLong(input.Notes) is { } tooLong)
        {
            return tooLong;
        }

        var (subject, stamp) = await subjects.FindAsync(db, input.ResourceId, ct);
        if (subject is null)
        {
            return BookingOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoResource);
        }

        var request = new BookingRequest(patronId, new UtcInterval(input.Start.UtcDateTime, input.End.UtcDateTime), onBehalf);
        if (input.Partner?.Limits.Check(subject.Resource.KindCode, request.Interval, 0) is { } outsideLimits)
        {
            // A kind the partner may not book, or more hours than a week allows: no need to read or lock anything.
            return BookingOutcome.Refused(outsideLimits) with { Subject = subject };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await BookAsync(actorId, subject, stamp, request, input, now, ct);
        if (outcome.Refusal is { } refusal && IsDemand(refusal.Code))
        {
            CountRefusal(outcome.Subject ?? subject, refusal.Code, now);
        }

        return outcome;
    }

    /// <summary>Refusals that say something about demand: a rule, not a typo (bad input, an unknown patron, a missing role).</summary>
    private static bool IsDemand(string code) => code is not (ErrorCodes.Validation or ErrorCodes.NotFound or ErrorCodes.Forbidden);

    /// <summary>Counted on this node and written with the next few seconds' refusals (<see cref="RefusalCounts"/>): no statement of its own.</summary>
    private void CountRefusal(BookingSubject subject, string code, DateTime now) =>
        refusals.Add(DateOnly.FromDateTime(LocalCalendar.ToLocal(now, subject.Location.TimeZone)), subject.Location.Id, subject.Resource.KindCode, code);

    private async Task<BookingOutcome> BookAsync(Guid actorId, BookingSubject subject, string? stamp, BookingRequest request, BookReservationInput input, DateTime now, CancellationToken ct)
    {
        // One connection from the first read to the commit. The pool has a few connections for many requests at once;
        // given back between the unlocked read and the transaction, a booking that goes ahead would wait in the pool's
        // queue twice, a refusal once (session 21: the bookings that went ahead were the p99 tail at 32 clients).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await DecideAndWriteAsync(actorId, subject, stamp, request, input, now, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<BookingOutcome> DecideAndWriteAsync(Guid actorId, BookingSubject subject, string? stamp, BookingRequest request, BookReservationInput input, DateTime now, CancellationToken ct)
    {
        var onBehalf = request.OnBehalfByStaff;

        // First without a transaction or locks: most refusals (a slot just taken, a quota reached) are decided
        // here in one read, and a refusal made on one consistent snapshot is as true as one made under the locks.
        // The subject may be this node's copy: when the catalogue changed since, it is read again and so are the facts.
        var unlocked = await BookingFactsReader.ReadForBookingAsync(db, subject, request, now, ct);
        if (unlocked.CatalogueStamp != stamp)
        {
            (var current, stamp) = await subjects.ReadAsync(db, subject.Resource.Id, ct);
            if (current is null)
            {
                return BookingOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoResource);
            }

            subject = current;
            unlocked = await BookingFactsReader.ReadForBookingAsync(db, subject, request, now, ct);
        }

        if (Refusal(subject, request, unlocked) is { } early)
        {
            return early;
        }

        // Then under the locks, where it counts: what is read here decides a booking that is written.
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourceAndPatronAsync(subject.Resource.Id, request.PatronId, ct);

        var read = await BookingFactsReader.ReadForBookingAsync(db, subject, request, now, ct);
        if (read.CatalogueStamp != stamp)
        {
            // Changed in the moment between the two reads: decide on the subject as it is now.
            var (current, _) = await subjects.ReadAsync(db, subject.Resource.Id, ct);
            if (current is null)
            {
                return BookingOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoResource);
            }

            subject = current;
            read = await BookingFactsReader.ReadForBookingAsync(db, subject, request, now, ct);
        }

        if (Refusal(subject, request, read) is { } refused)
        {
            return refused;
        }

        if (input.Partner is { } partner && await PartnerRefusalAsync(partner, subject, request, ct) is { } overLimits)
        {
            return overLimits;
        }

        var outcome = Add(subject, request, read.Facts, actorId, input.Notes, now, null, input.SeriesId) with { Subject = subject, PatronEmail = read.Patron!.Email };
        if (input.Partner is { } booker)
        {
            db.AuditLog.Add(new AuditEntry(booker.StaffId, "partner.book", $"reservation:{outcome.Reservation!.Id}", $"Booked for a client of {booker.PartnerName}.", now));
        }

        if (onBehalf)
        {
            // What a patron could not have booked themselves is an override, and staff answer for it.
            var reservation = outcome.Reservation!;
            var wouldRefuse = BookingRules.Check(request with { OnBehalfByStaff = false }, outcome.Facts!);
            var details = wouldRefuse is null
                ? "Booked on behalf of the patron."
                : $"Booked on behalf of the patron, overriding {wouldRefuse.Code}: {wouldRefuse}";
            db.AuditLog.Add(new AuditEntry(actorId, wouldRefuse is null ? "reservation.on-behalf" : "reservation.override", $"reservation:{reservation.Id}", details, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (WriteTransaction.IsOverlapViolation(e))
        {
            db.ChangeTracker.Clear();
            return BookingOutcome.Refused(BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.JustBooked, ("resource", subject.Resource.Name))) with { Subject = subject };
        }

        return outcome;
    }

    /// <summary>
    /// The partner's limits against the hours the client holds that local week, every kind counted (read under the
    /// patron's lock); null when the booking stays within them.
    /// </summary>
    private async Task<BookingOutcome?> PartnerRefusalAsync(PartnerBooking partner, BookingSubject subject, BookingRequest request, CancellationToken ct)
    {
        var week = LocalCalendar.WeekOf(request.Interval.Start, subject.Location.TimeZone);
        var held = await db.Reservations.AsNoTracking()
            .Where(ReservationFilters.CountsTowardQuota)
            .Where(r => r.PatronId == request.PatronId && r.StartsAtUtc >= week.Start && r.StartsAtUtc < week.End)
            .Select(r => new { r.StartsAtUtc, r.EndsAtUtc })
            .ToListAsync(ct);
        var hours = held.Sum(r => (r.EndsAtUtc - r.StartsAtUtc).TotalHours);
        return partner.Limits.Check(subject.Resource.KindCode, request.Interval, hours) is { } refusal
            ? new BookingOutcome(null, refusal) { Zone = subject.Location.TimeZone, Subject = subject }
            : null;
    }

    /// <summary>Why this read refuses the booking (no such patron, a rule), or null when it may go ahead.</summary>
    private BookingOutcome? Refusal(BookingSubject subject, BookingRequest request, BookingRead read)
    {
        if (read.Patron is null)
        {
            return BookingOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoPatron) with { Subject = subject };
        }

        if (BookingRules.Check(request, read.Facts) is { } refusal)
        {
            logger.LogDebug("Booking of {ResourceId} refused: {Code}", subject.Resource.Id, refusal.Code);
            return new BookingOutcome(null, refusal) { Zone = subject.Location.TimeZone, Subject = subject };
        }

        return null;
    }

    /// <summary>
    /// Checks every rule and, when they pass, adds the reservation to the unit of work without saving.
    /// The caller holds a <see cref="WriteTransaction"/> with the resource (and patron) locked, and saves.
    /// Sessions reserve their room and desks through here, so they obey the same rules as bookings.
    /// </summary>
    public async Task<BookingOutcome> AddIfAllowedAsync(BookingSubject subject, BookingRequest request, Guid actorId, string? notes, DateTime now, BookingPolicy? policy, CancellationToken ct)
    {
        if (NotesTooLong(notes) is { } tooLong)
        {
            return tooLong;
        }

        var facts = await BookingFactsReader.ReadAsync(db, subject, request, now, ct);
        return AddIfAllowed(subject, request, facts, actorId, notes, now, policy);
    }

    private static BookingOutcome? NotesTooLong(string? notes) => notes is { Length: > Reservation.MaxNotesLength }
        ? BookingOutcome.Refused(BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.NotesTooLong, ("max", Reservation.MaxNotesLength)))
        : null;

    private BookingOutcome AddIfAllowed(BookingSubject subject, BookingRequest request, BookingFacts facts, Guid actorId, string? notes, DateTime now, BookingPolicy? policy)
    {
        if (BookingRules.Check(request, facts) is { } refusal)
        {
            logger.LogDebug("Booking of {ResourceId} refused: {Code}", subject.Resource.Id, refusal.Code);
            return new BookingOutcome(null, refusal) { Zone = subject.Location.TimeZone };
        }

        return Add(subject, request, facts, actorId, notes, now, policy);
    }

    private BookingOutcome Add(BookingSubject subject, BookingRequest request, BookingFacts facts, Guid actorId, string? notes, DateTime now, BookingPolicy? policy, Guid? seriesId = null)
    {
        var reservation = Reservation.Book(subject.Resource, policy ?? subject.Policy, request, actorId, notes, now, seriesId);
        db.Reservations.Add(reservation);
        return new BookingOutcome(reservation, null) { Facts = facts };
    }
}
