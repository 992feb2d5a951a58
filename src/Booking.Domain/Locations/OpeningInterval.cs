namespace Booking.Domain.Locations;

/// <summary>One stretch of a weekday when a branch is open, in its local wall time.</summary>
public sealed record OpeningInterval(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Whether [from, until] lies inside; a <see cref="Closes"/> of 00:00 means open until midnight.</summary>
    public bool Contains(TimeOnly from, TimeOnly until) => from >= Opens && (Closes == TimeOnly.MinValue || until <= Closes);
}
