using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(w => w.Interval);
        builder.HasOne<Resource>().WithMany().HasForeignKey(w => w.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(w => w.PatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.ResourceId, w.Status, w.LineNumber });
        builder.HasIndex(w => w.PatronId);
    }
}
