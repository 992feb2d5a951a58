using System.Collections.Concurrent;
using Booking.Data;

namespace Booking.Workflows.Reservations;

/// <summary>
/// This node's copy of the booking subjects (resource, kind, branch, policy) it has booked against, each with the
/// catalogue stamp it was read at. A booking starts from the copy and so saves a round trip; the facts it reads (also
/// under the locks) carry the current stamp, and a booking whose copy is older reads the subject again before it
/// decides anything. So a change an admin saves on any node counts from the next booking on, as before.
/// </summary>
public sealed class BookingSubjects
{
    /// <summary>A catalogue is hundreds of resources; past this many copies (ids that came and went) the copy starts again.</summary>
    private const int MostKept = 10_000;

    private readonly ConcurrentDictionary<Guid, (BookingSubject Subject, string? Stamp)> _kept = new();

    /// <summary>The copy of the subject, or the subject read now (null when there is no such resource).</summary>
    public async Task<(BookingSubject? Subject, string? Stamp)> FindAsync(BookingDbContext db, Guid resourceId, CancellationToken ct) =>
        _kept.TryGetValue(resourceId, out var kept) ? kept : await ReadAsync(db, resourceId, ct);

    /// <summary>Reads the subject again (its copy was older than the facts) and keeps the new copy.</summary>
    public async Task<(BookingSubject? Subject, string? Stamp)> ReadAsync(BookingDbContext db, Guid resourceId, CancellationToken ct)
    {
        var read = await BookingSubject.LoadStampedAsync(db, resourceId, ct);
        if (read.Subject is null)
        {
            _kept.TryRemove(resourceId, out _);
            return read;
        }

        if (_kept.Count >= MostKept)
        {
            _kept.Clear();
        }

        _kept[resourceId] = (read.Subject, read.Stamp);
        return read;
    }
}
