using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class ReservationSeriesConfiguration : IEntityTypeConfiguration<ReservationSeries>
{
    public void Configure(EntityTypeBuilder<ReservationSeries> builder)
    {
        builder.ToTable("ReservationSeries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Repeat).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(s => s.Refusals);
        builder.HasOne<Resource>().WithMany().HasForeignKey(s => s.ResourceId).OnDelete(DeleteBehavior.Restrict);

        // A patron's series ("My reservations") and the desk's list of upcoming series. No foreign key to the account:
        // the patron id is kept like an anonymised reservation's, never blocking an account's removal.
        builder.HasIndex(s => new { s.PatronId, s.LastDate });
        builder.HasIndex(s => s.LastDate);
    }
}
