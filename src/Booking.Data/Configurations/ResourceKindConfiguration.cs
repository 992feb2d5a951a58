using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ResourceKindConfiguration : IEntityTypeConfiguration<ResourceKind>
{
    public void Configure(EntityTypeBuilder<ResourceKind> builder)
    {
        builder.HasKey(k => k.Code);
        builder.Property(k => k.Code).HasMaxLength(40);
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.ComplexProperty(k => k.DefaultPolicy, policy => policy.IsRequired());
    }
}
