using Booking.Domain.Common;

namespace Booking.Domain.Locations;

/// <summary>A library branch: its time zone, weekly opening hours and closures.</summary>
public sealed class Location
{
    private readonly List<OpeningInterval> _openingHours = [];
    private readonly List<Closure> _closures = [];

    private Location()
    {
    }

    public Location(string name, string timeZoneId, string? address = null)
    {
        Id = Guid.NewGuid();
        Rename(name, address);
        ChangeTimeZone(timeZoneId);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Address { get; private set; }

    /// <summary>IANA time zone id, e.g. <c>America/New_York</c>.</summary>
    public string TimeZoneId { get; private set; } = "";

    public IReadOnlyList<OpeningInterval> OpeningHours => _openingHours;

    public IReadOnlyList<Closure> Closures => _closures;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public void Rename(string name, string? address)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A location needs a name.");
        }

        Name = name.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public void ChangeTimeZone(string timeZoneId)
    {
        if (!IsKnownTimeZone(timeZoneId))
        {
            throw new DomainException(ErrorCodes.Validation, "'{0}' is not an IANA time zone (for example America/New_York).", timeZoneId);
        }

        TimeZoneId = timeZoneId;
    }

    /// <summary>Replaces the weekly hours; intervals of one day may not overlap.</summary>
    public void SetOpeningHours(IEnumerable<OpeningInterval> intervals)
    {
        var list = intervals.OrderBy(i => i.Day).ThenBy(i => i.Opens).ToList();
        foreach (var interval in list)
        {
            if (ClosesAt(interval) <= interval.Opens.ToTimeSpan())
            {
                throw new DomainException(ErrorCodes.Validation, "On {0} the branch must close after it opens ({1:HH\\:mm}–{2:HH\\:mm}).", interval.Day, interval.Opens, interval.Closes);
            }
        }

        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Day == list[i - 1].Day && list[i].Opens.ToTimeSpan() < ClosesAt(list[i - 1]))
            {
                throw new DomainException(ErrorCodes.Validation, "The opening hours on {0} overlap.", list[i].Day);
            }
        }

        _openingHours.Clear();
        _openingHours.AddRange(list);
    }

    public Closure AddClosure(DateTime startsLocal, DateTime endsLocal, string reason)
    {
        var closure = new Closure(startsLocal, endsLocal, reason);
        _closures.Add(closure);
        return closure;
    }

    public bool RemoveClosure(Guid closureId) => _closures.RemoveAll(c => c.Id == closureId) > 0;

    public static bool IsKnownTimeZone(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) && zone.HasIanaId;
    }

    /// <summary>Closing at midnight is written 00:00 (as the booking rules and free-time search read it): the end of the day.</summary>
    private static TimeSpan ClosesAt(OpeningInterval interval) =>
        interval.Closes == TimeOnly.MinValue ? TimeSpan.FromDays(1) : interval.Closes.ToTimeSpan();
}
