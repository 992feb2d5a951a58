using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersion>
{
    public void Configure(EntityTypeBuilder<CatalogueVersion> builder)
    {
        builder.ToTable("CatalogueVersion");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Stamp).HasMaxLength(32);
        // The row exists from the first migration on: every save that changes the catalogue updates it.
        builder.HasData(new CatalogueVersion { Id = CatalogueVersion.OnlyId, Stamp = "first" });
    }
}
