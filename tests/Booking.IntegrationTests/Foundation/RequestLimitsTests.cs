using System.Net;
using System.Net.Http.Json;
using System.Text;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Foundation;

/// <summary>Oversized input is refused before it costs anything: request bodies, and passwords before they are hashed.</summary>
public sealed class RequestLimitsTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const int NineMegabytes = 9 * 1024 * 1024;

    [Fact]
    public async Task Book_BodyOverTheApiLimit_413TooLargeNothingWritten()
    {
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var notes = new string('n', (int)RequestBodyLimits.ApiMaxBytes);

        var response = await patron.Http.PostAsJsonAsync("/api/v1/reservations", new { resourceId = room.Id, start = "2026-01-13T10:00:00-05:00", end = "2026-01-13T11:00:00-05:00", notes });

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    [Fact]
    public async Task Register_NineMegabytePassword_413TooLarge()
    {
        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = $"big-{Guid.NewGuid():N}@example.test", password = new string('p', NineMegabytes) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PageForm_OverTheFormLimit_413()
    {
        var patron = await host.SignInNewAsync();
        var form = new FormUrlEncodedContent([new("Notes", new string('n', (int)RequestBodyLimits.FormMaxBytes + 1))]);
        var response = await patron.Http.PostAsync($"/reservations/new?resourceId={Guid.NewGuid()}", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Book_NulCharacterInNotes_400ValidationNamingNotesNothingWritten()
    {
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();

        var response = await patron.Http.PostAsJsonAsync("/api/v1/reservations", new { resourceId = room.Id, start = "2026-01-13T10:00:00-05:00", end = "2026-01-13T11:00:00-05:00", notes = "a\u0000b" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty("notes", out _), problem.ToString());
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    [Theory]
    [InlineData("/desk/patrons?q=a%00b", "q")]
    [InlineData("/api/v1/patrons?email=a%00b", "email")]
    public async Task Search_NulCharacterInQuery_400NamingTheField(string url, string field)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var problem = await (await staff.Http.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Register_PasswordOverTheMaximum_400SaysTheLimit()
    {
        var email = $"long-{Guid.NewGuid():N}@example.test";
        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = new string('p', PasswordMaxLength.MaxLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {PasswordMaxLength.MaxLength} characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Register_EmailLongerThanItsColumn_400NotStored()
    {
        var email = new string('e', AccountNameMaxLength.MaxLength) + "@example.test";
        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = MakerspaceHost.Password });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _), "the refusal names the e-mail field");
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task EveryPasswordPath_NineMegabytePassword_RefusedNeverHashed()
    {
        var hasher = new CountingHasher();
        using var counted = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<UserAccount>>(hasher)));
        using var scope = counted.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var huge = new string('p', NineMegabytes);

        var created = await users.CreateAsync(new UserAccount { UserName = $"huge-{Guid.NewGuid():N}@example.test", Email = $"huge-{Guid.NewGuid():N}@example.test" }, huge);
        Assert.Contains(created.Errors, e => e.Code == PasswordMaxLength.Code);

        var email = $"reset-{Guid.NewGuid():N}@example.test";
        var user = await DatabaseSetup.EnsureUserAsync(users, email, MakerspaceHost.Password, "Reset", Roles.Patron);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, huge);
        Assert.Contains(reset.Errors, e => e.Code == PasswordMaxLength.Code);

        var bootstrap = await Assert.ThrowsAsync<ConfigurationProblem>(() => DatabaseSetup.EnsureUserAsync(users, $"admin-{Guid.NewGuid():N}@example.test", huge, "Admin", Roles.Admin));
        Assert.Contains($"at most {PasswordMaxLength.MaxLength} characters", bootstrap.Message, StringComparison.Ordinal);

        Assert.True(hasher.LongestHashed <= PasswordMaxLength.MaxLength, $"A {hasher.LongestHashed}-character password was hashed.");
    }

    private sealed class CountingHasher : IPasswordHasher<UserAccount>
    {
        private readonly PasswordHasher<UserAccount> _inner = new();

        public int LongestHashed { get; private set; }

        public string HashPassword(UserAccount user, string password)
        {
            LongestHashed = Math.Max(LongestHashed, password.Length);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword) =>
            _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
