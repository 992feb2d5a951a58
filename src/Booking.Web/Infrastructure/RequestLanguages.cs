using System.Globalization;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Localization;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Which language a request is answered in: the language cookie (set by the switch in the footer, and at sign-in from
/// the account's saved preference, so a shared computer follows whoever signed in last), then the signed-in person's
/// saved preference (an API client without cookies), then <c>Accept-Language</c>, else English. Only <see cref="Languages.Supported"/>
/// are ever used, whatever a header or cookie says.
/// </summary>
public static class RequestLanguages
{
    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Languages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
        options.DefaultRequestCulture = new RequestCulture(Languages.Default);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.ApplyCurrentCultureToResponseHeaders = true; // Content-Language
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new SavedPreference(),
            new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
        ];
    }

    /// <summary>The cookie the switch writes: the same format <see cref="CookieRequestCultureProvider"/> reads.</summary>
    public static void WriteCookie(HttpResponse response, string language, bool secure) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = secure });

    /// <summary>The culture a request was answered in (kept on the request, so error handlers outside the middleware see it too).</summary>
    public static CultureInfo UiCultureOf(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo(Languages.Default);

    /// <summary>The signed-in person's saved preference, as <see cref="ClosedAccounts"/> read it (no query of its own).</summary>
    private sealed class SavedPreference : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Task.FromResult(Languages.Normalize(httpContext.Features.Get<SignedInAccount>()?.PreferredLanguage) is { } language
                ? new ProviderCultureResult(language)
                : null);
    }
}
