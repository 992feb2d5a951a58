using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>A reservation as the API shows it; times carry the branch's local offset.</summary>
public sealed record ReservationView(
    Guid Id, Guid ResourceId, string ResourceName, string Kind, Guid LocationId, Guid PatronId, string? PatronEmail,
    DateTimeOffset Start, DateTimeOffset End, string Status, string? StatusReason, string? Notes, bool CreatedOnBehalf,
    DateTimeOffset? OfferExpiresAt, DateTimeOffset CheckInOpensAt, DateTimeOffset CheckInClosesAt, bool Overdue)
{
    /// <summary>The series it belongs to, if staff booked it as one.</summary>
    public Guid? SeriesId { get; init; }
}

/// <summary>One query shape for reservations with their resource, branch and patron.</summary>
public static class ReservationQueries
{
    /// <summary>Member-initialised so EF can filter and sort on it.</summary>
    public sealed class Row
    {
        public required Reservation Reservation { get; init; }

        public required Resource Resource { get; init; }

        public required ResourceKind Kind { get; init; }

        public required string TimeZoneId { get; init; }

        public required string? PatronEmail { get; init; }
    }

    public static IQueryable<Row> Rows(BookingDbContext db) =>
        from r in db.Reservations.AsNoTracking()
        join res in db.Resources.AsNoTracking() on r.ResourceId equals res.Id
        join k in db.ResourceKinds.AsNoTracking() on res.KindCode equals k.Code
        join l in db.Locations.AsNoTracking() on res.LocationId equals l.Id
        join u in db.Users.AsNoTracking() on r.PatronId equals u.Id
        select new Row { Reservation = r, Resource = res, Kind = k, TimeZoneId = l.TimeZoneId, PatronEmail = u.Email };

    public static ReservationView ToView(Row row, DateTime nowUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId);
        var r = row.Reservation;
        var window = r.CheckInWindow(row.Resource.EffectivePolicy(row.Kind.DefaultPolicy));
        return new ReservationView(
            r.Id, r.ResourceId, row.Resource.Name, r.KindCode, row.Resource.LocationId, r.PatronId, row.PatronEmail,
            Local(r.StartsAtUtc, zone), Local(r.EndsAtUtc, zone), r.Status.ToCode(), r.StatusReason, r.Notes, r.CreatedOnBehalf,
            r.OfferExpiresAtUtc is { } offer ? Local(offer, zone) : null,
            Local(window.Start, zone), Local(window.End, zone), r.IsOverdue(nowUtc))
        {
            SeriesId = r.SeriesId,
        };
    }

    public static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone)
    {
        var local = LocalCalendar.ToLocal(utc, zone);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
    }
}
