using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Resources;
using Booking.Web.Features.Resources;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Foundation;

/// <summary>
/// A property of the whole app: whatever a caller sends (random, extreme or malformed route values, query strings,
/// JSON bodies and forms), as anyone, to every endpoint the app maps (API routes and pages), the answer is never a 5xx,
/// and no refused write leaves a time outside the years served in the database. Deterministic: one seed.
/// </summary>
public sealed partial class EndpointFuzzTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const int Seed = 20261130;
    private const int CasesPerEndpointAndCaller = 3;
    private const string Zone = "America/New_York";

    [Fact]
    public async Task EveryEndpoint_RandomExtremeAndMalformedInput_No5xxAndNothingOutsideTheYearsServedWritten()
    {
        var world = await World.CreateAsync(host);
        var targets = await TargetsAsync();
        Assert.True(targets.Count(t => t.IsPage) >= 20 && targets.Count(t => !t.IsPage) >= 50, $"Too few endpoints found: {targets.Count}");
        var inputs = new Inputs(new Random(Seed), world);
        var failures = new List<string>();

        foreach (var target in targets)
        {
            foreach (var caller in world.Callers)
            {
                for (var i = 0; i < CasesPerEndpointAndCaller; i++)
                {
                    using var request = target.Request(inputs, caller.Token);
                    var shown = $"{caller.Role} {request.Method} {request.RequestUri} {(request.Content is null ? "" : Shorten(await request.Content.ReadAsStringAsync()))}";
                    try
                    {
                        using var response = await caller.Http.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{(int)response.StatusCode} {shown}\n    {Shorten(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        failures.Add($"threw {e.GetType().Name}: {Shorten(e.Message)} {shown}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx:\n" + string.Join("\n", failures.Take(40)));

        var earliest = new DateTime(Instants.EarliestYear, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var latest = new DateTime(Instants.LatestYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.StartsAtUtc < earliest || r.EndsAtUtc > latest)));
        Assert.False(await host.InScopeAsync(db => db.MaintenanceBlocks.AnyAsync(b => b.StartsAtUtc < earliest || b.EndsAtUtc > latest)));
        Assert.False(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.StartsAtUtc < earliest || s.EndsAtUtc > latest)));
        Assert.False(await host.InScopeAsync(db => db.CertificationGrants.AnyAsync(g => g.ExpiresAtUtc > latest)));
        var closures = await host.InScopeAsync(async db => (await db.Locations.ToListAsync()).SelectMany(l => l.Closures).ToList());
        Assert.DoesNotContain(closures, c => !Instants.InWindow(c.StartsLocal) || c.EndsLocal > latest);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Every endpoint the app maps, with what it reads: route values, query, a JSON body or a form.</summary>
    private async Task<List<Target>> TargetsAsync()
    {
        var loader = host.Services.GetRequiredService<PageLoader>();
        var targets = new List<Target>();
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() ?? await loader.LoadAsync(page, endpoint.Metadata);
                var bound = compiled.BoundProperties.Select(p => new Field(p.Name, p.ParameterType)).ToList();
                foreach (var handler in compiled.HandlerMethods)
                {
                    var fields = bound.Concat(handler.Parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => new Field(p.Name, p.ParameterType))).ToList();
                    targets.Add(new Target(handler.HttpMethod.ToUpperInvariant(), route, handler.Name, fields, Body: null, IsPage: true));
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var query = endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
                .Where(p => p.Name is not null && IsSimple(p.ParameterType) && p.ParameterType != typeof(CancellationToken))
                .Select(p => new Field(p.Name!, p.ParameterType)).ToList() ?? [];
            foreach (var method in methods.Where(m => m is not "OPTIONS" and not "HEAD"))
            {
                targets.Add(new Target(method, route, Handler: null, query, body, IsPage: false));
            }
        }

        return targets;
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(DateTime)
            || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(decimal);
    }

    private sealed record Field(string Name, Type Type);

    private sealed record Caller(string Role, HttpClient Http, string? Token);

    private sealed partial record Target(string Method, string Route, string? Handler, IReadOnlyList<Field> Fields, Type? Body, bool IsPage)
    {
        public HttpRequestMessage Request(Inputs inputs, string? antiforgery)
        {
            var path = RouteParameter().Replace(Route, m => Uri.EscapeDataString(inputs.RouteValue(m.Groups["name"].Value, m.Groups["rest"].Value)));
            path = "/" + path.TrimStart('/');
            var query = new List<string>();
            if (Handler is { Length: > 0 })
            {
                query.Add("handler=" + Uri.EscapeDataString(Handler));
            }

            var isForm = IsPage && Method != "GET";
            if (!isForm)
            {
                query.AddRange(Fields.Where(_ => inputs.Chance(0.7)).Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(inputs.Text(f.Name, f.Type))}"));
            }

            var request = new HttpRequestMessage(new HttpMethod(Method), path + (query.Count == 0 ? "" : "?" + string.Join("&", query)));
            if (isForm)
            {
                var form = Fields.Where(_ => inputs.Chance(0.8)).Select(f => new KeyValuePair<string, string>(f.Name, inputs.Text(f.Name, f.Type))).ToList();
                if (antiforgery is not null && inputs.Chance(0.9))
                {
                    form.Add(new("__RequestVerificationToken", antiforgery));
                }

                request.Content = new FormUrlEncodedContent(form);
            }
            else if (Body is not null || (Method is "POST" or "PUT" && inputs.Chance(0.3)))
            {
                request.Content = new StringContent(inputs.Body(Body), Encoding.UTF8, "application/json");
            }

            return request;
        }

        [GeneratedRegex(@"\{(?<name>[^}:=?*]+)(?<rest>[^}]*)\}")]
        private static partial Regex RouteParameter();
    }

    /// <summary>The values thrown at the app: known ids (so handlers get past "not found"), and the edges of every type.</summary>
    private sealed class Inputs(Random random, World world)
    {
        private static readonly string[] Instants =
        [
            "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T10:00:00-05:00", "0001-01-01T00:00:00+14:00", "2100-12-31T23:00:00-12:00",
            "1999-12-31T23:59:59Z", "2026-01-13T10:00:00-05:00", "2026-01-13T11:00:00-05:00", "2026-01-14T09:00:00Z", "2026-03-08T02:30:00-05:00",
            "2026-13-45T99:99:99Z", "2026-01-13T10:00:00", "now", "", "2026-01-13T10:00:00.1234567+00:00",
        ];

        private static readonly string[] Dates = ["9999-12-31", "0001-01-01", "2026-01-13", "2100-12-31", "2000-01-01", "1999-12-31", "2026-02-30", "13/01/2026", "-1", ""];

        private static readonly string[] Locals = ["9999-12-31T23:59", "0001-01-01T00:00", "2026-01-13T10:00", "2026-03-08T02:30", "2026-11-01T01:30", "2026-01-13", "10:00", ""];

        private static readonly string[] Numbers = ["0", "-1", "1", "7", "2147483647", "-2147483648", "99999999999999999999", "1e308", "-1e308", "NaN", "1.5", "0x10"];

        private static readonly string[] Texts =
        [
            "", " ", "x", "room", "laptop", "training", "networking", "Monday", "09:00", "25:61", "America/New_York", "Mars/Olympus",
            "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "😀🚀", "' OR 1=1 --", "null", "true", "{}", "[]",
            new string('a', 2000), new string('ß', 300),
        ];

        // A NUL in a path is refused by the server (Kestrel, and the test server's own decoder) before the app sees it.
        private static readonly string[] PathTexts = [.. Texts.Where(t => !t.Contains('\u0000', StringComparison.Ordinal))];

        public bool Chance(double p) => random.NextDouble() < p;

        private T Pick<T>(IReadOnlyList<T> options) => options[random.Next(options.Count)];

        public string RouteValue(string name, string constraint) =>
            constraint.Contains("guid", StringComparison.Ordinal) || name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
                ? Guid(name)
                : name.Equals("file", StringComparison.OrdinalIgnoreCase)
                    ? Pick([$"{Pick(world.Ids)}.ics", $"{Pick(world.Tokens)}.ics", "x.ics", PhotoFiles.DisplayFile, PhotoFiles.ThumbnailFile, Pick(PathTexts)])
                    : Chance(0.5) ? Pick(world.Codes) : Pick(PathTexts);

        public string Guid(string name) => Chance(0.85) ? Pick(world.Ids).ToString() : Pick(["not-a-guid", System.Guid.Empty.ToString(), System.Guid.NewGuid().ToString(), "", "0"]);

        /// <summary>A text for a query or form field: by its type and name mostly, anything sometimes.</summary>
        public string Text(string name, Type type)
        {
            if (Chance(0.15))
            {
                return Pick(Pick<IReadOnlyList<string>>([Texts, Numbers, Dates, Instants, Locals]));
            }

            var t = Nullable.GetUnderlyingType(type) ?? type;
            var lower = name.ToLowerInvariant();
            return t switch
            {
                _ when t == typeof(System.Guid) => Guid(name),
                _ when t == typeof(DateTimeOffset) => Pick(Instants),
                _ when t == typeof(DateOnly) => Pick(Dates),
                _ when t == typeof(DateTime) => Pick(Locals),
                _ when t == typeof(TimeOnly) => Pick(["09:00", "00:00", "23:59", "24:00", "9", "25:61", ""]),
                _ when t == typeof(bool) => Pick(["true", "false", "on", "2", ""]),
                _ when t.IsPrimitive || t == typeof(decimal) => Pick(Numbers),
                _ when lower.EndsWith("id", StringComparison.Ordinal) => Guid(name),
                _ when lower is "date" or "week" or "day" || lower.Contains("date", StringComparison.Ordinal) || lower.EndsWith("on", StringComparison.Ordinal) => Pick(Dates),
                _ when lower is "from" or "to" or "start" or "end" || lower.EndsWith("at", StringComparison.Ordinal) => Pick(Instants),
                _ when lower.Contains("local", StringComparison.Ordinal) || lower.StartsWith("closure", StringComparison.Ordinal) => Pick(Locals),
                _ when lower.Contains("email", StringComparison.Ordinal) => Pick([world.PatronEmail, "nobody@example.test", "not-an-email", new string('a', 300) + "@example.test"]),
                _ when lower.Contains("password", StringComparison.Ordinal) => Pick([MakerspaceHost.Password, "short", new string('p', 200), ""]),
                _ when lower is "kind" or "code" => Pick(world.Codes),
                _ => Pick(Texts),
            };
        }

        /// <summary>A JSON body for <paramref name="type"/>, or malformed text now and then.</summary>
        public string Body(Type? type)
        {
            if (type is null || Chance(0.1))
            {
                return Pick(["{", "[]", "null", "\"text\"", "1", "{\"a\":", "", "{}", "{\"start\": {\"$gt\": 1}}", "[" + string.Join(",", Enumerable.Repeat("{}", 500)) + "]"]);
            }

            return Json(type, "", 0)?.ToJsonString() ?? "null";
        }

        private JsonNode? Json(Type type, string name, int depth)
        {
            var nullable = Nullable.GetUnderlyingType(type);
            if ((nullable is not null || !type.IsValueType) && Chance(0.1))
            {
                return null;
            }

            if (Chance(0.05))
            {
                return JsonValue.Create(Pick(Texts)); // the wrong type
            }

            var t = nullable ?? type;
            if (t == typeof(string) || t == typeof(System.Guid) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeOnly))
            {
                return JsonValue.Create(Text(name, t));
            }

            if (t == typeof(bool))
            {
                return JsonValue.Create(Chance(0.5));
            }

            if (t.IsEnum)
            {
                return Chance(0.5) ? JsonValue.Create(Pick(Enum.GetNames(t))) : JsonValue.Create(Pick(Texts));
            }

            if (t.IsPrimitive || t == typeof(decimal))
            {
                return JsonNode.Parse(Pick(["0", "-1", "1", "7", "30", "2147483647", "-2147483648", "9223372036854775807", "99999999999999999999", "1e308", "1.5"]));
            }

            if (depth > 3)
            {
                return null;
            }

            if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
            {
                var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().LastOrDefault() ?? typeof(string);
                var array = new JsonArray();
                for (var i = random.Next(Chance(0.1) ? 200 : 4); i > 0; i--)
                {
                    array.Add(Json(element, name, depth + 1));
                }

                return array;
            }

            var json = new JsonObject();
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                if (Chance(0.85))
                {
                    json[JsonNamingPolicyCamel(property.Name)] = Json(property.PropertyType, property.Name, depth + 1);
                }
            }

            return json;
        }

        private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
    }

    /// <summary>The things the random values point at: a branch, one resource of each kind, reservations, a session, and a caller per role.</summary>
    private sealed class World
    {
        public required List<Guid> Ids { get; init; }

        public required List<string> Codes { get; init; }

        public required List<string> Tokens { get; init; }

        public required string PatronEmail { get; init; }

        public required List<Caller> Callers { get; init; }

        public static async Task<World> CreateAsync(MakerspaceHost host)
        {
            var branch = await host.BranchAsync(Zone, opens: 6);
            var resources = new List<Resource>();
            foreach (var kind in new[] { KnownKinds.Room, KnownKinds.Laptop, KnownKinds.Printer3D, KnownKinds.LaserCutter, KnownKinds.CoworkingDesk })
            {
                resources.Add(await host.ResourceAsync(branch.Id, kind));
            }

            var patron = await host.SignInNewAsync();
            var staff = await host.SignInNewAsync(Roles.Staff);
            var admin = await host.SignInNewAsync(Roles.Admin);
            var room = resources[0];
            var laptop = resources[1];
            // A photo, so the photo URLs meet a real version (the fuzzer also tries others).
            var photo = PhotoEncoding.Encode(PhotoImages.Jpeg(64, 48));
            var photoVersion = await host.InScopeAsync(async db =>
            {
                var stored = new ResourcePhoto(room.Id, "Fuzz room", photo.Display!, photo.Thumbnail!, PhotoEncoding.ContentType, host.Clock.GetUtcNow().UtcDateTime);
                db.ResourcePhotos.Add(stored);
                await db.SaveChangesAsync();
                return stored.Version;
            });
            var ids = new List<Guid> { branch.Id, patron.UserId, staff.UserId, admin.UserId };
            ids.AddRange(resources.Select(r => r.Id));
            var start = Local(Zone, "2026-01-12T07:00");
            ids.Add((await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid());
            ids.Add((await (await patron.Http.BookAsync(laptop.Id, start, start.AddHours(2))).JsonAsync()).GetProperty("id").GetGuid());
            var session = await (await staff.Http.PostAsync("/api/v1/sessions", JsonContent($$"""
                {"kind":"workshop","title":"Fuzz night","roomId":"{{room.Id}}","start":"{{Local(Zone, "2026-01-20T18:00"):O}}","end":"{{Local(Zone, "2026-01-20T19:00"):O}}","capacity":5}
                """))).JsonAsync();
            ids.Add(session.GetProperty("id").GetGuid());
            var block = await (await staff.Http.PostAsync($"/api/v1/resources/{room.Id}/maintenance", JsonContent($$"""
                {"start":"{{Local(Zone, "2026-01-21T10:00"):O}}","end":"{{Local(Zone, "2026-01-21T11:00"):O}}","reason":"Fuzz"}
                """))).JsonAsync();
            ids.Add(block.GetProperty("block").GetProperty("id").GetGuid());
            var series = await (await staff.Http.PostAsync("/api/v1/reservations/series", JsonContent($$"""
                {"resourceId":"{{room.Id}}","patronId":"{{patron.UserId}}","firstDate":"2026-01-22","startTime":"10:00","endTime":"11:00","repeat":"weekly","count":3}
                """))).JsonAsync();
            ids.Add(series.GetProperty("id").GetGuid());
            // A certification, so its edit page meets a real definition (and its prerequisites a real id).
            ids.Add(await host.InScopeAsync(async db =>
            {
                var definition = new Booking.Domain.Certifications.CertificationDefinition($"Fuzz safety {Guid.NewGuid():N}", null, 12, [], host.Clock.GetUtcNow().UtcDateTime);
                db.Certifications.Add(definition);
                await db.SaveChangesAsync();
                return definition.Id;
            }));
            var feed = await (await patron.Http.GetAsync("/api/v1/calendar/me/feed-url")).JsonAsync();
            var token = feed.GetProperty("url").GetString()!.Split('/').Last().Replace(".ics", "", StringComparison.Ordinal);

            var callers = new List<Caller> { new("anonymous", host.CreateClient(), await AntiforgeryAsync(host.CreateClient())) };
            foreach (var (role, client) in new[] { (Roles.Patron, patron), (Roles.Staff, staff), (Roles.Admin, admin) })
            {
                callers.Add(new Caller(role, client.Http, await AntiforgeryAsync(client.Http)));
            }

            return new World
            {
                Ids = ids,
                Codes = [KnownKinds.Room, KnownKinds.Laptop, KnownKinds.LaserCutter, "v1", "spaceship", "ROOM", photoVersion],
                Tokens = [token],
                PatronEmail = patron.Email,
                Callers = callers,
            };
        }

        private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

        /// <summary>The caller's antiforgery token, from the first page that has a form for them.</summary>
        private static async Task<string?> AntiforgeryAsync(HttpClient client)
        {
            foreach (var page in new[] { "/account/sign-in", "/reservations/mine", "/desk", "/" })
            {
                var html = await client.GetStringAsync(page);
                if (Token().Match(html) is { Success: true } match)
                {
                    return WebUtility.HtmlDecode(match.Groups[1].Value);
                }
            }

            return null;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
