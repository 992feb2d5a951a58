using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion(s => s.ToCode(), s => ReservationStatusCodes.FromCode(s)).HasMaxLength(20);
        builder.Property(r => r.KindCode).HasMaxLength(40).IsRequired();
        builder.Property(r => r.Notes).HasMaxLength(Reservation.MaxNotesLength);
        builder.Property(r => r.StatusReason).HasMaxLength(500);
        builder.Ignore(r => r.Interval);
        builder.Ignore(r => r.IsActive);
        builder.Ignore(r => r.IsAwaitingPatron);

        builder.HasOne<Resource>().WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.PatronId).OnDelete(DeleteBehavior.Restrict);
        // A series' dates, for its page and "cancel the rest" (the index comes with the foreign key).
        builder.HasOne<ReservationSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Restrict);

        // The overlap check and the availability grid: a resource's reservations by time.
        builder.HasIndex(r => new { r.ResourceId, r.StartsAtUtc });
        // The same over active reservations only: an overlap read (booking, availability, grids) then
        // skips a resource's history of completed and cancelled ones instead of filtering it row by row.
        // It carries the blocked-until time too, so the read is answered from the index alone: the overlap's
        // second half ("blocked until after the start") is checked on the index's entries instead of on a heap
        // page per reservation before the window (availability of 50 resources for 2 hours on the bench's
        // calendar: 1.45 ms and 434 heap pages read before, 0.23 ms and none after).
        builder.HasIndex(r => new { r.ResourceId, r.StartsAtUtc, r.BlockedUntilUtc }, "IX_Reservations_Active_ResourceId_StartsAtUtc_BlockedUntilUtc")
            .HasFilter("\"Status\" IN ('pending', 'confirmed', 'checked-in')");
        // Quotas and "my reservations".
        builder.HasIndex(r => new { r.PatronId, r.KindCode, r.StartsAtUtc });
        // Sweeps (reminders, no-shows) and the desk board.
        builder.HasIndex(r => new { r.Status, r.StartsAtUtc });
        // No-show strikes: a patron's recent no-shows of a kind, without walking their whole history.
        builder.HasIndex(r => new { r.PatronId, r.KindCode, r.CancelledAtUtc }, "IX_Reservations_NoShow_PatronId_KindCode_CancelledAtUtc")
            .HasFilter("\"Status\" = 'no-show'");
    }
}
