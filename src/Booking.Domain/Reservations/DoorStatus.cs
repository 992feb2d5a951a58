using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>Why a resource is taken for a while, as the door display may say it: never who took it.</summary>
public enum BusyReason
{
    Booked,
    Session,
    Maintenance,
}

/// <summary>A stretch a resource is taken; <see cref="Title"/> only for a session (its title is public).</summary>
public sealed record BusyTime(UtcInterval Interval, BusyReason Reason, string? Title = null);

/// <summary>What a resource is doing now, for the door display.</summary>
public enum DoorState
{
    Free,
    InUse,
    Closed,
    OutOfService,
}

/// <summary>
/// One resource on the door display: its state now, until when (null: no end today), what holds it now (a session's
/// title, or maintenance), and the next stretches it is taken before the horizon.
/// </summary>
public sealed record DoorLine(DoorState State, DateTime? UntilUtc, BusyTime? Now, IReadOnlyList<BusyTime> Next);

/// <summary>The door display's rule: from the resource's busy times and the branch's opening periods, what to say now.</summary>
public static class DoorStatus
{
    /// <summary>How many later stretches a line lists: a door is read in passing.</summary>
    public const int MaxNext = 3;

    /// <param name="nowUtc">Now.</param>
    /// <param name="horizonUtc">The end of what the display covers (the end of the local day, at least an hour ahead).</param>
    /// <param name="busy">The resource's busy stretches overlapping [now, horizon), in any order.</param>
    /// <param name="open">The branch's opening periods overlapping [now, horizon).</param>
    /// <param name="outOfService">Whether the resource is out of service.</param>
    public static DoorLine For(DateTime nowUtc, DateTime horizonUtc, IEnumerable<BusyTime> busy, IReadOnlyList<UtcInterval> open, bool outOfService)
    {
        var ahead = busy.Where(b => b.Interval.End > nowUtc && b.Interval.Start < horizonUtc).OrderBy(b => b.Interval.Start).ToList();
        if (outOfService)
        {
            return new DoorLine(DoorState.OutOfService, null, null, []);
        }

        var current = ahead.FirstOrDefault(b => b.Interval.Start <= nowUtc);
        if (current is not null)
        {
            // Back-to-back stretches read as one: "in use until" the last of them ends.
            var until = current.Interval.End;
            foreach (var b in ahead.Where(b => b != current))
            {
                if (b.Interval.Start <= until)
                {
                    until = b.Interval.End > until ? b.Interval.End : until;
                }
            }

            return new DoorLine(DoorState.InUse, until, current, Later(ahead, until));
        }

        var period = open.FirstOrDefault(p => p.Start <= nowUtc && nowUtc < p.End);
        if (period == default)
        {
            var opens = open.Where(p => p.Start > nowUtc).Select(p => (DateTime?)p.Start).FirstOrDefault();
            return new DoorLine(DoorState.Closed, opens, null, Later(ahead, nowUtc));
        }

        var nextStart = ahead.Select(b => (DateTime?)b.Interval.Start).FirstOrDefault();
        var freeUntil = nextStart is { } n && n < period.End ? n : period.End;
        return new DoorLine(DoorState.Free, freeUntil, null, Later(ahead, nowUtc));
    }

    private static List<BusyTime> Later(List<BusyTime> ahead, DateTime fromUtc) =>
        ahead.Where(b => b.Interval.Start >= fromUtc).Take(MaxNext).ToList();
}
