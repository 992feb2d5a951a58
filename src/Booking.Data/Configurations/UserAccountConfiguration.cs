using Booking.Data.Identity;
using Booking.Domain.Partners;
using Booking.Domain.Patrons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.Property(u => u.LibraryCardNumber).HasMaxLength(LibraryCard.MaxLength);
        // Unique among the accounts that have one: both databases let any number of rows leave it null.
        builder.HasIndex(u => u.LibraryCardNumber).IsUnique();
        // Removing a partner organisation unbinds its staff rather than deleting their accounts.
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(u => u.PartnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
