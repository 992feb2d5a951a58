namespace Booking.Data;

/// <summary>The databases Makerspace runs on: SQLite (embedded default) or PostgreSQL (production).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
