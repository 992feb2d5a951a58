using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Booking.Web.Features.Account;

/// <summary><c>/api/v1/account</c>: a signed-in patron's own data, as a download, and closing the account.</summary>
public static class MyDataApi
{
    public sealed record CloseRequest(string? Password);

    public static RouteGroupBuilder MapMyDataApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").RequireAuthorization();
        account.MapGet("/data", DownloadAsync);
        account.MapPost("/close", CloseAsync).RequireRateLimiting(RateLimits.Accounts);
        return api;
    }

    private static async Task<Results<JsonHttpResult<MyData.Export>, NotFound>> DownloadAsync(
        HttpContext http, MyData data, TimeProvider clock, CancellationToken ct)
    {
        var export = await data.ExportAsync(http.User.UserId(), clock.GetUtcNow().UtcDateTime, ct);
        if (export is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(export.ExportedAtUtc)}\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(export);
    }

    private static async Task<Results<NoContent, ValidationProblem>> CloseAsync(CloseRequest input, HttpContext http, MyData data, CancellationToken ct)
    {
        if (await data.CloseAsync(http.User.UserId(), input.Password, ct) is { } problem)
        {
            return Problems.Validation("password", problem);
        }

        // A cookie sign-in ends with the account; a bearer token now names nobody and is refused by every endpoint.
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    public static string FileName(DateTime exportedAtUtc) => $"makerspace-my-data-{exportedAtUtc:yyyy-MM-dd}.json";
}
