using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Booking.Benchmarks;

/// <summary>One benchmarked resource: its id, kind and branch time zone.</summary>
public sealed record BenchResource(Guid Id, string Kind, TimeZoneInfo Zone);

/// <summary>
/// What one step of HTTP load got: answers per second and how long each took, all together and apart for the
/// successes and the refusals (a booking that goes ahead does more work than one refused, so the two tails differ).
/// </summary>
public sealed record HttpRun(double PerSecond, Latencies Latencies, Latencies OkLatencies, Latencies RefusedLatencies, long Ok, long Refused, long Errors, string? FirstError);

/// <summary>Concurrent signed-in patrons against the running app, each with its own bearer token.</summary>
public sealed class HttpLoad(Uri baseAddress, IReadOnlyList<BenchResource> resources, IReadOnlyList<string> kinds, DateTime baseUtc)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1000,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly List<string> _tokens = [];

    /// <summary>Signs in the first <paramref name="count"/> bench patrons through <c>POST /api/v1/auth/login</c>.</summary>
    public async Task SignInAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var email = $"bench-patron-{i:0000}@makerspace.test";
            using var response = await _http.PostAsJsonAsync("api/v1/auth/login", new { email, password = Seed.PatronPassword });
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _tokens.Add(body.RootElement.GetProperty("accessToken").GetString()!);
        }
    }

    public Task<HttpRun> BookingAsync(int clients, TimeSpan duration) => RunAsync(clients, duration, (client, random) =>
    {
        var resource = resources[random.Next(resources.Count)];
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, resource.Zone).Date;
        var local = today.AddDays(random.Next(1, 15)).AddHours(random.Next(7, 23));
        var start = new DateTimeOffset(local, resource.Zone.GetUtcOffset(local));
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reservations")
        {
            Content = JsonContent.Create(new { resourceId = resource.Id, start = Iso(start), end = Iso(start.AddHours(1)), notes = Seed.AppMark }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[client]);
        return request;
    }, HttpStatusCode.Created);

    /// <summary>Which of a kind's 50 resources are free for a 2-hour window.</summary>
    public Task<HttpRun> AvailabilityAsync(int clients, TimeSpan duration) => RunAsync(clients, duration, (client, random) =>
    {
        var start = baseUtc.AddDays(random.Next(1, 14)).AddHours(random.Next(14, 25));
        return Availability(client, kinds[random.Next(kinds.Count)], start, start.AddHours(2));
    }, HttpStatusCode.OK);

    /// <summary>A week of a kind's 50 resources: the kind's availability over 7 days (every active reservation of the week is read).</summary>
    public Task<HttpRun> WeekGridAsync(int clients, TimeSpan duration) => RunAsync(clients, duration, (client, random) =>
    {
        var start = baseUtc.AddDays(random.Next(1, 8));
        return Availability(client, kinds[random.Next(kinds.Count)], start, start.AddDays(7));
    }, HttpStatusCode.OK);

    /// <summary>
    /// The moment a week's bookings open: <paramref name="requests"/> patrons (each their own token) ask at once for
    /// <paramref name="slots"/> (patron i for slot i mod n). Every request is built first and released together; the
    /// time runs from the release to the last answer, new connections included, as a browser would open them.
    /// </summary>
    public async Task<BurstRound> BurstAsync(IReadOnlyList<(Guid ResourceId, DateTimeOffset Start)> slots, int requests)
    {
        if (_tokens.Count < requests)
        {
            throw new InvalidOperationException($"The burst needs {requests} signed-in patrons; {_tokens.Count} are.");
        }

        var messages = Enumerable.Range(0, requests).Select(i =>
        {
            var (resourceId, start) = slots[i % slots.Count];
            var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reservations")
            {
                Content = JsonContent.Create(new { resourceId, start = Iso(start), end = Iso(start.AddHours(1)), notes = Seed.AppMark }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[i]);
            return request;
        }).ToList();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long released = 0;
        var tasks = messages.Select(async (request, i) =>
        {
            await release.Task;
            try
            {
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return (Slot: i % slots.Count, Status: (int)response.StatusCode, Ms: Stopwatch.GetElapsedTime(released).TotalMilliseconds, Error: (string?)body);
            }
            catch (HttpRequestException e)
            {
                return (Slot: i % slots.Count, Status: 0, Ms: Stopwatch.GetElapsedTime(released).TotalMilliseconds, Error: e.Message);
            }
            finally
            {
                request.Dispose();
            }
        }).ToList();
        released = Stopwatch.GetTimestamp();
        release.SetResult();
        var answers = await Task.WhenAll(tasks);
        var latencies = new Latencies();
        latencies.AddRange(answers.Select(a => a.Ms));
        var won = answers.Where(a => a.Status == 201).ToList();
        var errors = answers.Where(a => a.Status is not (201 or 409 or 422)).ToList();
        return new BurstRound(
            requests,
            slots.Count,
            won.Count,
            answers.Count(a => a.Status is 409 or 422),
            errors.Count,
            answers.Max(a => a.Ms),
            latencies.Percentile(50),
            latencies.Percentile(99),
            won.GroupBy(a => a.Slot).Count(g => g.Count() > 1),
            errors.Select(e => $"{e.Status}: {e.Error}").FirstOrDefault());
    }

    private HttpRequestMessage Availability(int client, string kind, DateTime start, DateTime end)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"api/v1/availability?kind={kind}&start={Uri.EscapeDataString(Iso(start))}&end={Uri.EscapeDataString(Iso(end))}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[client]);
        return request;
    }

    private async Task<HttpRun> RunAsync(int clients, TimeSpan duration, Func<int, Random, HttpRequestMessage> next, HttpStatusCode success)
    {
        var ok = 0L;
        var refused = 0L;
        var errors = 0L;
        string? firstError = null;
        var perClient = new List<(double Ms, int Status)>[clients];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client * 7919 + 17);
            var mine = perClient[client] = [];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                using var request = next(client, random);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    var status = (int)response.StatusCode;
                    mine.Add((Stopwatch.GetElapsedTime(started).TotalMilliseconds, status));
                    if (response.StatusCode == success)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else if (status is 409 or 422)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{status}: {await response.Content.ReadAsStringAsync()}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var latencies = new Latencies();
        var okLatencies = new Latencies();
        var refusedLatencies = new Latencies();
        foreach (var (ms, status) in perClient.SelectMany(list => list))
        {
            latencies.Add(ms);
            if (status == (int)success)
            {
                okLatencies.Add(ms);
            }
            else if (status is 409 or 422)
            {
                refusedLatencies.Add(ms);
            }
        }

        return new HttpRun(latencies.Count / elapsed, latencies, okLatencies, refusedLatencies, ok, refused, errors, firstError);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
