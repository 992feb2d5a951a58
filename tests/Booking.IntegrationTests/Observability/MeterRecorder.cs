using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Booking.Workflows.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Observability;

/// <summary>One recorded counter add: the instrument, the value and its tags.</summary>
public sealed record Measured(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to the "Makerspace" meter of ONE host: the meter its <see cref="IMeterFactory"/> made. Other hosts in the
/// process (xunit runs test classes in parallel) have their own factories, so their counts never reach this one.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MeterRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _ = services.GetRequiredService<MakerspaceMetrics>(); // its instruments exist before the listener looks
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MakerspaceTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measured.Enqueue(new Measured(instrument.Name, value, copy));
        });
        _listener.Start();
    }

    public IReadOnlyList<Measured> Of(string instrument) => _measured.Where(m => m.Instrument == instrument).ToList();

    /// <summary>The sum of <paramref name="instrument"/>'s adds whose tag <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public long Sum(string instrument, string tag, string value) => Of(instrument).Where(m => m.Tag(tag) == value).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
