using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ResourcePhotoConfiguration : IEntityTypeConfiguration<ResourcePhoto>
{
    public void Configure(EntityTypeBuilder<ResourcePhoto> builder)
    {
        // One photo per resource, gone with it. Queries project the columns they need: never both images at once.
        builder.HasKey(p => p.ResourceId);
        builder.HasOne<Resource>().WithOne().HasForeignKey<ResourcePhoto>(p => p.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).HasMaxLength(32).IsRequired();
        builder.Property(p => p.AltText).HasMaxLength(ResourcePhoto.AltTextLength).IsRequired();
        builder.Property(p => p.ContentType).HasMaxLength(40).IsRequired();
        builder.Property(p => p.Display).IsRequired();
        builder.Property(p => p.Thumbnail).IsRequired();
    }
}
