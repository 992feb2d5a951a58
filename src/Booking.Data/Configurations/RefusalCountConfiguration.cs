using Booking.Domain.Locations;
using Booking.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class RefusalCountConfiguration : IEntityTypeConfiguration<RefusalCount>
{
    public void Configure(EntityTypeBuilder<RefusalCount> builder)
    {
        // The key is what the upsert counts by (RefusalCounts.RecordAsync); day first, as reports read a range of days.
        builder.HasKey(c => new { c.Day, c.LocationId, c.KindCode, c.Code });
        builder.Property(c => c.KindCode).HasMaxLength(40);
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.HasOne<Location>().WithMany().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
