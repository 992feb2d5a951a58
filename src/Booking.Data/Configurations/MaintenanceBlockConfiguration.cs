using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class MaintenanceBlockConfiguration : IEntityTypeConfiguration<MaintenanceBlock>
{
    public void Configure(EntityTypeBuilder<MaintenanceBlock> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Reason).HasMaxLength(500).IsRequired();
        builder.Ignore(m => m.Interval);
        builder.Ignore(m => m.IsLifted);
        builder.HasOne<Resource>().WithMany().HasForeignKey(m => m.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ResourceId, m.StartsAtUtc });
    }
}
