using Booking.Data;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Where links that leave the site (reset e-mails, QR signs, calendar feeds) point: <c>Site:PublicUrl</c>
/// when set, otherwise the address the request came in on.
/// </summary>
/// <remarks>Behind a proxy the request's Host may be internal or forged; the configured address is neither.</remarks>
public sealed class PublicAddress
{
    private readonly Uri? _configured;

    private PublicAddress(Uri? configured) => _configured = configured;

    /// <summary>Reads <c>Site:PublicUrl</c>; a value that is not an absolute http(s) address stops start-up naming the key.</summary>
    public static PublicAddress From(IConfiguration configuration)
    {
        var text = configuration["Site:PublicUrl"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PublicAddress(null);
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ConfigurationProblem($"Site:PublicUrl is '{text}'; give the address patrons use, such as https://makerspace.library.example.");
        }

        return new PublicAddress(uri);
    }

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (starting with '/').</summary>
    public string Link(HttpRequest request, string pathAndQuery) =>
        _configured is null
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}"
            : $"{_configured.GetLeftPart(UriPartial.Path).TrimEnd('/')}{pathAndQuery}";
}
