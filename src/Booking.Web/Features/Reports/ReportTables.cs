using Booking.Domain.Common;
using static Booking.Web.Features.Reports.ColumnFormat;

namespace Booking.Web.Features.Reports;

/// <summary>Each report as the tables the page shows and the CSV files hold; one definition serves both.</summary>
public static class ReportTables
{
    /// <summary>Every downloadable table: its CSV name and the report it comes from.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReportOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["utilisation-kinds"] = "utilisation",
        ["utilisation-resources"] = "utilisation",
        ["attendance"] = "attendance",
        ["busiest-times"] = "busiest-times",
        ["certifications"] = "certifications",
        ["sessions"] = "certifications",
        ["demand"] = "demand",
        ["refusals"] = "demand",
    };

    public static ReportTable UtilisationKinds(UtilisationReport report, Names names) => new(
        "utilisation-kinds", "Hours per kind and week",
        [new("Kind", Text), new("Week of", Date), new("Open hours", Hours), new("Booked hours", Hours), new("Checked-in hours", Hours),
            new("Booked (% of open)", Percent), new("Checked in (% of open)", Percent)],
        report.Kinds.Select(k => new object?[] { names.Kind(k.Kind), k.Week, k.OpenHours, k.BookedHours, k.CheckedInHours, k.BookedShare, k.CheckedInShare }).ToList());

    public static ReportTable UtilisationResources(UtilisationReport report, Names names) => new(
        "utilisation-resources", "Hours per resource and week",
        [new("Branch", Text), new("Kind", Text), new("Resource", Text), new("Week of", Date), new("Open hours", Hours), new("Booked hours", Hours),
            new("Checked-in hours", Hours), new("Booked (% of open)", Percent), new("Checked in (% of open)", Percent)],
        report.Resources.Select(r => new object?[] { r.Branch, names.Kind(r.Kind), r.Resource, r.Week, r.OpenHours, r.BookedHours, r.CheckedInHours, r.BookedShare, r.CheckedInShare }).ToList());

    public static ReportTable Attendance(AttendanceReport report, Names names) => new(
        "attendance", "Reservations due to start in the range, per kind",
        [new("Kind", Text), new("Booked", Count), new("Cancelled", Count), new("Late cancellations", Count), new("Kept", Count), new("Checked in", Count),
            new("No-shows", Count), new("Check-in rate (% of kept)", Percent), new("No-show rate (% of kept)", Percent), new("Late cancellation rate (% of booked)", Percent)],
        report.Kinds.Append(report.Total).Select(k => new object?[]
        {
            k == report.Total ? "All kinds" : names.Kind(k.Kind), k.Booked, k.Cancelled, k.LateCancellations, k.Kept, k.CheckedIn, k.NoShows,
            k.CheckInRate, k.NoShowRate, k.LateCancellationRate,
        }).ToList());

    /// <summary>Monday first, as the library's weeks run.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static ReportTable BusiestTimes(BusiestTimesReport report) => new(
        "busiest-times", "Bookings by the hour they start (local time) and day of the week",
        [new("Hour", Text), .. Week.Select(d => new ReportColumn(d.ToString(), Count))],
        Enumerable.Range(report.FirstHour, report.LastHour - report.FirstHour + 1)
            .Select(h => new object?[] { $"{h:00}:00" }.Concat(Week.Select(d => (object?)report.Count(d, h))).ToArray()).ToList());

    public static ReportTable Certifications(CertificationsReport report) => new(
        "certifications", "Certifications",
        [new("Certification", Text), new("Granted", Count), new("Revoked", Count), new("Expired", Count),
            new($"Expiring in the next {report.ExpiringWithinDays} days", Count), new("Held today", Count)],
        report.Certifications.Select(c => new object?[] { c.Certification, c.Granted, c.Revoked, c.Expired, c.ExpiringSoon, c.HeldNow }).ToList());

    public static ReportTable Sessions(CertificationsReport report) => new(
        "sessions", "Sessions held in the range (not cancelled)",
        [new("Kind", Text), new("Sessions", Count), new("Places", Count), new("Registered", Count), new("Attended", Count), new("No-shows", Count),
            new("Passed", Count), new("Attendance (% of registered)", Percent), new("Pass rate (% of attended)", Percent)],
        report.Sessions.Select(s => new object?[] { Names.SessionKind(s.Kind), s.Sessions, s.Places, s.Registered, s.Attended, s.NoShows, s.Passed, s.AttendanceRate, s.PassRate }).ToList());

    public static ReportTable Demand(DemandReport report, Names names) => new(
        "demand", "Waiting lists and refused booking attempts, per kind",
        [new("Kind", Text), new("Waiting-list joins", Count), new("Offers made", Count), new("Offers taken", Count), new("Offers lapsed", Count), new("Refused attempts", Count)],
        report.Kinds.Select(k => new object?[] { names.Kind(k.Kind), k.WaitlistJoins, k.OffersMade, k.OffersTaken, k.OffersLapsed, k.Refusals }).ToList());

    public static ReportTable Refusals(DemandReport report, Names names) => new(
        "refusals", "Refused booking attempts by reason",
        [new("Kind", Text), new("Reason", Text), new("Code", Text), new("Attempts", Count)],
        report.Refusals.Select(r => new object?[] { names.Kind(r.Kind), Names.Refusal(r.Code), r.Code, r.Count }).ToList());

    /// <summary>The words for codes: kinds by their names, refusal and session codes in plain English.</summary>
    public sealed record Names(IReadOnlyDictionary<string, string> Kinds)
    {
        public string Kind(string code) => Kinds.TryGetValue(code, out var name) ? name : code;

        public static string SessionKind(string code) => code switch
        {
            "training" => "Trainings",
            "networking" => "Networking sessions",
            "workshop" => "Workshops",
            _ => code,
        };

        public static string Refusal(string code) => code switch
        {
            ErrorCodes.SlotTaken => "Time already taken",
            ErrorCodes.CertificationRequired => "Certification needed",
            ErrorCodes.OutsideOpeningHours => "Outside opening hours",
            ErrorCodes.Closed => "Branch closed",
            ErrorCodes.Duration => "Too long or too short",
            ErrorCodes.LeadTime => "Too soon before the start",
            ErrorCodes.AdvanceWindow => "Too far ahead",
            ErrorCodes.Quota => "Patron's limit reached",
            ErrorCodes.Maintenance => "Under maintenance",
            ErrorCodes.OutOfService => "Out of service",
            ErrorCodes.Suspended => "Suspended after no-shows",
            _ => code,
        };
    }
}
