using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Booking.Web.Features.Reports;

/// <summary>The chart of each report, with a description that says in words what the bars show.</summary>
public static class ReportCharts
{
    private static readonly IReadOnlyList<string> P = SvgChart.Palette;

    public static IHtmlContent UtilisationByKind(UtilisationReport report, ReportTables.Names names)
    {
        var series = new[] { new BarSeries("Booked, % of open hours", P[0]), new BarSeries("Checked in, % of open hours", P[2]) };
        var groups = report.KindTotals.Select(k => new BarGroup(names.Kind(k.Kind), [k.BookedShare, k.CheckedInShare])).ToList();
        var said = string.Join("; ", report.KindTotals.Select(k => $"{names.Kind(k.Kind)}: booked {Percent(k.BookedShare)}, checked in {Percent(k.CheckedInShare)}"));
        return SvgChart.Bars("chart-utilisation", $"Utilisation per kind, {Range(report.Period)}",
            $"Booked and checked-in hours as a share of the hours the branch was open. {said}.", series, groups, ShowPercent, MaxShare(groups));
    }

    public static IHtmlContent UtilisationByResource(UtilisationReport report)
    {
        var totals = report.Resources.GroupBy(r => (r.ResourceId, r.Resource, r.Branch))
            .Select(g => (Label: g.Key.Resource ?? "", Share: Ratio.Of(g.Sum(r => r.BookedHours), g.Sum(r => r.OpenHours)))).ToList();
        var groups = totals.Select(t => new BarGroup(t.Label, [t.Share])).ToList();
        return SvgChart.Bars("chart-utilisation-resources", $"Booked share of open hours per resource, {Range(report.Period)}",
            string.Join("; ", totals.Select(t => $"{t.Label}: {Percent(t.Share)}")) + ".",
            [new BarSeries("Booked, % of open hours", P[0])], groups, ShowPercent, MaxShare(groups));
    }

    public static IHtmlContent Attendance(AttendanceReport report, ReportTables.Names names)
    {
        var series = new[] { new BarSeries("Check-in rate", P[2]), new BarSeries("No-show rate", P[1]), new BarSeries("Late cancellation rate", P[3]) };
        var groups = report.Kinds.Select(k => new BarGroup(names.Kind(k.Kind), [k.CheckInRate, k.NoShowRate, k.LateCancellationRate])).ToList();
        var said = string.Join("; ", report.Kinds.Select(k =>
            $"{names.Kind(k.Kind)}: {Percent(k.CheckInRate)} checked in, {Percent(k.NoShowRate)} no-shows, {Percent(k.LateCancellationRate)} cancelled late"));
        return SvgChart.Bars("chart-attendance", $"Check-ins, no-shows and late cancellations per kind, {Range(report.Period)}",
            $"Of reservations that were kept, the share checked in and the share not claimed; of all booked, the share the patron cancelled less than {report.LateCancellationHours} hours ahead. {said}.",
            series, groups, ShowPercent, 1);
    }

    public static IHtmlContent BusiestTimes(BusiestTimesReport report)
    {
        var hours = Enumerable.Range(report.FirstHour, report.LastHour - report.FirstHour + 1).ToList();
        var busiest = report.Cells.OrderByDescending(c => c.Bookings).Take(3)
            .Select(c => $"{c.Day} {c.Hour:00}:00 ({c.Bookings})").ToList();
        var said = busiest.Count == 0 ? "No bookings in this range." : $"Busiest: {string.Join(", ", busiest)}.";
        return SvgChart.HeatMap("chart-busiest", $"Bookings by day and starting hour, {Range(report.Period)}",
            $"Each cell counts the bookings that start in that hour, in the branch's local time; darker is busier. {said}",
            ReportTables.Week.Select(d => d.ToString()[..3]).ToList(), hours.Select(h => $"{h:00}:00").ToList(),
            (row, column) => report.Count(ReportTables.Week[column], hours[row]));
    }

    public static IHtmlContent Certifications(CertificationsReport report)
    {
        var series = new[] { new BarSeries("Granted", P[2]), new BarSeries("Expired", P[1]), new BarSeries($"Expiring in {report.ExpiringWithinDays} days", P[0]) };
        var groups = report.Certifications.Select(c => new BarGroup(c.Certification, [c.Granted, c.Expired, c.ExpiringSoon])).ToList();
        var said = string.Join("; ", report.Certifications.Select(c => $"{c.Certification}: {c.Granted} granted, {c.Expired} expired, {c.ExpiringSoon} expiring soon"));
        return SvgChart.Bars("chart-certifications", $"Certifications, {Range(report.Period)}",
            $"Grants made and run out in the range, and those expiring in the next {report.ExpiringWithinDays} days. {said}.",
            series, groups, ShowCount, MaxCount(groups));
    }

    public static IHtmlContent Sessions(CertificationsReport report)
    {
        var series = new[] { new BarSeries("Attendance", P[2]), new BarSeries("Pass rate (trainings)", P[0]) };
        var groups = report.Sessions.Select(s => new BarGroup(ReportTables.Names.SessionKind(s.Kind), [s.AttendanceRate, s.PassRate])).ToList();
        var said = string.Join("; ", report.Sessions.Select(s =>
            $"{ReportTables.Names.SessionKind(s.Kind)}: {Percent(s.AttendanceRate)} attended" + (s.PassRate is null ? "" : $", {Percent(s.PassRate)} passed")));
        return SvgChart.Bars("chart-sessions", $"Session attendance and pass rate, {Range(report.Period)}",
            $"Of those registered, the share who came; of those who came to a training, the share who passed. {said}.", series, groups, ShowPercent, 1);
    }

    public static IHtmlContent Demand(DemandReport report, ReportTables.Names names)
    {
        var series = new[]
        {
            new BarSeries("Waiting-list joins", P[0]), new BarSeries("Offers taken", P[2]), new BarSeries("Offers lapsed", P[3]), new BarSeries("Refused attempts", P[1]),
        };
        var groups = report.Kinds.Select(k => new BarGroup(names.Kind(k.Kind), [k.WaitlistJoins, k.OffersTaken, k.OffersLapsed, k.Refusals])).ToList();
        var said = string.Join("; ", report.Kinds.Select(k =>
            $"{names.Kind(k.Kind)}: {k.WaitlistJoins} joined a waiting list, {k.OffersTaken} offers taken, {k.OffersLapsed} lapsed, {k.Refusals} attempts refused"));
        return SvgChart.Bars("chart-demand", $"Demand per kind, {Range(report.Period)}",
            $"What patrons asked for and could not have at once. {said}.", series, groups, ShowCount, MaxCount(groups));
    }

    public static IHtmlContent Refusals(DemandReport report, ReportTables.Names names)
    {
        var groups = report.Refusals.Select(r => new BarGroup($"{names.Kind(r.Kind)}: {ReportTables.Names.Refusal(r.Code)}", [r.Count])).ToList();
        return SvgChart.Bars("chart-refusals", $"Refused booking attempts by reason, {Range(report.Period)}",
            string.Join("; ", report.Refusals.Select(r => $"{names.Kind(r.Kind)}, {ReportTables.Names.Refusal(r.Code)}: {r.Count}")) + ".",
            [new BarSeries("Refused attempts", P[1])], groups, ShowCount, MaxCount(groups));
    }

    private static string Range(ReportPeriod period) =>
        $"{period.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to {period.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, {period.Branch}";

    private static string Percent(double? share) => share is { } s ? ShowPercent(s) : "none";

    private static string ShowPercent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string ShowCount(double count) => count.ToString("0", CultureInfo.InvariantCulture);

    private static double MaxShare(IEnumerable<BarGroup> groups) => Math.Max(1, groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max(v => v ?? 0));

    private static double MaxCount(IReadOnlyList<BarGroup> groups) => Math.Max(1, groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max(v => v ?? 0));
}
