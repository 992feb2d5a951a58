using Booking.Data.Identity;
using Booking.Domain.Certifications;
using Booking.Domain.Partners;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion(k => k.ToCode(), k => ParseKind(k)).HasMaxLength(20);
        builder.Property(s => s.Title).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(2000).IsRequired();
        builder.Property(s => s.CancellationReason).HasMaxLength(500);
        builder.PrimitiveCollection(s => s.DeskReservationIds).IsRequired();
        builder.Ignore(s => s.Interval);
        builder.Ignore(s => s.IsCancelled);
        builder.Ignore(s => s.PlacesTaken);
        builder.Ignore(s => s.PublicCapacity);
        builder.Ignore(s => s.PublicPlacesTaken);
        builder.Ignore(s => s.PartnerSeatsTaken);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(s => s.SeatsPartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.Waiting);
        builder.HasOne<Resource>().WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CertificationDefinition>().WithMany().HasForeignKey(s => s.CertificationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Registrations).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Registrations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Desks).WithOne().HasForeignKey(d => d.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Desks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.FreeDesks);
        builder.HasIndex(s => s.StartsAtUtc);
        // "Next trainings for this certification" in the booking gate's refusal.
        builder.HasIndex(s => new { s.CertificationId, s.StartsAtUtc });
    }

    private static SessionKind ParseKind(string code) =>
        SessionCodes.TryParseKind(code, out var kind) ? kind : throw new InvalidOperationException($"Unknown session kind '{code}' in the database.");
}

internal sealed class SessionRegistrationConfiguration : IEntityTypeConfiguration<SessionRegistration>
{
    public void Configure(EntityTypeBuilder<SessionRegistration> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion(s => s.ToCode(), s => SessionCodes.StatusFromCode(s)).HasMaxLength(20);
        builder.Ignore(r => r.HoldsPlace);
        builder.Ignore(r => r.IsActive);
        // No foreign key to the account: anonymising a registration gives it a random patron id that no account has
        // (a session holds each patron once, so the shared stand-in cannot be used), which a key would refuse.
        // One registration per patron and session, even when two requests race past the check.
        builder.HasIndex(r => new { r.SessionId, r.PatronId }).IsUnique();
        builder.HasIndex(r => r.PatronId);
    }
}

internal sealed class SessionDeskConfiguration : IEntityTypeConfiguration<SessionDesk>
{
    public void Configure(EntityTypeBuilder<SessionDesk> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Ignore(d => d.IsFree);
        builder.HasOne<Resource>().WithMany().HasForeignKey(d => d.ResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SessionRegistration>().WithMany().HasForeignKey(d => d.RegistrationId).OnDelete(DeleteBehavior.SetNull);
        // A desk is held once per session, and an attendee holds at most one desk, even when registrations race.
        builder.HasIndex(d => new { d.SessionId, d.ResourceId }).IsUnique();
        builder.HasIndex(d => d.RegistrationId).IsUnique();
        // The no-show sweep asks "is this reservation a session's hold?".
        builder.HasIndex(d => d.ReservationId).IsUnique();
    }
}

internal sealed class PartnerOrganisationConfiguration : IEntityTypeConfiguration<PartnerOrganisation>
{
    public void Configure(EntityTypeBuilder<PartnerOrganisation> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(2000).IsRequired();
        builder.Property(p => p.Offers).HasMaxLength(2000).IsRequired();
        builder.Property(p => p.Website).HasMaxLength(400);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
