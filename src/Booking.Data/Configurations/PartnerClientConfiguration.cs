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
