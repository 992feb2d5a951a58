using System.Text.Json.Serialization;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Jobs.Hosting;
using Booking.Jobs.Sweeps;
using Booking.Web.Features.Account;
using Booking.Web.Features.Availability;
using Booking.Web.Features.Calendar;
using Booking.Web.Features.Certifications;
using Booking.Web.Features.Locations;
using Booking.Web.Features.Maintenance;
using Booking.Web.Features.Partners;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Resources;
using Booking.Web.Features.Sessions;
using Booking.Web.Features.Suspensions;
using Booking.Web.Features.Waitlist;
using Booking.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;

namespace Booking.Web;

/// <summary>Wires the app: data, identity, problem details, the JSON API and the pages.</summary>
public static class MakerspaceApp
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        // The scheduler and the mail workers set up their stores while the server starts listening, not before.
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        services.AddSingleton(PublicAddress.From(builder.Configuration));
        services.AddBookingData(sp => DataFolder(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>()));
        services.AddMakerspaceJobs(builder.Configuration, sp => DataFolder(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>()));
        services.AddScoped<IWaitlist, WaitlistForJobs>();

        services.AddIdentityApiEndpoints<UserAccount>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddUserManager<MakerspaceUserManager>()
            .AddPasswordValidator<PasswordMaxLength>()
            .AddUserValidator<AccountNameMaxLength>()
            .AddEntityFrameworkStores<BookingDbContext>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.SameSite = SameSiteMode.Lax;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(Roles.Staff, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (!details.Extensions.ContainsKey("code") && ProblemCodes.ForStatus(details.Status ?? 0) is { } code)
            {
                details.Extensions["code"] = code;
            }

            details.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
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

        services.AddScoped<BookReservation>();
        services.AddScoped<ReservationActions>();
        services.AddScoped<WaitlistOffers>();
        services.AddScoped<MaintenanceBlocking>();
        services.AddScoped<CertificationGranting>();
        services.AddScoped<SessionScheduling>();
        services.AddScoped<SessionRegistrations>();
        services.AddScoped<PasswordResetMail>();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<SuspensionLifting>();

        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<BookingDbContext>("database");
        services.AddRazorPages(o => o.RootDirectory = "/Features");

        return builder.Build();
    }

    /// <summary>Fails fast on a bad setting, then migrates and seeds before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct = default)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await DatabaseSetup.PrepareAsync(app.Services, ct);

        var seedDemo = app.Configuration.GetValue<bool?>("Seed:Demo") ?? settings.Provider == DatabaseProvider.Sqlite;
        if (seedDemo)
        {
            await DemoData.SeedAsync(app.Services, ct);
        }

        Configure(app);
    }

    private static void Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimits>();
        app.UseMiddleware<NulCharacters>();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new StaffOnlyDashboard()],
            AppPath = "/",
            DashboardTitle = "Makerspace jobs",
        });

        app.MapOpenApi();
        app.MapHealthChecks("/health");

        var api = app.MapGroup("/api/v1");
        api.MapGroup("/auth").WithTags("Auth").MapIdentityApi<UserAccount>();
        api.MapLocationsApi();
        api.MapLocationsAdminApi();
        api.MapKindsApi();
        api.MapResourcesApi();
        api.MapResourcesAdminApi();
        api.MapReservationsApi();
        api.MapWaitlistApi();
        api.MapMaintenanceApi();
        api.MapAvailabilityApi();
        api.MapCertificationsApi();
        api.MapSessionsApi();
        api.MapPartnersApi();
        api.MapSuspensionsApi();
        api.MapCalendarApi();
        app.MapCalendarFeeds();

        app.MapRazorPages();
    }

    private static string DataFolder(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var folder = configuration["Storage:DataFolder"];
        return string.IsNullOrWhiteSpace(folder)
            ? Path.Combine(environment.ContentRootPath, ".data")
            : Path.GetFullPath(folder, environment.ContentRootPath);
    }
}
