using System.Security.Claims;
using Booking.Domain.Common;
using Booking.Domain.Networking;
using Booking.Web.Infrastructure;
using Booking.Workflows.Networking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Features.Account;

/// <summary>The body of <c>PUT /api/v1/me/networking-profile</c>: skills are topic ids from the GET's <c>topics</c>.</summary>
public sealed record NetworkingProfileInput(string? DisplayName, string? WhatIDo, List<Guid>? Offers, List<Guid>? Seeks, string? Link);

/// <summary>The body of <c>POST /api/v1/sessions/{id}/connection-requests</c>: the other attendee's id from "who is coming".</summary>
public sealed record ConnectInput(Guid? AttendeeId);

/// <summary>The patron's own profile (null before they write one) and the topics skills are chosen from.</summary>
public sealed record NetworkingProfileAnswer(ProfileView? Profile, IReadOnlyList<Topic> Topics);

/// <summary>
/// Networking for signed-in patrons: <c>/api/v1/me/networking-profile</c> and <c>/api/v1/me/connection-requests</c> are the
/// caller's own; under <c>/api/v1/sessions/{id}</c> an attendee opts in or out, reads who is coming and asks to connect.
/// Nobody reads anyone's profile except through "who is coming", which applies <see cref="NetworkingRules"/>.
/// </summary>
public static class NetworkingApi
{
    public static RouteGroupBuilder MapNetworkingApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").RequireAuthorization().WithTags("Networking");
        me.MapGet("/networking-profile", ProfileAsync);
        me.MapPut("/networking-profile", SaveAsync).RequireRateLimiting(RateLimits.Networking);
        me.MapDelete("/networking-profile", DeleteAsync).RequireRateLimiting(RateLimits.Networking);
        me.MapGet("/connection-requests", ConnectionsAsync);
        me.MapPost("/connection-requests/{id:guid}/accept", (Guid id, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) => AnswerAsync(id, true, user, networking, ct))
            .RequireRateLimiting(RateLimits.Networking);
        me.MapPost("/connection-requests/{id:guid}/decline", (Guid id, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) => AnswerAsync(id, false, user, networking, ct))
            .RequireRateLimiting(RateLimits.Networking);

        var session = api.MapGroup("/sessions/{id:guid}").RequireAuthorization().WithTags("Networking");
        session.MapGet("/who-is-coming", WhoIsComingAsync);
        session.MapPut("/networking-consent", (Guid id, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) => ConsentAsync(id, true, user, networking, ct))
            .RequireRateLimiting(RateLimits.Networking);
        session.MapDelete("/networking-consent", (Guid id, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) => ConsentAsync(id, false, user, networking, ct))
            .RequireRateLimiting(RateLimits.Networking);
        session.MapPost("/connection-requests", AskAsync).RequireRateLimiting(RateLimits.Networking);
        return api;
    }

    private static async Task<Ok<NetworkingProfileAnswer>> ProfileAsync(ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) =>
        TypedResults.Ok(new NetworkingProfileAnswer(await networking.ProfileAsync(user.UserId(), ct), await networking.TopicsAsync(ct)));

    private static async Task<Results<Ok<NetworkingProfileAnswer>, ValidationProblem>> SaveAsync(
        NetworkingProfileInput? input, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        var problems = await networking.SaveProfileAsync(user.UserId(), ToInput(input), ct);
        if (problems.Count > 0)
        {
            var checks = new FieldErrors();
            foreach (var problem in problems)
            {
                checks.Add(problem.Field, problem.Message);
            }

            return checks.ToProblem();
        }

        return await ProfileAsync(user, networking, ct);
    }

    private static async Task<NoContent> DeleteAsync(ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        await networking.DeleteProfileAsync(user.UserId(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ConnectionView>>> ConnectionsAsync(ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct) =>
        TypedResults.Ok(await networking.ConnectionsAsync(user.UserId(), ct));

    private static async Task<Ok<ConnectionView>> AnswerAsync(Guid id, bool accept, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        var request = await networking.AnswerAsync(user.UserId(), id, accept, ct);
        return TypedResults.Ok((await networking.ConnectionsAsync(user.UserId(), ct)).Single(c => c.Id == request.Id));
    }

    private static async Task<Results<Ok<WhoIsComingView>, ProblemHttpResult>> WhoIsComingAsync(Guid id, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        var view = await networking.WhoIsComingAsync(user.UserId(), user.IsStaff(), id, ct);
        if (view is null)
        {
            return Problems.NotFound("session");
        }

        if (!view.MaySee)
        {
            return Problems.Of(ErrorCodes.Forbidden, "Only registered attendees of this networking session see who is coming.");
        }

        return TypedResults.Ok(view);
    }

    private static async Task<NoContent> ConsentAsync(Guid id, bool show, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        await networking.SetConsentAsync(user.UserId(), id, show, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<ConnectionView>, ValidationProblem>> AskAsync(
        Guid id, ConnectInput? input, ClaimsPrincipal user, SessionNetworking networking, CancellationToken ct)
    {
        if (input?.AttendeeId is not { } attendeeId)
        {
            return Problems.Validation("attendeeId", "Say whom to connect with (an attendeeId from who is coming).");
        }

        var request = await networking.AskAsync(user.UserId(), id, attendeeId, ct);
        var view = (await networking.ConnectionsAsync(user.UserId(), ct)).Single(c => c.Id == request.Id);
        return TypedResults.Created($"/api/v1/me/connection-requests/{view.Id}", view);
    }

    /// <summary>The form's or body's fields as the domain checks them.</summary>
    public static ProfileInput ToInput(NetworkingProfileInput? input) =>
        new(input?.DisplayName, input?.WhatIDo, input?.Offers, input?.Seeks, input?.Link);
}
