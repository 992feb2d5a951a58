using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(2000).IsRequired();
        builder.Property(r => r.OutOfServiceReason).HasMaxLength(500);
        builder.HasOne<ResourceKind>().WithMany().HasForeignKey(r => r.KindCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.LocationId, r.KindCode });
        builder.HasIndex(r => r.KindCode);
        builder.ComplexProperty(r => r.PolicyOverride, policy => policy.IsRequired());
        builder.PrimitiveCollection(r => r.RequiredCertificationIds).IsRequired();
    }
}
