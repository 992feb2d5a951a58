using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.ClusterTests.Infrastructure;
using Booking.IntegrationTests.Infrastructure;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Booking.ClusterTests;

/// <summary>
/// Two web nodes and a jobs node behind nginx; the first web node runs the scheduler and the mail workers too, so two
/// scheduler nodes share the Quartz cluster. Tests here leave every node running.
/// </summary>
public sealed class TwoSchedulerCluster : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; private set; } = null!;

    public Cluster Cluster { get; private set; } = null!;

    public string AdminToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        Cluster = await Cluster.StartAsync(webNodes: 2, webSchedulers: 1, MailSettings.For(Smtp));
        AdminToken = await LibraryApi.SignInAsync(Cluster.Proxy, Cluster.AdminEmail, Cluster.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Settings for nodes that deliver to the test's SMTP server and sweep every second.</summary>
public static class MailSettings
{
    public static Dictionary<string, string> For(TestSmtpServer smtp) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "Makerspace <makerspace@library.test>",
        ["Jobs:SweepInterval"] = "1s",
        ["Jobs:Workers:PollInterval"] = "1s",
        // Reminders every minute in the last eight before the start: the tests book at most 7.5 minutes ahead (bookings
        // start on five-minute steps), so every booking has its next reminder due within a minute, while the test
        // watches, and again each minute after; each lead's is its own mail.
        ["Jobs:Reminders:LeadTimes"] = "8m,7m,6m,5m,4m,3m,2m,1m",
    };

    public static int Count(TestSmtpServer smtp, string email, string subjectStart) =>
        smtp.To(email).Count(m => m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true);

    /// <summary>One confirmation per patron, and no reminder (each lead time's has its own subject) or message twice.</summary>
    public static void AssertEachOnce(TestSmtpServer smtp, IEnumerable<Patron> patrons)
    {
        foreach (var patron in patrons)
        {
            Assert.Equal(1, Count(smtp, patron.Email, "Booked:"));
            var reminders = smtp.To(patron.Email).Where(m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true).Select(m => m.Subject).ToList();
            Assert.NotEmpty(reminders);
            Assert.Equal(reminders.Distinct().Count(), reminders.Count);
        }

        var ids = smtp.Received.Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}

public sealed class SharedClusterTests(TwoSchedulerCluster fixture) : IClassFixture<TwoSchedulerCluster>
{
    private Cluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Thirty_parallel_bookings_of_one_slot_spread_over_the_nodes_exactly_one_wins()
    {
        var branch = await LibraryApi.SetUpBranchAsync(Cluster.Proxy, fixture.AdminToken, "Race Branch", resources: 1);
        var patrons = await LibraryApi.RegisterManyAsync(Cluster.Proxy, "race", 30);
        var start = LibraryApi.StepAfter(TimeSpan.FromHours(2));
        var nodes = Cluster.WebNodes;
        var clients = nodes.Select(Cluster.Direct).ToList();

        // Half straight to the nodes in turn (each node surely gets its share), half through nginx's round robin.
        using var gate = new SemaphoreSlim(0);
        var attempts = patrons.Select(async (patron, i) =>
        {
            var client = i % 2 == 0 ? clients[i / 2 % clients.Count] : Cluster.Proxy;
            await gate.WaitAsync();
            using var response = await client.SendAsync(LibraryApi.Booking(patron.Token, branch.Resources[0], start, start.AddMinutes(30)));
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }).ToList();
        gate.Release(patrons.Count);
        var answers = await Task.WhenAll(attempts);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refusals = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.All(refusals, a => Assert.True(a.StatusCode == HttpStatusCode.Conflict && a.body.Contains("\"slot-taken\"", StringComparison.Ordinal), $"{(int)a.StatusCode} {a.body}"));
        var db = new ClusterDatabase(Cluster.DatabaseUrl);
        Assert.Equal(1, await db.ActiveCountAsync(branch.Resources));
        Assert.Equal(0, await db.OverlapsAsync());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_patron_signed_in_through_one_node_is_signed_in_on_every_node_by_cookie_and_by_token()
    {
        var patron = await LibraryApi.RegisterAsync(Cluster.Proxy, "everywhere@cluster.test");
        var first = Cluster.WebNodes[0];
        using var firstClient = Cluster.Direct(first);

        // The cookie: issued by one node only.
        using var login = await firstClient.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = patron.Email, password = patron.Password });
        Assert.True(login.IsSuccessStatusCode, $"{(int)login.StatusCode}");
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.Contains(".AspNetCore.Identity.Application=", cookie, StringComparison.Ordinal);

        // The token: issued by the same node.
        using var tokenLogin = await firstClient.PostAsJsonAsync("/api/v1/auth/login", new { email = patron.Email, password = patron.Password });
        var token = (await tokenLogin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        foreach (var node in Cluster.WebNodes)
        {
            using var client = Cluster.Direct(node);
            using var byCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reservations/mine");
            byCookie.Headers.Add("Cookie", cookie);
            using var cookieAnswer = await client.SendAsync(byCookie);
            Assert.True(cookieAnswer.StatusCode == HttpStatusCode.OK, $"{node.Name} by cookie: {(int)cookieAnswer.StatusCode}");

            using var page = new HttpRequestMessage(HttpMethod.Get, "/reservations/mine");
            page.Headers.Add("Cookie", cookie);
            using var pageAnswer = await client.SendAsync(page);
            Assert.True(pageAnswer.StatusCode == HttpStatusCode.OK, $"{node.Name} page by cookie: {(int)pageAnswer.StatusCode} {pageAnswer.Headers.Location}");

            using var byToken = LibraryApi.Request(HttpMethod.Get, "/api/v1/reservations/mine", token);
            using var tokenAnswer = await client.SendAsync(byToken);
            Assert.True(tokenAnswer.StatusCode == HttpStatusCode.OK, $"{node.Name} by token: {(int)tokenAnswer.StatusCode}");

            // And a stranger is still a stranger there: the nodes agree on keys, not on trusting anyone.
            using var anonymous = await client.GetAsync("/api/v1/reservations/mine");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    [Fact]
    public async Task Confirmations_and_reminders_reach_the_smtp_server_exactly_once_with_two_scheduler_nodes()
    {
        var branch = await LibraryApi.SetUpBranchAsync(Cluster.Proxy, fixture.AdminToken, "Mail Branch", resources: 6);
        var patrons = await LibraryApi.RegisterManyAsync(Cluster.Proxy, "mail", 6);
        var db = new ClusterDatabase(Cluster.DatabaseUrl);
        Assert.Equal(2, await db.SchedulerInstancesAsync());

        // Starts a minute and a half ahead or more: booked before at least the one-minute reminder is due.
        var start = LibraryApi.StepAfter(TimeSpan.FromSeconds(90));
        for (var i = 0; i < patrons.Count; i++)
        {
            await LibraryApi.BookAsync(Cluster.Proxy, patrons[i], branch.Resources[i], start, start.AddMinutes(20));
        }

        await Eventually.TrueAsync(
            () => patrons.All(p => MailSettings.Count(fixture.Smtp, p.Email, "Booked:") >= 1 && MailSettings.Count(fixture.Smtp, p.Email, "Reminder:") >= 1),
            "a confirmation and a reminder for each of the six patrons", TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(250));

        // Let every sweep run at least three more times in the cluster before counting: a double would have shown by then.
        var seen = DateTime.UtcNow;
        await Eventually.TrueAsync(
            async () => (await db.SweepFiresAsync()).Values.All(fired => fired > seen.AddSeconds(3)),
            "three more runs of every sweep", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));

        MailSettings.AssertEachOnce(fixture.Smtp, patrons);
    }
}
