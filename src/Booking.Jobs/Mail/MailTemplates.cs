using System.Text.Encodings.Web;
using System.Text.Unicode;
using Booking.Jobs.Configuration;
using Fluid;

namespace Booking.Jobs.Mail;

/// <summary>
/// The one layout every notice is poured into (<c>Templates/notice.html.liquid</c> and <c>notice.txt.liquid</c>),
/// rendered with Fluid: Liquid templates need no Razor compiler or web server (a jobs node renders them too), encode
/// every value in the HTML part, and can be read and changed by someone who does not write C#.
/// </summary>
public static class MailTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly IFluidTemplate Html = Parse("notice.html.liquid");
    private static readonly IFluidTemplate Text = Parse("notice.txt.liquid");

    // Accents and other letters stay readable in the source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The HTML and the plain-text part of a notice for one reader.</summary>
    public static (string Html, string Text) Render(WrittenNotice notice, string language, string greeting, string signature, string footer, string manageLabel, MailSite site)
    {
        var context = new TemplateContext();
        context.SetValue("lang", language);
        context.SetValue("subject", notice.Subject);
        context.SetValue("preheader", notice.Paragraphs.FirstOrDefault() ?? "");
        context.SetValue("greeting", greeting);
        context.SetValue("paragraphs", notice.Paragraphs.ToList());
        context.SetValue("details", notice.Details.Select(d => new Dictionary<string, object?> { ["label"] = d.Label, ["value"] = d.Value }).ToList());
        context.SetValue("actions", notice.Actions.Select(a => new Dictionary<string, object?> { ["label"] = a.Label, ["url"] = a.Url, ["primary"] = a.Primary }).ToList());
        context.SetValue("signature", signature);
        context.SetValue("footer", footer);
        context.SetValue("manage_label", manageLabel);
        context.SetValue("manage_url", site.Link("/account/my-data"));
        context.SetValue("site_name", site.Name);
        context.SetValue("site_address", site.Address ?? "");
        context.SetValue("logo_url", site.LogoUrl ?? "");
        return (Html.Render(context, Encoder), Text.Render(context, NullEncoder.Default));
    }

    private static IFluidTemplate Parse(string name)
    {
        using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream("Booking.Jobs.Mail.Templates." + name)
            ?? throw new InvalidOperationException($"The mail template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The mail template {name} does not parse: {error}");
    }
}
