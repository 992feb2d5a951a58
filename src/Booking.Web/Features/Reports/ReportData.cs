namespace Booking.Web.Features.Reports;

/// <summary>What a report covers, as every report answer repeats it.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, Guid? LocationId, string Branch);

/// <summary>Hours of one resource (or, with no resource, of one kind) in one local week (Monday to Sunday).</summary>
public sealed record UtilisationRow(DateOnly Week, string Kind, Guid? ResourceId, string? Resource, string? Branch, double OpenHours, double BookedHours, double CheckedInHours)
{
    /// <summary>Booked hours over open hours; null when the branch was closed all week.</summary>
    public double? BookedShare => Ratio.Of(BookedHours, OpenHours);

    public double? CheckedInShare => Ratio.Of(CheckedInHours, OpenHours);
}

/// <summary>Utilisation per resource and per kind, per week, with each kind's whole-range total.</summary>
public sealed record UtilisationReport(ReportPeriod Period, IReadOnlyList<UtilisationRow> Resources, IReadOnlyList<UtilisationRow> Kinds, IReadOnlyList<UtilisationRow> KindTotals);

/// <summary>What became of one kind's reservations that were due to start in the range (before now).</summary>
public sealed record AttendanceRow(string Kind, int Booked, int Cancelled, int LateCancellations, int CheckedIn, int NoShows)
{
    /// <summary>Reservations not cancelled: the ones a patron was expected to come for.</summary>
    public int Kept => Booked - Cancelled;

    public double? CheckInRate => Ratio.Of(CheckedIn, Kept);

    public double? NoShowRate => Ratio.Of(NoShows, Kept);

    public double? LateCancellationRate => Ratio.Of(LateCancellations, Booked);
}

/// <summary>No-shows, late cancellations and check-ins per kind, with a total row ("all kinds").</summary>
public sealed record AttendanceReport(ReportPeriod Period, int LateCancellationHours, IReadOnlyList<AttendanceRow> Kinds, AttendanceRow Total);

/// <summary>Bookings that start in one hour of one day of the week, in the branch's local time.</summary>
public sealed record BusyCell(DayOfWeek Day, int Hour, int Bookings);

/// <summary>The day-of-week × hour counts (cells with no bookings left out) and the hours a chart shows.</summary>
public sealed record BusiestTimesReport(ReportPeriod Period, IReadOnlyList<BusyCell> Cells, int FirstHour, int LastHour)
{
    public int Count(DayOfWeek day, int hour) => Cells.FirstOrDefault(c => c.Day == day && c.Hour == hour)?.Bookings ?? 0;
}

/// <summary>One certification: grants made, revoked and run out in the range; expiring in the next 30 days; held today.</summary>
public sealed record CertificationRow(Guid CertificationId, string Certification, int Granted, int Revoked, int Expired, int ExpiringSoon, int HeldNow);

/// <summary>Sessions of one kind held in the range (not cancelled), with their registrations.</summary>
public sealed record SessionRow(string Kind, int Sessions, int Places, int Registered, int Attended, int NoShows, int Passed)
{
    /// <summary>Attended (passed included) over registered.</summary>
    public double? AttendanceRate => Ratio.Of(Attended, Registered);

    /// <summary>Passed over attended; trainings only.</summary>
    public double? PassRate => Kind == "training" ? Ratio.Of(Passed, Attended) : null;
}

/// <summary>Certifications and sessions.</summary>
public sealed record CertificationsReport(ReportPeriod Period, int ExpiringWithinDays, IReadOnlyList<CertificationRow> Certifications, IReadOnlyList<SessionRow> Sessions);

/// <summary>Demand for one kind: waiting lists and refused booking attempts.</summary>
public sealed record DemandRow(string Kind, int WaitlistJoins, int OffersMade, int OffersTaken, int OffersLapsed, int Refusals);

/// <summary>Refused booking attempts of one kind for one reason.</summary>
public sealed record RefusalRow(string Kind, string Code, int Count);

/// <summary>Waiting lists and refusals per kind, and refusals by reason code.</summary>
public sealed record DemandReport(ReportPeriod Period, IReadOnlyList<DemandRow> Kinds, IReadOnlyList<RefusalRow> Refusals);

/// <summary>A share, or null when there is nothing to divide by.</summary>
public static class Ratio
{
    public static double? Of(double part, double whole) => whole > 0 ? Math.Round(part / whole, 4) : null;
}
