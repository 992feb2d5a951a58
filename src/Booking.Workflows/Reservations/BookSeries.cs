using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>A series to book: the resource, the plan, notes for every date, and the patron (null: the staff member themselves).</summary>
public sealed record BookSeriesInput(Guid ResourceId, SeriesPlan Plan, string? Notes, Guid? PatronId);

/// <summary>One planned date and what became of it: its reservation, or the refusal.</summary>
public sealed record SeriesDateOutcome(SeriesOccurrence Occurrence, Reservation? Reservation, BookingRefusal? Refusal);

/// <summary>The series with each date's outcome, or why nothing was written (<see cref="Refusal"/>).</summary>
public sealed record SeriesOutcome(ReservationSeries? Series, IReadOnlyList<SeriesDateOutcome> Dates, BookingRefusal? Refusal, BookingSubject? Subject)
{
    public static SeriesOutcome Refused(BookingRefusal refusal) => new(null, [], refusal, null);

    public static SeriesOutcome Refused(string code, string reason) => Refused(new BookingRefusal(code, reason));
}

/// <summary>
/// Books a series for staff: each date through <see cref="BookReservation"/>, so every rule of a single booking holds
/// (hours, closures, conflicts, certifications, maintenance, suspension; staff's overrides of lead time, advance
/// window and quotas, audited per date as for one booking).
/// </summary>
public sealed class BookSeries(BookingDbContext db, BookReservation booking, TimeProvider clock)
{
    public async Task<SeriesOutcome> HandleAsync(Actor actor, BookSeriesInput input, CancellationToken ct)
    {
        if (!actor.IsStaff)
        {
            return SeriesOutcome.Refused(ErrorCodes.Forbidden, RefusalReasons.OnlyStaffSeries);
        }

        if (input.Plan.Problems() is [var (_, message), ..])
        {
            return SeriesOutcome.Refused(BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.SeriesPlan, ("problem", message)));
        }

        if (input.Notes is { Length: > Reservation.MaxNotesLength })
        {
            return SeriesOutcome.Refused(BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.NotesTooLong, ("max", Reservation.MaxNotesLength)));
        }

        var subject = await BookingSubject.LoadAsync(db, input.ResourceId, ct);
        if (subject is null)
        {
            return SeriesOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoResource);
        }

        var patronId = input.PatronId ?? actor.Id;
        if (!await db.Users.AnyAsync(u => u.Id == patronId, ct))
        {
            return SeriesOutcome.Refused(ErrorCodes.NotFound, RefusalReasons.NoPatron);
        }

        // Each date is its own transaction, after the series row is committed: one refused or raced date never undoes
        // the others, no lock is held across 52 bookings, and the racing guarantees are exactly a single booking's.
        // A crash part-way leaves the series with fewer reservations and no CompletedAtUtc: its page shows those dates
        // as "not booked" (never a reservation without its series, which the foreign key forbids anyway).
        var series = ReservationSeries.Plan(subject.Resource.Id, patronId, actor.Id, input.Plan, clock.GetUtcNow().UtcDateTime);
        db.ReservationSeries.Add(series);
        await db.SaveChangesAsync(ct);

        var outcomes = new List<SeriesDateOutcome>();
        foreach (var occurrence in input.Plan.Occurrences(subject.Location.TimeZone))
        {
            if (occurrence.Interval is not { } interval)
            {
                outcomes.Add(new SeriesDateOutcome(occurrence, null, BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.ClocksGoForward,
                    ("start", TimeOnly.FromDateTime(occurrence.StartLocal)), ("end", TimeOnly.FromDateTime(occurrence.EndLocal)))));
                continue;
            }

            var outcome = await booking.HandleAsync(actor.Id, actor.IsStaff, new BookReservationInput(
                subject.Resource.Id, new DateTimeOffset(interval.Start), new DateTimeOffset(interval.End), input.Notes, patronId, series.Id), ct);
            outcomes.Add(new SeriesDateOutcome(occurrence, outcome.Reservation, outcome.Refusal));
        }

        db.ChangeTracker.Clear();
        db.ReservationSeries.Attach(series);
        series.Finish(outcomes.Where(o => o.Refusal is not null).Select(o => SeriesRefusal.Of(o.Occurrence.Date, o.Refusal!)), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new SeriesOutcome(series, outcomes, null, subject);
    }
}
