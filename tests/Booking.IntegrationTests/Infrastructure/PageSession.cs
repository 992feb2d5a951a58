using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// A browser without JavaScript: follows redirects, keeps cookies, and posts forms with their
/// antiforgery token, the way a patron on a locked-down library computer would.
/// </summary>
public sealed partial class PageSession(MakerspaceHost host)
{
    private readonly HttpClient _client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    /// <summary>The page's HTML, after checking it answered <paramref name="expected"/> (an error page is a page too: 403, 404).</summary>
    public async Task<string> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}\n{html}");
        return html;
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/> (answering <paramref name="pageStatus"/>), takes the antiforgery token of its
    /// first form, and posts <paramref name="fields"/> to <paramref name="action"/>.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Html, Uri? Url)> SubmitAsync(
        string pageUrl, string action, IDictionary<string, string> fields, HttpStatusCode pageStatus = HttpStatusCode.OK)
    {
        var page = await GetAsync(pageUrl, pageStatus);
        var token = Token().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        var response = await _client.PostAsync(action, new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.RequestMessage?.RequestUri);
    }

    /// <summary>The antiforgery token of the first form on <paramref name="pageUrl"/>, for posting several times (or in parallel).</summary>
    public async Task<string> FormTokenAsync(string pageUrl)
    {
        var token = Token().Match(await GetAsync(pageUrl));
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts a form whose fields may repeat (checkboxes), with a token from <see cref="FormTokenAsync"/>.</summary>
    public async Task<(HttpStatusCode Status, string Html, Uri? Url)> PostFormAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.RequestMessage?.RequestUri);
    }

    /// <summary>Posts a multipart form (a file upload) with a token from <see cref="FormTokenAsync"/>.</summary>
    public async Task<(HttpStatusCode Status, string Html, Uri? Url)> PostMultipartAsync(string action, string token, MultipartFormDataContent form)
    {
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await _client.PostAsync(action, form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.RequestMessage?.RequestUri);
    }

    public async Task SignInAsync(string email, string password)
    {
        var (status, html, url) = await SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.True(status == HttpStatusCode.OK && url?.AbsolutePath == "/", $"Sign-in did not land on the home page ({url}):\n{html}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
