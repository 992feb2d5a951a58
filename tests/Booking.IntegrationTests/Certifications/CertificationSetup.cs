using System.Net.Http.Json;
using System.Text.Json;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Certifications;

/// <summary>Helpers for certification and session tests: definitions through the admin API, requirements straight in the database.</summary>
public static class CertificationSetup
{
    public static async Task<Guid> CertificationAsync(this HttpClient admin, string? name = null, int? validityMonths = 12, params Guid[] prerequisiteIds)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/certifications",
            new { name = name ?? $"Safety {Guid.NewGuid():N}"[..20], description = "Hands-on safety", validityMonths, prerequisiteIds })).JsonAsync();
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>Makes a resource require certifications, as an admin's PUT would.</summary>
    public static Task RequireAsync(this MakerspaceHost host, Guid resourceId, params Guid[] certificationIds) =>
        host.InScopeAsync(async db =>
        {
            var resource = await db.Resources.FindAsync(resourceId);
            resource!.RequireCertifications(certificationIds);
            return await db.SaveChangesAsync();
        });

    public static Task<HttpResponseMessage> GrantAsync(this HttpClient staff, Guid patronId, Guid certificationId, DateTimeOffset? expiresAt = null) =>
        staff.PostAsJsonAsync($"/api/v1/patrons/{patronId}/certifications", new { certificationId, expiresAt });

    public static Task<HttpResponseMessage> ScheduleAsync(this HttpClient staff, object session) =>
        staff.PostAsJsonAsync("/api/v1/sessions", session);

    public static async Task<JsonElement> TrainingAsync(this HttpClient staff, Guid roomId, Guid certificationId, DateTimeOffset start, int capacity = 8, string title = "Laser cutter safety") =>
        await (await staff.ScheduleAsync(new { kind = "training", title, roomId, start, end = start.AddMinutes(90), capacity, certificationId })).JsonAsync();
}
