using System.Net;
using System.Text.Json;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Reads an RFC 9457 answer and checks its status and <c>code</c>.</summary>
public static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        if (code is null)
        {
            Assert.False(json.TryGetProperty("code", out _), body);
        }
        else
        {
            Assert.Equal(code, json.GetProperty("code").GetString());
        }

        return json;
    }
}
