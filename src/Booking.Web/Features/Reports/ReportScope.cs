using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reports;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reports;

/// <summary>What a report covers: local dates, one branch or all of them, and "now".</summary>
public sealed record ReportScope(ReportRange Range, Location? Branch, IReadOnlyList<Location> AllBranches, DateTime NowUtc)
{
    /// <summary>The branches reported on: the one asked for, or every branch.</summary>
    public IReadOnlyList<Location> Branches => Branch is null ? AllBranches : [Branch];

    /// <summary>
    /// The zone for what belongs to no branch (certification grants): the chosen branch's, else the first
    /// branch's by name; UTC before any branch exists.
    /// </summary>
    public TimeZoneInfo HomeZone => (Branch ?? AllBranches.FirstOrDefault())?.TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>Today in <see cref="HomeZone"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(LocalCalendar.ToLocal(NowUtc, HomeZone));

    /// <summary>Each branch's stretches of the range with one UTC offset, for bucketing by local time in the database.</summary>
    public IReadOnlyList<(Guid LocationId, OffsetSpan Span)> Spans() =>
        Branches.SelectMany(b => OffsetSpan.Cover(Range.InZone(b.TimeZone), b.TimeZone).Select(s => (b.Id, s))).ToList();

    /// <summary>For file names: <c>2026-01-01_2026-01-28</c>.</summary>
    public string FileSuffix => $"{Range.From:yyyy-MM-dd}_{Range.To:yyyy-MM-dd}";

    /// <summary>
    /// Reads <c>from</c>, <c>to</c> (yyyy-MM-dd, the branch's local dates) and <c>locationId</c>; null with the reasons in
    /// <paramref name="errors"/> when they are malformed, reversed, longer than about two years or name no branch.
    /// </summary>
    public static async Task<ReportScope?> ReadAsync(
        BookingDbContext db, TimeProvider clock, string? from, string? to, string? locationId, FieldErrors errors, CancellationToken ct)
    {
        var fromDate = ReadDate(errors, "from", from);
        var toDate = ReadDate(errors, "to", to);
        Guid? branchId = null;
        if (!string.IsNullOrWhiteSpace(locationId))
        {
            if (Guid.TryParse(locationId.Trim(), out var parsed))
            {
                branchId = parsed;
            }
            else
            {
                errors.Add("locationId", "locationId is a branch id (a GUID), or empty for every branch.");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var branches = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var branch = branchId is { } id ? branches.FirstOrDefault(b => b.Id == id) : null;
        if (branchId is not null && branch is null)
        {
            errors.Add("locationId", "No branch with that id.");
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zone = (branch ?? branches.FirstOrDefault())?.TimeZone ?? TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(LocalCalendar.ToLocal(now, zone));
        ReportRange? range = null;
        if (!errors.Try("to", () => range = ReportRange.Create(fromDate, toDate, today)))
        {
            return null;
        }

        return new ReportScope(range!, branch, branches, now);
    }

    private static DateOnly? ReadDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors.Add(field, "{0} is not a date; use yyyy-MM-dd, e.g. 2026-01-31.", field);
        return null;
    }
}
