using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Certifications;

/// <summary>Bad grants, revocations and definitions: a clear problem each, and nothing changed.</summary>
public sealed class CertificationBadInputTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Grant_UnknownCertification_400AndNothingGranted()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var problem = await (await staff.Http.GrantAsync(patron.UserId, Guid.NewGuid())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains("no certification", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await GrantsAsync(patron.UserId));
    }

    [Fact]
    public async Task Grant_UnknownPatron_404()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var safety = await admin.Http.CertificationAsync();
        var unknown = Guid.NewGuid();
        await (await admin.Http.GrantAsync(unknown, safety)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, await GrantsAsync(unknown));
    }

    [Fact]
    public async Task Grant_Twice_409AndOneGrant()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var safety = await admin.Http.CertificationAsync();
        await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync();
        await (await staff.Http.GrantAsync(patron.UserId, safety)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await GrantsAsync(patron.UserId));
    }

    [Fact]
    public async Task Grant_ExpiryInThePast_400()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var safety = await admin.Http.CertificationAsync();
        await (await staff.Http.GrantAsync(patron.UserId, safety, host.Clock.GetUtcNow().AddDays(-1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await GrantsAsync(patron.UserId));
    }

    [Fact]
    public async Task Grant_MissingCertificationIdOrNoOffset_400()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        await (await staff.Http.PostAsJsonAsync($"/api/v1/patrons/{patron.UserId}/certifications", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.Http.PostAsJsonAsync($"/api/v1/patrons/{patron.UserId}/certifications", new { certificationId = Guid.NewGuid(), expiresAt = "2027-01-01T00:00:00" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await GrantsAsync(patron.UserId));
    }

    [Fact]
    public async Task StaffEndpoints_ByPatron_403Forbidden()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var safety = await admin.Http.CertificationAsync();

        await (await patron.Http.GrantAsync(patron.UserId, safety)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await patron.Http.GetAsync($"/api/v1/patrons/{other.UserId}/certifications")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await patron.Http.DeleteAsync($"/api/v1/patrons/{other.UserId}/certifications/{Guid.NewGuid()}?reason=x")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await patron.Http.PostAsJsonAsync("/api/v1/certifications", new { name = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var staff = await host.SignInNewAsync(Roles.Staff);
        await (await staff.Http.PostAsJsonAsync("/api/v1/certifications", new { name = "Staff made" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await GrantsAsync(patron.UserId));
        Assert.False(await host.InScopeAsync(db => db.Certifications.AnyAsync(c => c.Name == "Mine" || c.Name == "Staff made")));
    }

    [Fact]
    public async Task Revoke_WithoutReason_400AndStillValid_Twice_409()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var safety = await admin.Http.CertificationAsync();
        var grant = (await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/patrons/{patron.UserId}/certifications/{grant}";

        await (await staff.Http.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Null((await host.InScopeAsync(db => db.CertificationGrants.SingleAsync(g => g.Id == grant))).RevokedAtUtc);

        await (await staff.Http.DeleteAsync(url + "?reason=Unsafe")).JsonAsync();
        await (await staff.Http.DeleteAsync(url + "?reason=Again")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await (await staff.Http.DeleteAsync($"/api/v1/patrons/{Guid.NewGuid()}/certifications/{grant}?reason=x")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Define_BadFields_400NamingEach()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var response = await admin.Http.PostAsJsonAsync("/api/v1/certifications", new { name = "", validityMonths = 0, prerequisiteIds = new[] { Guid.NewGuid() } });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        foreach (var field in new[] { "name", "validityMonths", "prerequisiteIds" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        var name = $"Dup {Guid.NewGuid():N}";
        await admin.Http.CertificationAsync(name);
        await (await admin.Http.PostAsJsonAsync("/api/v1/certifications", new { name })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    private Task<int> GrantsAsync(Guid patronId) => host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == patronId));
}
