using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Networking;

/// <summary>A patron with a networking profile under <see cref="Name"/> (unique per test run).</summary>
public sealed record Person(SignedInClient Client, string Name)
{
    public Guid Id => Client.UserId;

    public string Email => Client.Email;

    public string Link => $"https://{Name.Replace(' ', '-').ToLowerInvariant()}.example/portfolio";
}

/// <summary>A networking session a test scheduled, in a room of its own branch.</summary>
public sealed record Meetup(Guid Id, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Networking sessions, profiles and opt-ins through the API, as patrons and staff make them.</summary>
public static class NetworkingSetup
{
    public const string Zone = "America/New_York";

    public static async Task<Meetup> MeetupAsync(this MakerspaceHost host, int capacity = 10, int daysAhead = 2)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, daysAhead, 10);
        var session = await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Founders' breakfast", roomId = room.Id, start, end = start.AddHours(2), capacity })).JsonAsync();
        return new Meetup(session.GetProperty("id").GetGuid(), start, start.AddHours(2));
    }

    /// <summary>The skills survey's "want to learn" choices (made once per database): the topics profiles name.</summary>
    public static Task<Guid[]> TopicsAsync(this MakerspaceHost host) => host.InScopeAsync(async db =>
    {
        var survey = await db.Surveys.Include(s => s.Questions).ThenInclude(q => q.Choices).FirstOrDefaultAsync();
        if (survey is null)
        {
            var now = host.Clock.GetUtcNow().UtcDateTime;
            survey = new Booking.Domain.Surveys.Survey("Skills survey", null, now);
            var question = survey.AddQuestion("What would you like to learn?", multiple: true, required: false, wantToLearn: true, now);
            foreach (var topic in new[] { "Marketing", "Web design", "Bookkeeping" })
            {
                survey.AddChoice(question.Id, topic, now);
            }

            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
        }

        return survey.Questions.Single(q => q.WantToLearn).Choices.OrderBy(c => c.Position).Select(c => c.Id).ToArray();
    });

    /// <summary>A new patron; with <paramref name="profile"/>, one who saved a profile offering Marketing and seeking Web design.</summary>
    public static async Task<Person> PersonAsync(this MakerspaceHost host, string first, bool profile = true)
    {
        var client = await host.SignInNewAsync();
        var person = new Person(client, $"{first} {Guid.NewGuid().ToString("N")[..8]}");
        if (profile)
        {
            var topics = await host.TopicsAsync();
            var saved = await client.Http.PutAsJsonAsync("/api/v1/me/networking-profile",
                new { displayName = person.Name, whatIDo = $"{first} runs a small studio", offers = new[] { topics[0] }, seeks = new[] { topics[1] }, link = person.Link });
            await saved.JsonAsync();
        }

        return person;
    }

    public static async Task RegisterAsync(this Person person, Meetup meetup) =>
        await (await person.Client.Http.PostAsync($"/api/v1/sessions/{meetup.Id}/registrations", null)).JsonAsync();

    public static async Task OptInAsync(this Person person, Meetup meetup)
    {
        using var response = await person.Client.Http.PutAsync($"/api/v1/sessions/{meetup.Id}/networking-consent", null);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Opting in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> WhoIsComingAsync(this HttpClient client, Meetup meetup) =>
        client.GetAsync($"/api/v1/sessions/{meetup.Id}/who-is-coming");

    /// <summary>The display names an attendee (or staff) is shown, in the list's order.</summary>
    public static async Task<List<string>> NamesSeenAsync(this HttpClient client, Meetup meetup) =>
        (await (await client.WhoIsComingAsync(meetup)).JsonAsync()).GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("displayName").GetString()!).ToList();

    /// <summary>The attendee id under which <paramref name="viewer"/> sees <paramref name="other"/>.</summary>
    public static async Task<Guid> AttendeeIdAsync(this HttpClient viewer, Meetup meetup, Person other) =>
        (await (await viewer.WhoIsComingAsync(meetup)).JsonAsync()).GetProperty("attendees").EnumerateArray()
            .Single(a => a.GetProperty("displayName").GetString() == other.Name).GetProperty("attendeeId").GetGuid();

    public static Task<HttpResponseMessage> AskAsync(this HttpClient client, Meetup meetup, Guid attendeeId) =>
        client.PostAsJsonAsync($"/api/v1/sessions/{meetup.Id}/connection-requests", new { attendeeId });

    /// <summary>After the clock moved past a token's life: the same person, signed in again.</summary>
    public static Task<HttpClient> AgainAsync(this MakerspaceHost host, Person person) => host.SignInAsync(person.Email, MakerspaceHost.Password);
}
