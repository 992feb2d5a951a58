using System.Net;
using System.Text.RegularExpressions;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The check behind "a Spanish reader never meets an English sentence" (issue #17), shared by every Spanish pages test:
/// a page is fetched in English and in Spanish, and each sentence of the English rendering (text between tags, the
/// title, aria-labels, placeholders and alt texts; two words or more with a letter, data names taken out) that the
/// Spanish rendering also shows is listed.
/// </summary>
internal static partial class SpanishPage
{
    /// <summary>Words that are the same in both languages on purpose: the site's name and each language named in itself.</summary>
    private static readonly string[] SameInBoth = ["Makerspace", "English", "Español"];

    /// <summary>
    /// Fetches <paramref name="url"/> in both languages; checks the status, <c>lang</c>, the Spanish
    /// <paramref name="sentences"/>, and that no English sentence is left. Gives the Spanish page.
    /// </summary>
    public static async Task<string> ShouldBeSpanishAsync(
        MakerspaceHost host, HttpClient client, string url, HttpStatusCode expected, IEnumerable<string> data, params string[] sentences)
    {
        var english = await GetInAsync(client, url, "en", expected);
        var spanish = await GetInAsync(client, url, "es", expected);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", spanish, StringComparison.Ordinal);
        var text = Text(spanish);
        foreach (var sentence in sentences)
        {
            Assert.True(text.Contains(sentence, StringComparison.Ordinal), $"{url}: the Spanish page lacks “{sentence}”:\n{text}");
        }

        ShouldHaveNoEnglishLeft(english, spanish, data.Concat(await DataNamesAsync(host)), url);
        return spanish;
    }

    /// <summary>The page in <paramref name="language"/> (the culture cookie the footer's switch writes).</summary>
    public static async Task<string> GetInAsync(HttpClient client, string url, string language, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c={language}|uic={language}");
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} ({language}): {(int)response.StatusCode}, expected {(int)expected}\n{html}");
        return html;
    }

    public static void ShouldHaveNoEnglishLeft(string englishHtml, string spanishHtml, IEnumerable<string> data, string url)
    {
        var left = Untranslated(englishHtml, spanishHtml, data);
        Assert.True(left.Count == 0, $"{url}: English sentences left in the Spanish page:\n  {string.Join("\n  ", left)}");
    }

    /// <summary>The English page's sentences, data names taken out, that the Spanish page also shows.</summary>
    public static List<string> Untranslated(string englishHtml, string spanishHtml, IEnumerable<string> data)
    {
        var names = data.Where(d => d.Length > 0).Distinct().OrderByDescending(d => d.Length).ToList();
        var spanish = Text(spanishHtml);
        return Texts(englishHtml)
            .Where(node => Words(names.Aggregate(node, (rest, name) => rest.Replace(name, " ", StringComparison.Ordinal))) >= 2)
            .Where(node => spanish.Contains(node, StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    /// <summary>Everything a reader meets on the page, one piece per line.</summary>
    public static string Text(string html) => string.Join("\n", Texts(html));

    /// <summary>What a reader meets: text between tags, and the aria-label, title, placeholder and alt of elements (scripts, styles and drawings left out).</summary>
    public static List<string> Texts(string html)
    {
        var visible = Hidden().Replace(html, " ");
        var nodes = TextNode().Matches(visible).Select(m => m.Groups[1].Value)
            .Concat(Described().Matches(visible).Select(m => m.Groups[1].Value));
        return nodes.Select(n => Space().Replace(WebUtility.HtmlDecode(n), " ").Trim()).Where(n => n.Length > 0).ToList();
    }

    /// <summary>Names that are data, not words of the page: what staff typed into the shared test database.</summary>
    public static Task<List<string>> DataNamesAsync(MakerspaceHost host) => host.InScopeAsync(async db =>
    {
        var names = new List<string>();
        names.AddRange(await db.Resources.Select(r => r.Name).ToListAsync());
        names.AddRange(await db.Locations.Select(l => l.Name).ToListAsync());
        names.AddRange(await db.ResourceKinds.Select(k => k.Name).ToListAsync());
        names.AddRange(await db.Sessions.Select(s => s.Title).ToListAsync());
        names.AddRange(await db.Certifications.Select(c => c.Name).ToListAsync());
        names.AddRange(await db.Certifications.Select(c => c.Description).ToListAsync());
        names.AddRange(await db.Partners.Select(p => p.Name).ToListAsync());
        names.AddRange((await db.Users.Select(u => u.DisplayName).ToListAsync()).OfType<string>());
        names.AddRange(names.Select(n => n.ToLowerInvariant()).ToList()); // a kind's name is lower-cased inside a sentence
        return names.Distinct().ToList();
    });

    private static int Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter) && !SameInBoth.Contains(w.Trim('.', ',', ':', ';', '·', '(', ')')));

    [GeneratedRegex("<(script|style|svg)\\b.*?</\\1>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(">([^<]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex("\\s(?:aria-label|title|placeholder|alt)=\"([^\"]*)\"")]
    private static partial Regex Described();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();
}
