using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Certifications;

/// <summary>The booking gate: a resource that requires certifications is booked only by a patron who holds them through the end.</summary>
public sealed class CertificationGateTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Book_RefusedCertifyAcceptedRevoke_RefusedAndFutureReservationsCancelled()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var safety = await admin.Http.CertificationAsync("Laser cutter safety " + Guid.NewGuid().ToString("N")[..6]);
        await host.RequireAsync(cutter.Id, safety);
        var training = await staff.Http.TrainingAsync(room.Id, safety, Local(Zone, "2026-01-13T18:00"));
        var start = Local(Zone, "2026-01-14T10:00");

        // Uncertified: refused, told what is missing and when the next training is.
        var refused = await (await patron.Http.BookAsync(cutter.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "certification-required");
        Assert.Contains("is required: next training Tue, Jan 13, 6:00 PM", refused.GetProperty("detail").GetString());
        var missing = Assert.Single(refused.GetProperty("certifications").EnumerateArray());
        Assert.Equal(safety, missing.GetProperty("id").GetGuid());
        Assert.StartsWith("Laser cutter safety", missing.GetProperty("name").GetString());
        Assert.Equal("missing", missing.GetProperty("status").GetString());
        var next = Assert.Single(missing.GetProperty("nextSessions").EnumerateArray());
        Assert.Equal(training.GetProperty("id").GetGuid(), next.GetProperty("id").GetGuid());
        Assert.Equal("2026-01-13T18:00:00-05:00", next.GetProperty("start").GetString());
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == cutter.Id)));

        // Certified: accepted.
        var grant = await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync();
        Assert.Equal("valid", grant.GetProperty("status").GetString());
        var first = (await (await patron.Http.BookAsync(cutter.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var second = (await (await patron.Http.BookAsync(cutter.Id, start.AddDays(1), start.AddDays(1).AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var unrelated = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        // Revoked: the future reservations that needed it are cancelled with the reason, and the patron is told.
        var grantId = grant.GetProperty("id").GetGuid();
        var revoked = await (await staff.Http.DeleteAsync($"/api/v1/patrons/{patron.UserId}/certifications/{grantId}?reason=Unsafe%20use")).JsonAsync();
        Assert.Equal("revoked", revoked.GetProperty("grant").GetProperty("status").GetString());
        Assert.Equal(new[] { first, second }.Order(), revoked.GetProperty("cancelledReservationIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        var cancelled = await patron.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{first}");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Contains("Unsafe use", cancelled.GetProperty("statusReason").GetString());
        Assert.Equal("confirmed", (await patron.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{unrelated}")).GetProperty("status").GetString());

        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.RecipientId == patron.UserId && n.Kind == "certification-revoked"));
        Assert.Contains("Unsafe use", notice.Body);
        Assert.Contains("cancelled", notice.Body);
        var audit = await host.InScopeAsync(db => db.AuditLog.Where(a => a.ActorId == staff.UserId).Select(a => a.Action).ToListAsync());
        Assert.Contains("certification.grant", audit);
        Assert.Contains("certification.revoke", audit);

        await (await patron.Http.BookAsync(cutter.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "certification-required");
    }

    [Fact]
    public async Task Book_CertificationExpiresBeforeEnd_RefusedAsExpiring_EndingAtExpiryAccepted()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var basics = await admin.Http.CertificationAsync(validityMonths: 24);
        await host.RequireAsync(printer.Id, basics);
        var start = Local(Zone, "2026-01-15T10:00");
        await (await staff.Http.GrantAsync(patron.UserId, basics, start.AddHours(1))).JsonAsync();

        var refused = await (await patron.Http.BookAsync(printer.Id, start, start.AddHours(2))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "certification-required");
        var expiring = Assert.Single(refused.GetProperty("certifications").EnumerateArray());
        Assert.Equal("expiring", expiring.GetProperty("status").GetString());
        Assert.Contains("expires", refused.GetProperty("detail").GetString());
        Assert.Contains("no training is scheduled", refused.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).StatusCode);
    }

    [Fact]
    public async Task Book_StaffOnBehalfOfUncertifiedPatron_StillRefused()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        await host.RequireAsync(cutter.Id, await admin.Http.CertificationAsync());
        var start = Local(Zone, "2026-01-16T10:00");
        await (await staff.Http.BookAsync(cutter.Id, start, start.AddHours(1), patron.UserId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "certification-required");
    }

    [Fact]
    public async Task Grant_PrerequisiteMissing_422ThenGrantedOnceHeld()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var basics = await admin.Http.CertificationAsync();
        var advanced = await admin.Http.CertificationAsync(null, null, basics);

        await (await staff.Http.GrantAsync(patron.UserId, advanced)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "prerequisite-missing");
        Assert.Equal(0, await host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == patron.UserId)));

        await (await staff.Http.GrantAsync(patron.UserId, basics)).JsonAsync();
        var granted = await (await staff.Http.GrantAsync(patron.UserId, advanced)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task Mine_ShowsExpiryAndWhatItUnlocks()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var safety = await admin.Http.CertificationAsync(validityMonths: 12);
        await host.RequireAsync(cutter.Id, safety);
        await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync();

        var mine = await patron.Http.GetFromJsonAsync<JsonElement>("/api/v1/patrons/me/certifications");
        var held = Assert.Single(mine.EnumerateArray());
        Assert.Equal(safety, held.GetProperty("certificationId").GetGuid());
        Assert.Equal(host.Clock.GetUtcNow().AddMonths(12), held.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(cutter.Id, Assert.Single(held.GetProperty("unlocks").EnumerateArray()).GetProperty("id").GetGuid());

        var staffView = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patrons/{patron.UserId}/certifications");
        Assert.Single(staffView.EnumerateArray());
        var listed = await host.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/certifications");
        var definition = listed.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == safety);
        Assert.Equal(12, definition.GetProperty("validityMonths").GetInt32());
        Assert.Contains(definition.GetProperty("unlocks").EnumerateArray(), r => r.GetProperty("id").GetGuid() == cutter.Id);
    }

    [Fact]
    public async Task FindPatrons_ByEmailOrName_StaffOnly()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync(email: $"grace.hopper.{Guid.NewGuid():N}@example.test");

        var byEmail = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patrons?email={Uri.EscapeDataString(patron.Email.ToUpperInvariant())}");
        Assert.Equal(patron.UserId, Assert.Single(byEmail.EnumerateArray()).GetProperty("id").GetGuid());
        var byName = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patrons?name={patron.Email.Split('@')[0][..20]}");
        Assert.Contains(byName.EnumerateArray(), p => p.GetProperty("id").GetGuid() == patron.UserId);
        await (await staff.Http.GetAsync("/api/v1/patrons")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await patron.Http.GetAsync($"/api/v1/patrons?email={patron.Email}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Revoke_ReasonInJsonBody_Accepted()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var safety = await admin.Http.CertificationAsync();
        var grant = (await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync()).GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/patrons/{patron.UserId}/certifications/{grant}")
        {
            Content = JsonContent.Create(new { reason = "Left the cutter unattended" }),
        };
        var revoked = await (await staff.Http.SendAsync(request)).JsonAsync();
        Assert.Equal("Left the cutter unattended", revoked.GetProperty("grant").GetProperty("revocationReason").GetString());
    }

    [Fact]
    public async Task ResourceAdmin_RequiredCertifications_SavedAndShown()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var branch = await host.BranchAsync(Zone);
        var safety = await admin.Http.CertificationAsync();
        var created = await (await admin.Http.PostAsJsonAsync("/api/v1/resources",
            new { name = "Cutter", kind = KnownKinds.LaserCutter, locationId = branch.Id, requiredCertificationIds = new[] { safety } })).JsonAsync();
        Assert.Equal(safety, Assert.Single(created.GetProperty("requiredCertificationIds").EnumerateArray()).GetGuid());

        var id = created.GetProperty("id").GetGuid();
        var bad = await admin.Http.PutAsJsonAsync($"/api/v1/resources/{id}",
            new { name = "Cutter", kind = KnownKinds.LaserCutter, locationId = branch.Id, requiredCertificationIds = new[] { Guid.NewGuid() } });
        var problem = await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("requiredCertificationIds", out _), problem.ToString());
        var kept = await host.InScopeAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal([safety], kept.RequiredCertificationIds);

        var cleared = await (await admin.Http.PutAsJsonAsync($"/api/v1/resources/{id}", new { name = "Cutter", kind = KnownKinds.LaserCutter, locationId = branch.Id })).JsonAsync();
        Assert.Empty(cleared.GetProperty("requiredCertificationIds").EnumerateArray());
    }
}
