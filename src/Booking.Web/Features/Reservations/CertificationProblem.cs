using Booking.Domain.Reservations;

namespace Booking.Web.Features.Reservations;

/// <summary>A training that grants a missing certification, as a refusal names it.</summary>
public sealed record NextSessionView(Guid Id, string Title, DateTimeOffset Start);

/// <summary>One certification a refused booking lacks: <c>missing</c>, or <c>expiring</c> before the booking ends.</summary>
public sealed record MissingCertificationView(Guid Id, string Name, string Status, DateTimeOffset? ExpiresAt, IReadOnlyList<NextSessionView> NextSessions);

/// <summary>The <c>certifications</c> extension of a 403 <c>certification-required</c> problem.</summary>
public static class CertificationProblem
{
    public static Dictionary<string, object?>? Extensions(BookingRefusal refusal, TimeZoneInfo? zone)
    {
        if (refusal.Certifications.Count == 0)
        {
            return null;
        }

        zone ??= TimeZoneInfo.Utc;
        return new Dictionary<string, object?>
        {
            ["certifications"] = refusal.Certifications.Select(m => new MissingCertificationView(
                m.Certification.Id, m.Certification.Name, m.ExpiresAtUtc is null ? "missing" : "expiring",
                m.ExpiresAtUtc is { } e ? ReservationQueries.Local(e, zone) : null,
                m.Certification.NextTrainings.Select(t => new NextSessionView(t.SessionId, t.Title, ReservationQueries.Local(t.StartsAtUtc, zone))).ToList())).ToList(),
        };
    }
}
