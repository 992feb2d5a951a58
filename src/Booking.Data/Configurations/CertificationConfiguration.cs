using Booking.Data.Identity;
using Booking.Domain.Certifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class CertificationDefinitionConfiguration : IEntityTypeConfiguration<CertificationDefinition>
{
    public void Configure(EntityTypeBuilder<CertificationDefinition> builder)
    {
        builder.ToTable("Certifications");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(2000).IsRequired();
        builder.PrimitiveCollection(c => c.PrerequisiteIds).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class CertificationGrantConfiguration : IEntityTypeConfiguration<CertificationGrant>
{
    public void Configure(EntityTypeBuilder<CertificationGrant> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.RevocationReason).HasMaxLength(500);
        builder.Ignore(g => g.IsRevoked);
        builder.HasOne<CertificationDefinition>().WithMany().HasForeignKey(g => g.CertificationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(g => g.PatronId).OnDelete(DeleteBehavior.Restrict);
        // The booking gate and "my certifications": a patron's grants by certification.
        builder.HasIndex(g => new { g.PatronId, g.CertificationId });
        // The expiry sweep.
        builder.HasIndex(g => g.ExpiresAtUtc);
    }
}
