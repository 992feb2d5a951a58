using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Domain.Calendar;
using Booking.Domain.Certifications;
using Booking.Domain.Locations;
using Booking.Domain.Networking;
using Booking.Domain.Notifications;
using Booking.Domain.Partners;
using Booking.Domain.Reports;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Domain.Surveys;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Booking.Data;

/// <summary>
/// The unit of work: one model for both SQLite and PostgreSQL, with Identity and the Data Protection key ring on
/// the same database (so every node and every restart reads the same keys).
/// </summary>
public sealed class BookingDbContext(DbContextOptions<BookingDbContext> options)
    : IdentityDbContext<UserAccount, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Location> Locations => Set<Location>();

    public DbSet<ResourceKind> ResourceKinds => Set<ResourceKind>();

    public DbSet<Resource> Resources => Set<Resource>();

    /// <summary>At most one per resource; read through projections, as each row holds two images.</summary>
    public DbSet<ResourcePhoto> ResourcePhotos => Set<ResourcePhoto>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    /// <summary>Recurring bookings staff made in one step; their reservations carry the series' id.</summary>
    public DbSet<ReservationSeries> ReservationSeries => Set<ReservationSeries>();

    public DbSet<MaintenanceBlock> MaintenanceBlocks => Set<MaintenanceBlock>();

    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();

    public DbSet<CertificationDefinition> Certifications => Set<CertificationDefinition>();

    public DbSet<CertificationGrant> CertificationGrants => Set<CertificationGrant>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<SessionRegistration> SessionRegistrations => Set<SessionRegistration>();

    public DbSet<SessionDesk> SessionDesks => Set<SessionDesk>();

    public DbSet<PartnerOrganisation> Partners => Set<PartnerOrganisation>();

    /// <summary>Which patrons each partner organisation serves.</summary>
    public DbSet<PartnerClient> PartnerClients => Set<PartnerClient>();

    /// <summary>Partners' requests that an existing patron become their client, answered by the patron.</summary>
    public DbSet<PartnerClientRequest> PartnerClientRequests => Set<PartnerClientRequest>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ReservationNotice> ReservationNotices => Set<ReservationNotice>();

    public DbSet<BookingSuspension> BookingSuspensions => Set<BookingSuspension>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Refused booking attempts per branch, local day, kind and code: anonymous demand for reports.</summary>
    public DbSet<RefusalCount> RefusalCounts => Set<RefusalCount>();

    /// <summary>The stamp of the resources, kinds and branches as last saved (see <see cref="CatalogueVersion"/>).</summary>
    public DbSet<CatalogueVersion> CatalogueVersions => Set<CatalogueVersion>();

    /// <summary>The skills survey the admins write (one is used: the first made).</summary>
    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    /// <summary>The choices picked in responses: what survey results count.</summary>
    public DbSet<SurveyResponseChoice> SurveyResponseChoices => Set<SurveyResponseChoice>();

    /// <summary>Patrons' networking profiles, shown only to fellow attendees who opted in (issue #20).</summary>
    public DbSet<NetworkingProfile> NetworkingProfiles => Set<NetworkingProfile>();

    /// <summary>Per-session opt-ins to show one's profile to the other attendees.</summary>
    public DbSet<NetworkingConsent> NetworkingConsents => Set<NetworkingConsent>();

    public DbSet<ConnectionRequest> ConnectionRequests => Set<ConnectionRequest>();

    // Asked several times per booking; the provider's name is built from its assembly's name on every call, and a
    // context (pooled or not) never changes provider.
    private bool? _isPostgres;

    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampCatalogueChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampCatalogueChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A save that adds, changes or removes a resource, a kind or a branch (or a part they own: hours, closures, a
    /// policy) gives the catalogue a new stamp in the same save, so no node keeps booking against an old copy.
    /// </summary>
    private void StampCatalogueChanges()
    {
        var changed = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsCatalogue(e.Metadata));
        if (!changed)
        {
            return;
        }

        var version = CatalogueVersions.Local.FirstOrDefault() ?? Attach(new CatalogueVersion()).Entity;
        version.Stamp = Guid.NewGuid().ToString("N");
        Entry(version).Property(v => v.Stamp).IsModified = true;
    }

    /// <summary>A resource, kind or branch, or a part they own (a branch's hours and closures, a resource's policy).</summary>
    private static bool IsCatalogue(Microsoft.EntityFrameworkCore.Metadata.IEntityType type)
    {
        while (type.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }

        return type.ClrType == typeof(Resource) || type.ClrType == typeof(ResourceKind) || type.ClrType == typeof(Location);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no DateTimeKind: everything stored is UTC, so read it back as UTC.
        if (!IsPostgres)
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (IsPostgres)
        {
            // Backs the exclusion constraint that forbids overlapping reservations (see the Postgres migration).
            builder.HasPostgresExtension("btree_gist");
        }

        ReportFunctions.Map(builder, IsPostgres);
        builder.Entity<UserAccount>().Property(u => u.PreferredLanguage).HasMaxLength(10);
        builder.ApplyConfigurationsFromAssembly(typeof(BookingDbContext).Assembly, t => t.Namespace == typeof(Configurations.LocationConfiguration).Namespace);

        // Wall-clock times of a branch (closures) are not instants: no time zone in the column, no UTC kind.
        builder.Entity<Location>().OwnsMany(l => l.Closures, closure =>
        {
            foreach (var property in new[] { nameof(Closure.StartsLocal), nameof(Closure.EndsLocal) })
            {
                var p = closure.Property<DateTime>(property).HasConversion(LocalDateTimeConverter.Instance);
                if (IsPostgres)
                {
                    p.HasColumnType("timestamp without time zone");
                }
            }
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class LocalDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified))
    {
        public static readonly LocalDateTimeConverter Instance = new();
    }
}
