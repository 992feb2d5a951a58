using Booking.Data;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Sweeps;

/// <summary>Saving a stamp that another node (or an earlier run) already wrote is not an error: it means "done already".</summary>
public static class Stamps
{
    /// <summary>Saves; false (and the change tracker cleared) when a unique key said the work was done already.</summary>
    public static async Task<bool> TrySaveAsync(BookingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
