using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Shared;

/// <summary>The branch a desk page shows (the one asked for, else the first by name), with every branch for the picker and "now" there.</summary>
public sealed record DeskBranch(IReadOnlyList<Location> Branches, Location Branch, DateTime NowUtc)
{
    public Guid Id => Branch.Id;

    public string Name => Branch.Name;

    public string TimeZoneId => Branch.TimeZoneId;

    public TimeZoneInfo Zone { get; } = Branch.TimeZone;

    public DateOnly Today => DateOnly.FromDateTime(LocalCalendar.ToLocal(NowUtc, Zone));

    /// <summary>Null when there is no branch yet (a fresh install before an admin adds one).</summary>
    public static async Task<DeskBranch?> LoadAsync(BookingDbContext db, Guid? asked, TimeProvider clock, CancellationToken ct)
    {
        var branches = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var branch = branches.FirstOrDefault(l => l.Id == asked) ?? branches.FirstOrDefault();
        return branch is null ? null : new DeskBranch(branches, branch, clock.GetUtcNow().UtcDateTime);
    }
}
