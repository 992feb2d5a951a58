using System.Text.Json.Serialization;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Jobs.Health;
using Booking.Jobs.Hosting;
using Booking.Web.Features.Account;
using Booking.Web.Features.Audit;
using Booking.Web.Features.Availability;
using Booking.Web.Features.Calendar;
using Booking.Web.Features.Certifications;
using Booking.Web.Features.Locations;
using Booking.Web.Features.Maintenance;
using Booking.Web.Features.Partners;
using Booking.Web.Features.Patrons;
using Booking.Web.Features.Reports;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Resources;
using Booking.Web.Features.Sessions;
using Booking.Web.Features.Survey;
using Booking.Web.Features.Suspensions;
using Booking.Web.Features.Waitlist;
using Booking.Web.Infrastructure;
using Booking.Workflows;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Booking.Web;

/// <summary>Wires the app: data, identity, problem details, the JSON API and the pages.</summary>
public static class MakerspaceApp
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string PartnerPolicy = "Partner";
    public const string KioskPolicy = "Kiosk";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false); // no product and version for scanners

        var isDevelopment = builder.Environment.IsDevelopment();
        var publicAddress = PublicAddress.From(builder.Configuration, isDevelopment);
        // The operator's own AllowedHosts wins; otherwise only the public host (and loopback) is answered.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = publicAddress.AllowedHosts;
        }

        services.AddSystemd(); // under systemd: ready and stopping notifications, journal-friendly logs; elsewhere nothing
        services.AddSingleton(TimeProvider.System);
        // The scheduler and the mail workers set up their stores while the server starts listening, not before.
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        services.AddSingleton(publicAddress);
        services.AddSingleton(SiteLook.From(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddSingleton<Features.Availability.KindCatalogues>();
        services.AddBookingData(DataRegistration.DataFolder);
        services.AddMakerspaceJobs(builder.Configuration, DataRegistration.DataFolder);
        services.AddMakerspaceTelemetry(builder.Configuration, "makerspace-web");
        services.AddMakerspaceWorkflows();
        services.AddMakerspaceKeyRing(builder.Configuration, builder.Environment);

        services.AddIdentityApiEndpoints<UserAccount>(options => AccountRules.Configure(options, builder.Configuration, isDevelopment))
            .AddMakerspaceAccounts();
        RememberedBearerTokens.AddTo(services);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        // One policy for every cookie the app sets (sign-in, antiforgery, TempData): Secure whenever patrons use https.
        services.Configure<CookiePolicyOptions>(o => o.Secure = publicAddress.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.Configure<ForwardedHeadersOptions>(o => ProxyTrust.Configure(o, builder.Configuration));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // the library's other sites under the same domain are not ours to pin
        });
        RateLimits.Read(builder.Configuration).AddTo(services);

        services.AddAuthorizationBuilder()
            // Any signed-in account, except a kiosk's: a tablet at the desk books nothing and has no pages of its own.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => !c.User.IsKioskOnly()).Build())
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(PartnerPolicy, p => p.RequireRole(Roles.Partner).RequireAssertion(c => !c.User.IsKioskOnly()))
            .AddPolicy(KioskPolicy, p => p.RequireRole(Roles.Kiosk, Roles.Staff, Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (!details.Extensions.ContainsKey("code") && ErrorStatuses.ForStatus(details.Status ?? 0) is { } code)
            {
                details.Extensions["code"] = code;
            }

            details.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            ProblemWords.Translate(details, RequestLanguages.UiCultureOf(context.HttpContext));
        });
        services.AddExceptionHandler<ExceptionProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Instants.JsonConverter());
            o.SerializerOptions.Converters.Add(new NulCharacters.JsonConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(RequestLanguages.Configure);
        services.AddScoped<Registration>();
        services.AddScoped<MyData>();
        services.AddMemoryCache();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<ReportQueries>();

        services.AddOpenApi();
        services.AddMakerspaceHealthChecks(builder.Configuration);
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            foreach (var page in (string[])["/Account/SignIn", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/ConfirmEmail"])
            {
                o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Accounts)));
            }

            foreach (var page in (string[])["/Reservations/New", "/Reservations/Cancel", "/Waitlist/Join", "/Survey/Answer", "/Kiosk/Kiosk"])
            {
                o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Bookings)));
            }

            o.Conventions.AddPageApplicationModelConvention("/Account/Networking", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Networking)));
        })
            // A page's words in another language live beside it: Features/Home/Index.es.resx for Features/Home/Index.cshtml
            // (English is the key itself), so a third language is a set of resource files and nothing else.
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();

        return builder.Build();
    }

    /// <summary>Before the first request: migrates, makes sure roles and kinds exist, bootstraps the admin, seeds the demo where asked.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, CancellationToken ct = default)
    {
        await DatabaseSetup.PrepareAsync(app.Services, ct);

        // Demo data only where asked: by Seed:Demo, or on a developer's machine (the README's one-command demo).
        if (SettingValues.Flag(app.Configuration, "Seed:Demo", app.Environment.IsDevelopment()))
        {
            await DemoData.SeedAsync(app.Services, ct);
        }
        else if (await DemoData.AccountsPresentAsync(app.Services, ct) is { Count: > 0 } demoAccounts)
        {
            app.Logger.LogWarning(
                "Demo accounts {Accounts} exist in this database, with the password printed in README.md; delete them or change their passwords before opening to the public",
                string.Join(", ", demoAccounts));
        }
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>The middleware pipeline, in order, and every endpoint: the API, the feeds and the pages.</summary>
    public static void UsePipeline(WebApplication app)
    {
        var publicAddress = app.Services.GetRequiredService<PublicAddress>();
        app.UseMiddleware<SecurityHeaders>(new PathString("/jobs"));
        app.UseForwardedHeaders();
        // A person at a page gets an error page in the site's look, with the status the exception earns (503 while the
        // database is away); the API answers problem details, written by the inner handler before the outer one sees
        // anything. (Not two UseWhen branches: a branch cannot re-route.)
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = Features.Errors.StatusModel.PathFor(StatusCodes.Status500InternalServerError),
            StatusCodeSelector = ExceptionProblems.StatusFor,
        });
        app.UseWhen(IsApi, api => api.UseExceptionHandler());
        if (publicAddress.IsHttps)
        {
            app.UseMiddleware<HttpsOnly>();
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute(Features.Errors.StatusModel.PathFormat);
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseCookiePolicy();
        app.UseMiddleware<RequestBodyLimits>();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseMiddleware<ClosedAccounts>(); // before the language: it reads the account's saved preference
        app.UseRequestLocalization(); // after sign-in is known: a saved preference is the fallback to the cookie
        app.UseMiddleware<NulCharacters>(); // after the language, to refuse in it
        app.UseMiddleware<SameOriginWrites>();
        app.UseMiddleware<KioskAccounts>(); // after the language, to refuse in it
        app.UseRateLimiter();
        app.UseAuthorization();

        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new StaffOnlyDashboard()],
            AppPath = "/",
            DashboardTitle = "Makerspace jobs",
        });

        app.MapOpenApi();
        // Live: the process answers (a restart would help otherwise). Ready: it can serve (its database reachable, its
        // scheduler and mail workers running where this node runs them). /health: every check.
        app.MapMakerspaceHealth();

        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapMyDataApi();
        api.MapNetworkingApi();
        api.MapLocationsApi();
        api.MapLocationsAdminApi();
        api.MapKindsApi();
        api.MapResourcesApi();
        api.MapResourcesAdminApi();
        var bookingWrites = api.MapGroup("").RequireRateLimiting(RateLimits.Bookings);
        bookingWrites.MapReservationsApi();
        bookingWrites.MapWaitlistApi();
        api.MapMaintenanceApi();
        api.MapAvailabilityApi();
        api.MapCertificationsApi();
        api.MapPatronsApi();
        api.MapSessionsApi();
        api.MapPartnersApi();
        api.MapPartnerStaffApi();
        api.MapSuspensionsApi();
        api.MapCalendarApi();
        api.MapReportsApi();
        api.MapSurveyReportApi();
        app.MapCalendarFeeds();
        app.MapResourcePhotos();
        app.MapSiteLook();
        app.MapReportDownloads();
        app.MapSurveyDownload();
        app.MapAuditExport();

        app.MapRazorPages();
    }
}
