namespace Booking.Domain.Common;

/// <summary>A half-open span of time [Start, End) in UTC.</summary>
public readonly record struct UtcInterval
{
    public UtcInterval(DateTime start, DateTime end)
    {
        if (start.Kind == DateTimeKind.Local || end.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Intervals are UTC instants, not machine-local times.");
        }

        Start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        End = DateTime.SpecifyKind(end, DateTimeKind.Utc);
    }

    public DateTime Start { get; }

    public DateTime End { get; }

    public TimeSpan Duration => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Overlaps(UtcInterval other) => Start < other.End && other.Start < End;

    public bool Contains(UtcInterval other) => Start <= other.Start && other.End <= End;

    public override string ToString() => $"[{Start:O}, {End:O})";
}
