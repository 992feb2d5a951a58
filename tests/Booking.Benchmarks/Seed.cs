using System.Diagnostics;
using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Booking.Benchmarks;

/// <summary>
/// A consortium's busy quarter, written set-based in SQL on the schema the app's migrations made:
/// 3 branches open 07:00–23:00 every day, 10 kinds × 50 resources, 3,000 patrons, ~300k reservations
/// over 90 days that respect the exclusion constraint. Policies let the benchmark book: no approval,
/// no certification, no quotas, a 15-minute buffer.
/// </summary>
public static class Seed
{
    public const int Patrons = 3000;
    public const int ResourcesPerKind = 50;
    public const string PatronPassword = "Bench-patron-1";

    /// <summary>Marks the 100,000 past reservations the no-show sweep is timed on.</summary>
    public const string NoShowMark = "bench:no-show";

    /// <summary>Marks bookings made by pgbench's insert, removed before the app books.</summary>
    public const string PgbenchMark = "bench:pgbench";

    /// <summary>Sent as the notes of the app's bookings.</summary>
    public const string AppMark = "bench:app";

    public static readonly string[] Kinds =
        ["room", "3d-printer", "laser-cutter", "laptop", "coworking-desk", "sewing-machine", "vinyl-cutter", "cnc-router", "recording-booth", "vr-headset"];

    public static readonly (string Name, string Zone)[] Branches =
        [("Central Library", "America/New_York"), ("Eastside Branch", "America/Chicago"), ("Hillcrest Branch", "America/Los_Angeles")];

    public static async Task<SeedSummary> RunAsync(NpgsqlDataSource db, DateTime nowUtc)
    {
        var clock = Stopwatch.StartNew();
        // One hash for every bench patron: Identity's format carries its own salt, so it verifies for each.
        var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), PatronPassword);
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await ExecAsync(connection, tx, Schema);
        await ExecAsync(connection, tx, Setup, ("now", nowUtc), ("hash", hash), ("kinds", Kinds),
            ("names", Branches.Select(b => b.Name).ToArray()), ("zones", Branches.Select(b => b.Zone).ToArray()));
        await ExecAsync(connection, tx, Reservations, ("now", nowUtc));
        await tx.CommitAsync();
        await ExecAsync(connection, null, """VACUUM ANALYZE""");
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "Reservations" """, connection);
        var reservations = (long)(await count.ExecuteScalarAsync())!;
        return new SeedSummary(Branches.Length, Kinds.Length, Kinds.Length * ResourcesPerKind, Patrons, reservations, clock.Elapsed.TotalSeconds);
    }

    public static async Task ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Lookup tables for pgbench (number → id) and pgbench's booking insert.</summary>
    private const string Schema = """
        CREATE SCHEMA bench;
        CREATE TABLE bench.resources (n int PRIMARY KEY, id uuid NOT NULL, kind text NOT NULL, zone text NOT NULL, location_id uuid NOT NULL);
        CREATE TABLE bench.patrons (n int PRIMARY KEY, id uuid NOT NULL);
        """;

    private const string Setup = """
        UPDATE "ResourceKinds" SET
            "DefaultPolicy_SlotMinutes" = 15, "DefaultPolicy_MinDurationMinutes" = 15, "DefaultPolicy_MaxDurationMinutes" = 240,
            "DefaultPolicy_BufferAfterMinutes" = 15, "DefaultPolicy_LeadTimeMinutes" = 0, "DefaultPolicy_AdvanceWindowDays" = 30,
            "DefaultPolicy_MaxActiveReservations" = NULL, "DefaultPolicy_MaxHoursPerWeek" = NULL,
            "DefaultPolicy_CheckInOpensMinutesBefore" = 15, "DefaultPolicy_NoShowGraceMinutes" = 15, "DefaultPolicy_RequiresApproval" = false;
        INSERT INTO "ResourceKinds" ("Code", "Name", "DefaultPolicy_SlotMinutes", "DefaultPolicy_MinDurationMinutes", "DefaultPolicy_MaxDurationMinutes",
            "DefaultPolicy_BufferAfterMinutes", "DefaultPolicy_LeadTimeMinutes", "DefaultPolicy_AdvanceWindowDays", "DefaultPolicy_MaxActiveReservations",
            "DefaultPolicy_MaxHoursPerWeek", "DefaultPolicy_CheckInOpensMinutesBefore", "DefaultPolicy_NoShowGraceMinutes", "DefaultPolicy_RequiresApproval")
        SELECT k, initcap(replace(k, '-', ' ')), 15, 15, 240, 15, 0, 30, NULL, NULL, 15, 15, false
        FROM unnest(@kinds::text[]) AS k
        ON CONFLICT ("Code") DO NOTHING;

        INSERT INTO "Locations" ("Id", "Name", "Address", "TimeZoneId")
        SELECT gen_random_uuid(), name, NULL, zone FROM unnest(@names::text[], @zones::text[]) AS b(name, zone);
        INSERT INTO "OpeningHours" ("Day", "Opens", "Closes", "LocationId")
        SELECT d, '07:00', '23:00', l."Id" FROM "Locations" l CROSS JOIN generate_series(0, 6) AS d;

        -- Resource n (1..500): kind (n-1)/50, branch n % 3.
        INSERT INTO bench.resources (n, id, kind, zone, location_id)
        SELECT n, gen_random_uuid(), (@kinds::text[])[(n - 1) / 50 + 1], l."TimeZoneId", l."Id"
        FROM generate_series(1, 500) AS n
        JOIN (SELECT "Id", "TimeZoneId", row_number() OVER (ORDER BY "Name") - 1 AS i FROM "Locations") l ON l.i = n % 3;
        INSERT INTO "Resources" ("Id", "Name", "KindCode", "LocationId", "Description", "Capacity", "IsOutOfService")
        SELECT r.id, initcap(replace(r.kind, '-', ' ')) || ' #' || ((r.n - 1) % 50 + 1), r.kind, r.location_id, 'Seeded for the benchmark.', 1, false
        FROM bench.resources r;

        INSERT INTO bench.patrons (n, id) SELECT n, gen_random_uuid() FROM generate_series(1, 3000) AS n;
        INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAtUtc", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
            "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
        SELECT p.id, 'Bench Patron ' || p.n, @now - interval '200 days', e, upper(e), e, upper(e), true,
            @hash, replace(gen_random_uuid()::text, '-', ''), gen_random_uuid()::text, false, false, true, 0
        FROM bench.patrons p, LATERAL (SELECT 'bench-patron-' || lpad(p.n::text, 4, '0') || '@makerspace.test' AS e) x;
        INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
        SELECT p.id, r."Id" FROM bench.patrons p CROSS JOIN "AspNetRoles" r WHERE r."Name" = 'Patron';
        """;

    /// <summary>
    /// Local days -29..60 around today, per branch zone. Days -13..-1: 45-minute bookings every hour
    /// from 07:00 (the buffer fills the hour), all used; the latest 100,000 of them are the no-show
    /// sweep's work. Other days: 1-hour bookings at 07, 09, ... 21, about 62% of them taken; past ones
    /// mostly completed, future ones confirmed. Patrons are drawn at random. PostgreSQL evaluates the 62% draw
    /// where it joins days and hours, before the resources: a (day, hour) is taken for every resource or for none
    /// (kept so: runs stay comparable; the burst passes over a day that is taken everywhere).
    /// </summary>
    private const string Reservations = """
        SELECT setseed(0.7);
        WITH slots AS (
            SELECT r.id AS resource_id, r.kind, d, h,
                   ((((@now AT TIME ZONE r.zone)::date + d) + make_interval(hours => h)) AT TIME ZONE r.zone) AS starts,
                   CASE WHEN d BETWEEN -13 AND -1 THEN 45 ELSE 60 END AS minutes,
                   1 + floor(random() * 3000)::int AS patron
            FROM bench.resources r
            CROSS JOIN generate_series(-29, 60) AS d
            CROSS JOIN generate_series(7, 22) AS h
            WHERE (d BETWEEN -13 AND -1) OR (h % 2 = 1 AND random() < 0.62)
        )
        INSERT INTO "Reservations" ("Id", "ResourceId", "KindCode", "PatronId", "CreatedById", "CreatedOnBehalf", "StartsAtUtc", "EndsAtUtc",
            "BlockedUntilUtc", "Status", "Notes", "CreatedAtUtc", "CheckedInAtUtc", "CompletedAtUtc", "CancelledAtUtc", "StatusReason")
        SELECT gen_random_uuid(), s.resource_id, s.kind, p.id, p.id, false, s.starts, s.starts + make_interval(mins => s.minutes),
            s.starts + make_interval(mins => s.minutes + 15), st.status,
            CASE WHEN s.d BETWEEN -12 AND -1 OR (s.d = -13 AND s.h >= 15) THEN 'bench:no-show' END,
            least(s.starts - interval '10 days', @now - interval '30 days'),
            CASE WHEN st.status = 'completed' THEN s.starts END,
            CASE WHEN st.status = 'completed' THEN s.starts + make_interval(mins => s.minutes) END,
            CASE WHEN st.status IN ('cancelled', 'no-show') THEN s.starts END,
            CASE st.status WHEN 'cancelled' THEN 'Plans changed.' WHEN 'no-show' THEN 'Not checked in within the grace period.' END
        FROM slots s
        JOIN bench.patrons p ON p.n = s.patron
        CROSS JOIN LATERAL (SELECT CASE
            WHEN s.starts >= @now THEN 'confirmed'
            WHEN s.d BETWEEN -13 AND -1 THEN 'completed'
            WHEN random() < 0.06 THEN 'cancelled'
            WHEN random() < 0.05 THEN 'no-show'
            ELSE 'completed' END AS status) st;
        """;
}
