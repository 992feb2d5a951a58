using Booking.Data.Identity;
using Booking.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class PartnerClientConfiguration : IEntityTypeConfiguration<PartnerClient>
{
    public void Configure(EntityTypeBuilder<PartnerClient> builder)
    {
        builder.ToTable("PartnerClients");
        builder.HasKey(c => new { c.PartnerId, c.PatronId });
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
        // A closed account leaves no trace with the partner.
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.PatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.PatronId);
    }
}

internal sealed class PartnerClientRequestConfiguration : IEntityTypeConfiguration<PartnerClientRequest>
{
    public void Configure(EntityTypeBuilder<PartnerClientRequest> builder)
    {
        builder.ToTable("PartnerClientRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(r => r.ExpiresAtUtc);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.PatronId).OnDelete(DeleteBehavior.Cascade);
        // One request per partner and patron, however many staff ask at once.
        builder.HasIndex(r => new { r.PartnerId, r.PatronId }).IsUnique();
        builder.HasIndex(r => r.PatronId);
    }
}
