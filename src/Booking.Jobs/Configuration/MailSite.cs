using Microsoft.Extensions.Configuration;

namespace Booking.Jobs.Configuration;

/// <summary>
/// The library as its e-mails show it: <c>Site:Name</c>, <c>Site:Address</c> (the postal address in the footer),
/// <c>Site:MailLogoUrl</c> (an absolute image address; by default the site's own <c>/apple-touch-icon.png</c>) and
/// <c>Site:PublicUrl</c>, the root of every link. Links never come from a request, so a jobs node builds the same
/// ones as a web node.
/// </summary>
public sealed record MailSite(string Name, string? Address, string? LogoUrl, string Root)
{
    /// <summary>Where links point when <c>Site:PublicUrl</c> is not set (a developer's machine: the web app's own address).</summary>
    public const string DevelopmentRoot = "http://localhost:5080";

    public static MailSite Read(IConfiguration configuration)
    {
        var name = configuration["Site:Name"];
        var address = configuration["Site:Address"];
        var root = configuration["Site:PublicUrl"] is { Length: > 0 } url && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : DevelopmentRoot;
        var logo = configuration["Site:MailLogoUrl"];
        if (string.IsNullOrWhiteSpace(logo))
        {
            logo = root + "/apple-touch-icon.png";
        }
        else if (!Uri.TryCreate(logo.Trim(), UriKind.Absolute, out var logoUri) || logoUri.Scheme is not ("http" or "https"))
        {
            throw new Data.ConfigurationProblem($"Site:MailLogoUrl is '{logo}'; give an absolute http(s) address of an image (PNG or JPEG), or leave it out.");
        }

        return new MailSite(
            string.IsNullOrWhiteSpace(name) ? "Makerspace" : name.Trim(),
            string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
            logo.Trim(),
            root);
    }

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (starting with '/').</summary>
    public string Link(string pathAndQuery) => Root + pathAndQuery;
}
