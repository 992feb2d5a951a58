using Microsoft.AspNetCore.Html;

namespace Booking.Web.Features.Reports;

/// <summary>The chart of each report, with a description that says in words what the bars show, in the reader's language.</summary>
public static class ReportCharts
{
    private static readonly IReadOnlyList<string> P = SvgChart.Palette;

    public static IHtmlContent UtilisationByKind(UtilisationReport report, ReportTables.Names names)
    {
        var w = ReportWords.Reader;
        var series = new[] { new BarSeries(w["Booked, % of open hours"], P[0]), new BarSeries(w["Checked in, % of open hours"], P[2]) };
        var groups = report.KindTotals.Select(k => new BarGroup(names.Kind(k.Kind), [k.BookedShare, k.CheckedInShare])).ToList();
        var said = string.Join("; ", report.KindTotals.Select(k => w["{0}: booked {1}, checked in {2}", names.Kind(k.Kind), w.Percent(k.BookedShare), w.Percent(k.CheckedInShare)]));
        return SvgChart.Bars("chart-utilisation", w["Utilisation per kind, {0}", Range(report.Period, w)],
            w["Booked and checked-in hours as a share of the hours the branch was open. {0}.", said], series, groups, w.Percent, MaxShare(groups), w);
    }

    public static IHtmlContent UtilisationByResource(UtilisationReport report)
    {
        var w = ReportWords.Reader;
        var totals = report.Resources.GroupBy(r => (r.ResourceId, r.Resource, r.Branch))
            .Select(g => (Label: g.Key.Resource ?? "", Share: Ratio.Of(g.Sum(r => r.BookedHours), g.Sum(r => r.OpenHours)))).ToList();
        var groups = totals.Select(t => new BarGroup(t.Label, [t.Share])).ToList();
        return SvgChart.Bars("chart-utilisation-resources", w["Booked share of open hours per resource, {0}", Range(report.Period, w)],
            string.Join("; ", totals.Select(t => $"{t.Label}: {w.Percent(t.Share)}")) + ".",
            [new BarSeries(w["Booked, % of open hours"], P[0])], groups, w.Percent, MaxShare(groups), w);
    }

    public static IHtmlContent Attendance(AttendanceReport report, ReportTables.Names names)
    {
        var w = ReportWords.Reader;
        var series = new[] { new BarSeries(w["Check-in rate"], P[2]), new BarSeries(w["No-show rate"], P[1]), new BarSeries(w["Late cancellation rate"], P[3]) };
        var groups = report.Kinds.Select(k => new BarGroup(names.Kind(k.Kind), [k.CheckInRate, k.NoShowRate, k.LateCancellationRate])).ToList();
        var said = string.Join("; ", report.Kinds.Select(k =>
            w["{0}: {1} checked in, {2} no-shows, {3} cancelled late", names.Kind(k.Kind), w.Percent(k.CheckInRate), w.Percent(k.NoShowRate), w.Percent(k.LateCancellationRate)]));
        return SvgChart.Bars("chart-attendance", w["Check-ins, no-shows and late cancellations per kind, {0}", Range(report.Period, w)],
            w["Of reservations that were kept, the share checked in and the share not claimed; of all booked, the share the patron cancelled less than {0} hours ahead. {1}.", report.LateCancellationHours, said],
            series, groups, w.Percent, 1, w);
    }

    public static IHtmlContent BusiestTimes(BusiestTimesReport report)
    {
        var w = ReportWords.Reader;
        var hours = Enumerable.Range(report.FirstHour, report.LastHour - report.FirstHour + 1).ToList();
        var busiest = report.Cells.OrderByDescending(c => c.Bookings).Take(3)
            .Select(c => w["{0} {1} ({2})", w.Day(c.Day), w.Hour(c.Hour), c.Bookings]).ToList();
        var said = busiest.Count == 0 ? w["No bookings in this range."] : w["Busiest: {0}.", string.Join(", ", busiest)];
        return SvgChart.HeatMap("chart-busiest", w["Bookings by day and starting hour, {0}", Range(report.Period, w)],
            w["Each cell counts the bookings that start in that hour, in the branch's local time; darker is busier. {0}", said],
            ReportTables.Week.Select(w.ShortDay).ToList(), hours.Select(w.Hour).ToList(),
            (row, column) => report.Count(ReportTables.Week[column], hours[row]));
    }

    public static IHtmlContent Certifications(CertificationsReport report)
    {
        var w = ReportWords.Reader;
        var series = new[] { new BarSeries(w["Granted"], P[2]), new BarSeries(w["Expired"], P[1]), new BarSeries(w["Expiring in {0} days", report.ExpiringWithinDays], P[0]) };
        var groups = report.Certifications.Select(c => new BarGroup(c.Certification, [c.Granted, c.Expired, c.ExpiringSoon])).ToList();
        var said = string.Join("; ", report.Certifications.Select(c => w["{0}: {1} granted, {2} expired, {3} expiring soon", c.Certification, c.Granted, c.Expired, c.ExpiringSoon]));
        return SvgChart.Bars("chart-certifications", w["Certifications, {0}", Range(report.Period, w)],
            w["Grants made and run out in the range, and those expiring in the next {0} days. {1}.", report.ExpiringWithinDays, said],
            series, groups, w.Count, MaxCount(groups), w);
    }

    public static IHtmlContent Sessions(CertificationsReport report)
    {
        var w = ReportWords.Reader;
        var series = new[] { new BarSeries(w["Attendance"], P[2]), new BarSeries(w["Pass rate (trainings)"], P[0]) };
        var groups = report.Sessions.Select(s => new BarGroup(ReportTables.Names.SessionKind(s.Kind, w), [s.AttendanceRate, s.PassRate])).ToList();
        var said = string.Join("; ", report.Sessions.Select(s => s.PassRate is null
            ? w["{0}: {1} attended", ReportTables.Names.SessionKind(s.Kind, w), w.Percent(s.AttendanceRate)]
            : w["{0}: {1} attended, {2} passed", ReportTables.Names.SessionKind(s.Kind, w), w.Percent(s.AttendanceRate), w.Percent(s.PassRate)]));
        return SvgChart.Bars("chart-sessions", w["Session attendance and pass rate, {0}", Range(report.Period, w)],
            w["Of those registered, the share who came; of those who came to a training, the share who passed. {0}.", said], series, groups, w.Percent, 1, w);
    }

    public static IHtmlContent Demand(DemandReport report, ReportTables.Names names)
    {
        var w = ReportWords.Reader;
        var series = new[]
        {
            new BarSeries(w["Waiting-list joins"], P[0]), new BarSeries(w["Offers taken"], P[2]), new BarSeries(w["Offers lapsed"], P[3]), new BarSeries(w["Refused attempts"], P[1]),
        };
        var groups = report.Kinds.Select(k => new BarGroup(names.Kind(k.Kind), [k.WaitlistJoins, k.OffersTaken, k.OffersLapsed, k.Refusals])).ToList();
        var said = string.Join("; ", report.Kinds.Select(k =>
            w["{0}: {1} joined a waiting list, {2} offers taken, {3} lapsed, {4} attempts refused", names.Kind(k.Kind), k.WaitlistJoins, k.OffersTaken, k.OffersLapsed, k.Refusals]));
        return SvgChart.Bars("chart-demand", w["Demand per kind, {0}", Range(report.Period, w)],
            w["What patrons asked for and could not have at once. {0}.", said], series, groups, w.Count, MaxCount(groups), w);
    }

    public static IHtmlContent Refusals(DemandReport report, ReportTables.Names names)
    {
        var w = ReportWords.Reader;
        var groups = report.Refusals.Select(r => new BarGroup($"{names.Kind(r.Kind)}: {ReportTables.Names.Refusal(r.Code, w)}", [r.Count])).ToList();
        return SvgChart.Bars("chart-refusals", w["Refused booking attempts by reason, {0}", Range(report.Period, w)],
            string.Join("; ", report.Refusals.Select(r => $"{names.Kind(r.Kind)}, {ReportTables.Names.Refusal(r.Code, w)}: {r.Count}")) + ".",
            [new BarSeries(w["Refused attempts"], P[1])], groups, w.Count, MaxCount(groups), w);
    }

    private static string Range(ReportPeriod period, ReportWords w) => w["{0} to {1}, {2}", w.Date(period.From), w.Date(period.To), period.LocationId is null ? w["All branches"] : period.Branch];

    private static double MaxShare(IEnumerable<BarGroup> groups) => Math.Max(1, groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max(v => v ?? 0));

    private static double MaxCount(IReadOnlyList<BarGroup> groups) => Math.Max(1, groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max(v => v ?? 0));
}
