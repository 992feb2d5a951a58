namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// Waits, bounded in real time, for a real effect outside the test's control: a mail reaching the SMTP server,
/// a worker stamping a row, a file written, a scheduler run finishing. Never for a clock: tests move time with
/// <c>FakeTimeProvider</c>. On timeout it throws a <see cref="TimeoutException"/> naming what it waited for and how long.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly object Done = new();

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, pollInterval);

    /// <summary>Waits until <paramref name="condition"/> (a query, say) holds.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null) =>
        await ValueAsync<object>(async () => await condition() ? Done : null, what, timeout, pollInterval);

    /// <summary>Waits until <paramref name="probe"/> finds something, and returns it.</summary>
    public static Task<T> ValueAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
        where T : class =>
        ValueAsync(() => Task.FromResult(probe()), what, timeout, pollInterval);

    /// <summary>Waits until <paramref name="probe"/> (a query, say) finds something, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
        where T : class
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval);
        }
    }
}
