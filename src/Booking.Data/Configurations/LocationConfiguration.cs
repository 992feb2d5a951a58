using Booking.Domain.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Name).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Address).HasMaxLength(400);
        builder.Property(l => l.TimeZoneId).HasMaxLength(100).IsRequired();
        builder.Ignore(l => l.TimeZone);

        builder.OwnsMany(l => l.OpeningHours, hours =>
        {
            hours.ToTable("OpeningHours");
            hours.WithOwner().HasForeignKey("LocationId");
            hours.Property<int>("Id");
            hours.HasKey("Id");
            hours.Property(h => h.Day).HasConversion<int>();
        });
        builder.Navigation(l => l.OpeningHours).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(l => l.Closures, closures =>
        {
            closures.ToTable("Closures");
            closures.WithOwner().HasForeignKey("LocationId");
            closures.HasKey(c => c.Id);
            closures.Property(c => c.Id).ValueGeneratedNever();
            closures.Property(c => c.Reason).HasMaxLength(300).IsRequired();
        });
        builder.Navigation(l => l.Closures).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
