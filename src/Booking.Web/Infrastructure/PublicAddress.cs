using Booking.Data;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Where links that leave the site (reset and confirmation e-mails, QR signs, calendar feeds) point:
/// <c>Site:PublicUrl</c>. Required outside Development; there, on a developer's machine only, the
/// address the request came in on stands in for it.
/// </summary>
/// <remarks>Behind a proxy the request's Host may be internal or forged; the configured address is neither.</remarks>
public sealed class PublicAddress
{
    public const string Key = "Site:PublicUrl";

    private PublicAddress(Uri? configured) => Configured = configured;

    /// <summary>The configured address, or null on a developer's machine without one.</summary>
    public Uri? Configured { get; }

    /// <summary>Whether patrons reach the site over https: then cookies are Secure, plain http is redirected and HSTS is sent.</summary>
    public bool IsHttps => Configured?.Scheme == Uri.UriSchemeHttps;

    /// <summary>
    /// Reads <c>Site:PublicUrl</c>. A value that is not an absolute http(s) address stops start-up naming the key,
    /// and so does a missing one outside Development (links must never come from a request).
    /// </summary>
    public static PublicAddress From(IConfiguration configuration, bool isDevelopment)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return isDevelopment
                ? new PublicAddress(null)
                : throw new ConfigurationProblem($"{Key} is not set; give the address patrons use, such as https://makerspace.library.example (links in e-mails and on signs are built from it).");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ConfigurationProblem($"{Key} is '{text}'; give the address patrons use, such as https://makerspace.library.example.");
        }

        return new PublicAddress(uri);
    }

    /// <summary>The site's root without a trailing slash, such as <c>https://library.example/makerspace</c>.</summary>
    public string Root(HttpRequest request) =>
        Configured is null
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : Configured.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (starting with '/').</summary>
    public string Link(HttpRequest request, string pathAndQuery) => Root(request) + pathAndQuery;

    /// <summary>The origin (scheme, host and port) browsers send in <c>Origin</c> for this site's own pages.</summary>
    public string? Origin => Configured?.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The Host values this app answers: the public host, and loopback for the proxy's and the operator's
    /// own health checks. Links never come from Host, so this is a second line, not the first.
    /// </summary>
    public string AllowedHosts => Configured is null ? "*" : $"{Configured.IdnHost};localhost;127.0.0.1;[::1]";
}
