using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Booking.Data;
using Booking.Domain.Common;
using Microsoft.AspNetCore.RateLimiting;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Abuse limits (<c>RateLimits:*</c>): sign-in, registration and password reset per client address, booking
/// writes per signed-in person, networking writes (profile, opt-ins, asking to connect) per signed-in person. Reads
/// (GET) are never limited. A refusal is 429 with <c>Retry-After</c>.
/// </summary>
public sealed record RateLimits(bool Enabled, int AccountAttempts, TimeSpan AccountWindow, int BookingWrites, TimeSpan BookingWindow)
{
    /// <summary>The policy on networking writes: saving a profile, opting in or out, asking to connect, answering.</summary>
    public const string Networking = "networking";

    /// <summary>Networking writes a person may make per <see cref="NetworkingWindow"/>: enough for a person, too few to ask a whole crowd.</summary>
    public int NetworkingWrites { get; init; } = 20;

    public TimeSpan NetworkingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The policy on sign-in, register, forgotten and reset password, and <c>/api/v1/auth/*</c>.</summary>
    public const string Accounts = "accounts";

    /// <summary>The policy on creating, changing and cancelling reservations and waiting-list entries.</summary>
    public const string Bookings = "bookings";

    public static RateLimits Read(IConfiguration configuration) => new(
        SettingValues.Flag(configuration, "RateLimits:Enabled", true),
        SettingValues.Count(configuration, "RateLimits:Accounts:PermitLimit", 20),
        SettingValues.Duration(configuration, "RateLimits:Accounts:Window", TimeSpan.FromMinutes(5)),
        SettingValues.Count(configuration, "RateLimits:Bookings:PermitLimit", 30),
        SettingValues.Duration(configuration, "RateLimits:Bookings:Window", TimeSpan.FromMinutes(1)))
    {
        NetworkingWrites = SettingValues.Count(configuration, "RateLimits:Networking:PermitLimit", 20),
        NetworkingWindow = SettingValues.Duration(configuration, "RateLimits:Networking:Window", TimeSpan.FromMinutes(10)),
    };

    public void AddTo(IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.AddPolicy(Accounts, context => Unlimited(context)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = AccountAttempts,
                Window = AccountWindow,
                QueueLimit = 0,
            }));
        options.AddPolicy(Bookings, context => Unlimited(context)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetSlidingWindowLimiter(Person(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = BookingWrites,
                Window = BookingWindow,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        options.AddPolicy(Networking, context => Unlimited(context)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetSlidingWindowLimiter("networking:" + Person(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = NetworkingWrites,
                Window = NetworkingWindow,
                SegmentsPerWindow = 5,
                QueueLimit = 0,
            }));
        options.OnRejected = RefuseAsync;
    });

    private bool Unlimited(HttpContext context) => !Enabled || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    // Signed in: the person, wherever they are; otherwise (a page about to ask for a sign-in) the address.
    private static string Person(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "address:" + context.Connection.RemoteIpAddress;

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many attempts in a short time. Try again in {seconds} seconds.";
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // A person at a form: plain words, not JSON.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail, ct);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = ErrorStatuses.TitleFor(ErrorCodes.RateLimited),
                Detail = detail,
                Extensions = { ["code"] = ErrorCodes.RateLimited },
            },
        });
    }
}
