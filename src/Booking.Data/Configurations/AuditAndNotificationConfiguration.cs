using Booking.Domain.Audit;
using Booking.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(60).IsRequired();
        builder.Property(a => a.Subject).HasMaxLength(120).IsRequired();
        builder.Property(a => a.Details).HasMaxLength(2000).IsRequired();
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => a.Subject);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(60).IsRequired();
        builder.Property(n => n.Subject).HasMaxLength(300).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(8000).IsRequired();
        builder.Property(n => n.DiscardReason).HasMaxLength(300);
        builder.Property(n => n.Facts).HasMaxLength(8000);
        builder.Ignore(n => n.IsSettled);
        builder.HasIndex(n => new { n.SentAtUtc, n.CreatedAtUtc });
        builder.HasIndex(n => n.RecipientId);
    }
}
