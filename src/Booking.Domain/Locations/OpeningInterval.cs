namespace Booking.Domain.Locations;

/// <summary>One stretch of a weekday when a branch is open, in its local wall time.</summary>
public sealed record OpeningInterval(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool Contains(TimeOnly from, TimeOnly until) => from >= Opens && until <= Closes;
}
