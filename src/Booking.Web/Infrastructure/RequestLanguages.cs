using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Which language a request is answered in: the signed-in person's saved preference, then the language cookie
/// (set by the switch in the footer), then <c>Accept-Language</c>, else English. Only <see cref="Languages.Supported"/>
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
            new SavedPreference(),
            new CookieRequestCultureProvider(),
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

    /// <summary>The signed-in person's saved preference (one read by primary key; none for visitors).</summary>
    private sealed class SavedPreference : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (httpContext.User.Identity?.IsAuthenticated != true || httpContext.User.UserId() is var id && id == Guid.Empty)
            {
                return null;
            }

            try
            {
                var db = httpContext.RequestServices.GetRequiredService<BookingDbContext>();
                var saved = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PreferredLanguage).FirstOrDefaultAsync(httpContext.RequestAborted);
                return Languages.Normalize(saved) is { } language ? new ProviderCultureResult(language) : null;
            }
            catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
            {
                return null; // the database is away: the cookie or the browser decides, and the request meets the outage where it always did
            }
        }
    }
}
