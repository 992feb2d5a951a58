using System.Collections;
using System.Diagnostics;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// What a host's OpenTelemetry pipeline exported (OpenTelemetry.Exporter.InMemory adds to it), safe to read while
/// the exporter adds. Activity sources are process-wide, so every host's spans arrive here: tests pick theirs by
/// something unique to them (a trace id, a notification id, a Quartz fire id).
/// </summary>
public sealed class ExportedActivities : ICollection<Activity>
{
    private readonly List<Activity> _items = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Where(Func<Activity, bool> predicate)
    {
        lock (_lock)
        {
            return _items.Where(predicate).ToList();
        }
    }

    public void Add(Activity item)
    {
        lock (_lock)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _items.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_lock)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_lock)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_lock)
        {
            return _items.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
