using Booking.Domain.Common;
using static Booking.Web.Features.Reports.ColumnFormat;

namespace Booking.Web.Features.Reports;

/// <summary>
/// Each report as the tables the page shows and the CSV files hold; one definition serves both. The page passes
/// <see cref="ReportWords.Reader"/> (the reader's language); the downloads pass none and get <see cref="ReportWords.Csv"/> (stable English).
/// </summary>
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

    public static ReportTable UtilisationKinds(UtilisationReport report, Names names, ReportWords? words = null) => Table(words, w => new(
        "utilisation-kinds", w["Hours per kind and week"],
        [new(w["Kind"], Text), new(w["Week of"], Date), new(w["Open hours"], Hours), new(w["Booked hours"], Hours), new(w["Checked-in hours"], Hours),
            new(w["Booked (% of open)"], Percent), new(w["Checked in (% of open)"], Percent)],
        report.Kinds.Select(k => new object?[] { names.Kind(k.Kind), k.Week, k.OpenHours, k.BookedHours, k.CheckedInHours, k.BookedShare, k.CheckedInShare }).ToList()));

    public static ReportTable UtilisationResources(UtilisationReport report, Names names, ReportWords? words = null) => Table(words, w => new(
        "utilisation-resources", w["Hours per resource and week"],
        [new(w["Branch"], Text), new(w["Kind"], Text), new(w["Resource"], Text), new(w["Week of"], Date), new(w["Open hours"], Hours), new(w["Booked hours"], Hours),
            new(w["Checked-in hours"], Hours), new(w["Booked (% of open)"], Percent), new(w["Checked in (% of open)"], Percent)],
        report.Resources.Select(r => new object?[] { r.Branch, names.Kind(r.Kind), r.Resource, r.Week, r.OpenHours, r.BookedHours, r.CheckedInHours, r.BookedShare, r.CheckedInShare }).ToList()));

    public static ReportTable Attendance(AttendanceReport report, Names names, ReportWords? words = null) => Table(words, w => new(
        "attendance", w["Reservations due to start in the range, per kind"],
        [new(w["Kind"], Text), new(w["Booked"], Count), new(w["Cancelled"], Count), new(w["Late cancellations"], Count), new(w["Kept"], Count), new(w["Checked in"], Count),
            new(w["No-shows"], Count), new(w["Check-in rate (% of kept)"], Percent), new(w["No-show rate (% of kept)"], Percent), new(w["Late cancellation rate (% of booked)"], Percent)],
        report.Kinds.Append(report.Total).Select(k => new object?[]
        {
            k == report.Total ? w["All kinds"] : names.Kind(k.Kind), k.Booked, k.Cancelled, k.LateCancellations, k.Kept, k.CheckedIn, k.NoShows,
            k.CheckInRate, k.NoShowRate, k.LateCancellationRate,
        }).ToList()));

    /// <summary>Monday first, as the library's weeks run.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static ReportTable BusiestTimes(BusiestTimesReport report, ReportWords? words = null) => Table(words, w => new(
        "busiest-times", w["Bookings by the hour they start (local time) and day of the week"],
        [new(w["Hour"], Text), .. Week.Select(d => new ReportColumn(w.Day(d), Count))],
        Enumerable.Range(report.FirstHour, report.LastHour - report.FirstHour + 1)
            .Select(h => new object?[] { w.Hour(h) }.Concat(Week.Select(d => (object?)report.Count(d, h))).ToArray()).ToList()));

    public static ReportTable Certifications(CertificationsReport report, ReportWords? words = null) => Table(words, w => new(
        "certifications", w["Certifications"],
        [new(w["Certification"], Text), new(w["Granted"], Count), new(w["Revoked"], Count), new(w["Expired"], Count),
            new(w["Expiring in the next {0} days", report.ExpiringWithinDays], Count), new(w["Held today"], Count)],
        report.Certifications.Select(c => new object?[] { c.Certification, c.Granted, c.Revoked, c.Expired, c.ExpiringSoon, c.HeldNow }).ToList()));

    public static ReportTable Sessions(CertificationsReport report, ReportWords? words = null) => Table(words, w => new(
        "sessions", w["Sessions held in the range (not cancelled)"],
        [new(w["Kind"], Text), new(w["Sessions"], Count), new(w["Places"], Count), new(w["Registered"], Count), new(w["Attended"], Count), new(w["No-shows"], Count),
            new(w["Passed"], Count), new(w["Attendance (% of registered)"], Percent), new(w["Pass rate (% of attended)"], Percent)],
        report.Sessions.Select(s => new object?[] { Names.SessionKind(s.Kind, w), s.Sessions, s.Places, s.Registered, s.Attended, s.NoShows, s.Passed, s.AttendanceRate, s.PassRate }).ToList()));

    public static ReportTable Demand(DemandReport report, Names names, ReportWords? words = null) => Table(words, w => new(
        "demand", w["Waiting lists and refused booking attempts, per kind"],
        [new(w["Kind"], Text), new(w["Waiting-list joins"], Count), new(w["Offers made"], Count), new(w["Offers taken"], Count), new(w["Offers lapsed"], Count), new(w["Refused attempts"], Count)],
        report.Kinds.Select(k => new object?[] { names.Kind(k.Kind), k.WaitlistJoins, k.OffersMade, k.OffersTaken, k.OffersLapsed, k.Refusals }).ToList()));

    public static ReportTable Refusals(DemandReport report, Names names, ReportWords? words = null) => Table(words, w => new(
        "refusals", w["Refused booking attempts by reason"],
        [new(w["Kind"], Text), new(w["Reason"], Text), new(w["Code"], Text), new(w["Attempts"], Count)],
        report.Refusals.Select(r => new object?[] { names.Kind(r.Kind), Names.Refusal(r.Code, w), r.Code, r.Count }).ToList()));

    // The page passes the reader's words; without any (the CSV downloads) the headings are stable English.
    private static ReportTable Table(ReportWords? words, Func<ReportWords, ReportTable> table) => table(words ?? ReportWords.Csv);

    /// <summary>The words for codes: kinds by their names, refusal and session codes in the reader's words.</summary>
    public sealed record Names(IReadOnlyDictionary<string, string> Kinds)
    {
        public string Kind(string code) => Kinds.TryGetValue(code, out var name) ? name : code;

        public static string SessionKind(string code, ReportWords w) => code switch
        {
            "training" => w["Trainings"],
            "networking" => w["Networking sessions"],
            "workshop" => w["Workshops"],
            _ => code,
        };

        public static string Refusal(string code, ReportWords w) => code switch
        {
            ErrorCodes.SlotTaken => w["Time already taken"],
            ErrorCodes.CertificationRequired => w["Certification needed"],
            ErrorCodes.OutsideOpeningHours => w["Outside opening hours"],
            ErrorCodes.Closed => w["Branch closed"],
            ErrorCodes.Duration => w["Too long or too short"],
            ErrorCodes.LeadTime => w["Too soon before the start"],
            ErrorCodes.AdvanceWindow => w["Too far ahead"],
            ErrorCodes.Quota => w["Patron's limit reached"],
            ErrorCodes.Maintenance => w["Under maintenance"],
            ErrorCodes.OutOfService => w["Out of service"],
            ErrorCodes.Suspended => w["Suspended after no-shows"],
            _ => code,
        };
    }
}
