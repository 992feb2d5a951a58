using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Maintenance;

/// <summary>What a maintenance block did: the block, and the reservations it cancelled or could not (already checked in).</summary>
public sealed record MaintenanceOutcome(MaintenanceBlock Block, IReadOnlyList<Guid> Cancelled, IReadOnlyList<Guid> CheckedInLeftAlone);

/// <summary>Takes a resource out for maintenance, cancelling what collides (with the reason, the patron told), and lifts blocks.</summary>
public sealed class MaintenanceBlocking(BookingDbContext db, TimeProvider clock, WaitlistOffers waitlist)
{
    public async Task<MaintenanceOutcome> BlockAsync(Guid staffId, Guid resourceId, UtcInterval interval, string reason, CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, resourceId, ct) ?? throw new DomainException(ErrorCodes.NotFound, "No resource with that id.");
        var now = clock.GetUtcNow().UtcDateTime;
        var block = new MaintenanceBlock(resourceId, interval, reason, staffId, now);

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourceAsync(resourceId, ct);
        db.MaintenanceBlocks.Add(block);
        db.AuditLog.Add(new AuditEntry(staffId, "maintenance.block", $"resource:{resourceId}",
            $"Blocked {subject.Describe(interval)}: {block.Reason}", now));

        var collisions = await CollidingReservations.CancelAsync(db, staffId, [resourceId], interval,
            $"{subject.Resource.Name} is needed for maintenance: {block.Reason}.", now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new MaintenanceOutcome(block, collisions.Cancelled, collisions.CheckedInLeftAlone);
    }

    public async Task<MaintenanceBlock> LiftAsync(Guid staffId, Guid resourceId, Guid blockId, CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, resourceId, ct) ?? throw new DomainException(ErrorCodes.NotFound, "No resource with that id.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourceAsync(resourceId, ct);
        var block = await db.MaintenanceBlocks.FirstOrDefaultAsync(b => b.Id == blockId && b.ResourceId == resourceId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No maintenance block with that id on this resource.");
        block.Lift(staffId, now);
        db.AuditLog.Add(new AuditEntry(staffId, "maintenance.lift", $"resource:{resourceId}", $"Lifted the block {subject.Describe(block.Interval)}", now));
        await db.SaveChangesAsync(ct);
        await waitlist.OfferFreedAsync(subject, block.Interval, ct);
        await transaction.CommitAsync(ct);
        return block;
    }
}
