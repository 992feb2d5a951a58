using System.Net;
using System.Net.Http.Json;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Partners;

/// <summary>Partners, their staff and their clients, made through the API as an admin and partner staff would.</summary>
public static class PartnerSetup
{
    /// <summary>A partner with the given limits and one staff account of it, signed in after the role was given.</summary>
    public static async Task<(Guid PartnerId, SignedInClient Staff)> PartnerWithStaffAsync(this MakerspaceHost host, string[] kinds, int? maxHoursPerWeek)
    {
        var admin = await host.SignInNewAsync(Booking.Data.Identity.Roles.Admin);
        var partner = await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = $"Agency {Guid.NewGuid():N}", offers = "Job search help" })).JsonAsync();
        var partnerId = partner.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsJsonAsync($"/api/v1/partners/{partnerId}/limits", new { kinds, maxHoursPerWeek })).StatusCode);
        var account = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsJsonAsync($"/api/v1/partners/{partnerId}/staff", new { email = account.Email })).StatusCode);
        var signedIn = await host.SignInAsync(account.Email, MakerspaceHost.Password);
        return (partnerId, account with { Http = signedIn });
    }

    /// <summary>A client without e-mail of <paramref name="partnerStaff"/>'s organisation.</summary>
    public static async Task<Guid> ClientAsync(SignedInClient partnerStaff, string name)
    {
        var created = await (await partnerStaff.Http.PostAsJsonAsync("/api/v1/partner/clients", new { displayName = name, cardNumber = "P" + Guid.NewGuid().ToString("N")[..12] })).JsonAsync();
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>A session <paramref name="partnerId"/> hosts (or the library, when null) in <paramref name="roomId"/>.</summary>
    public static async Task<Guid> SessionAsync(this MakerspaceHost host, Guid roomId, DateTimeOffset start, Guid? partnerId, string title = "CV clinic", int capacity = 4)
    {
        var staff = await host.SignInNewAsync(Booking.Data.Identity.Roles.Staff);
        var made = await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId, start, end = start.AddHours(1), capacity, partnerId });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return (await made.JsonAsync()).GetProperty("id").GetGuid();
    }
}
