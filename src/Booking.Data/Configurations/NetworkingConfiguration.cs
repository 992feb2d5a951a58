using Booking.Data.Identity;
using Booking.Domain.Networking;
using Booking.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Configurations;

internal sealed class NetworkingProfileConfiguration : IEntityTypeConfiguration<NetworkingProfile>
{
    public void Configure(EntityTypeBuilder<NetworkingProfile> builder)
    {
        builder.HasKey(p => p.PatronId);
        builder.Property(p => p.PatronId).ValueGeneratedNever();
        builder.Property(p => p.DisplayName).HasMaxLength(NetworkingProfile.DisplayNameLength).IsRequired();
        builder.Property(p => p.WhatIDo).HasMaxLength(NetworkingProfile.WhatIDoLength).IsRequired();
        builder.Property(p => p.Link).HasMaxLength(NetworkingProfile.LinkLength);
        builder.PrimitiveCollection(p => p.Offers).IsRequired();
        builder.PrimitiveCollection(p => p.Seeks).IsRequired();
        builder.HasOne<UserAccount>().WithOne().HasForeignKey<NetworkingProfile>(p => p.PatronId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NetworkingConsentConfiguration : IEntityTypeConfiguration<NetworkingConsent>
{
    public void Configure(EntityTypeBuilder<NetworkingConsent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(c => c.PatronId).OnDelete(DeleteBehavior.Cascade);
        // One consent per patron and session, even when two opt-ins race.
        builder.HasIndex(c => new { c.SessionId, c.PatronId }).IsUnique();
        builder.HasIndex(c => c.PatronId);
    }
}

internal sealed class ConnectionRequestConfiguration : IEntityTypeConfiguration<ConnectionRequest>
{
    public void Configure(EntityTypeBuilder<ConnectionRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.FromPatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.ToPatronId).OnDelete(DeleteBehavior.Cascade);
        // One request per pair and session, whoever asks and however many ask at once.
        builder.HasIndex(r => new { r.SessionId, r.FirstPatronId, r.SecondPatronId }).IsUnique();
        builder.HasIndex(r => r.ToPatronId);
        builder.HasIndex(r => r.FromPatronId);
    }
}
