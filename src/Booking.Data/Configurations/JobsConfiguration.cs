using Booking.Data.Identity;
using Booking.Domain.Calendar;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ReservationNoticeConfiguration : IEntityTypeConfiguration<ReservationNotice>
{
    public void Configure(EntityTypeBuilder<ReservationNotice> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Purpose).HasMaxLength(40).IsRequired();
        builder.HasOne<Reservation>().WithMany().HasForeignKey(n => n.ReservationId).OnDelete(DeleteBehavior.Cascade);
        // The exactly-once fact: one notice per reservation, purpose and start, whatever node or retry tries again.
        builder.HasIndex(n => new { n.ReservationId, n.Purpose, n.ForStartsAtUtc }).IsUnique();
    }
}

internal sealed class BookingSuspensionConfiguration : IEntityTypeConfiguration<BookingSuspension>
{
    public void Configure(EntityTypeBuilder<BookingSuspension> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.KindCode).HasMaxLength(40).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(500).IsRequired();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.PatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PatronId, s.KindCode, s.EndsAtUtc });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Token).HasMaxLength(64).IsRequired();
        builder.Ignore(f => f.IsActive);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(f => f.PatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.Token).IsUnique();
        builder.HasIndex(f => f.PatronId);
    }
}
