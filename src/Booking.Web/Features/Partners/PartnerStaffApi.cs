using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Patrons;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>The body of <c>POST /api/v1/partner/clients/{patronId}/reservations</c>.</summary>
public sealed record ClientBookingInput(Guid? ResourceId, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>A partner's client as its staff see them: the card masked (a partner's page is not a library staff page).</summary>
public sealed record ClientView(Guid Id, string DisplayName, string? Card);

/// <summary>A client's session place and whether they came.</summary>
public sealed record ClientSessionView(Guid SessionId, string Title, DateTimeOffset Start, string Status);

/// <summary>A client's bookings and session places with attendance.</summary>
public sealed record ClientActivityView(ClientView Client, IReadOnlyList<ReservationView> Reservations, IReadOnlyList<ClientSessionView> Sessions);

/// <summary>The body of <c>POST /api/v1/partner/client-requests</c>: the patron's e-mail address or their library card number (one of the two).</summary>
public sealed record ClientRequestInput(string? Email, string? CardNumber);

/// <summary>The one answer to every client request, whoever it names.</summary>
public sealed record ClientRequestAnswer(string Message);

/// <summary>The body of <c>POST /api/v1/partners/{id}/staff</c>: the account to make partner staff.</summary>
public sealed record PartnerStaffInput(string? Email);

/// <summary>The body of <c>PUT /api/v1/partners/{id}/limits</c>.</summary>
public sealed record PartnerLimitsInput(string[]? Kinds, int? MaxHoursPerWeek);

/// <summary>
/// Partner staff (the <c>Partner</c> role, bound to one organisation) serve their own clients; admins say who is partner
/// staff and what the partner may book. Another organisation's client, or a session it does not host, is a 404.
/// </summary>
public static class PartnerStaffApi
{
    public static IEndpointRouteBuilder MapPartnerStaffApi(this IEndpointRouteBuilder api)
    {
        var partner = api.MapGroup("/partner").WithTags("Partner staff").RequireAuthorization(MakerspaceApp.PartnerPolicy);
        partner.MapGet("/clients", Clients);
        partner.MapPost("/clients", CreateClient);
        partner.MapGet("/clients/{patronId:guid}", Activity);
        partner.MapPost("/clients/{patronId:guid}/reservations", Book);
        partner.MapPost("/clients/{patronId:guid}/sessions/{sessionId:guid}", Register);
        partner.MapPost("/client-requests", AskClient);

        var admin = api.MapGroup("/partners/{partnerId:guid}").WithTags("Partners").RequireAuthorization(MakerspaceApp.AdminPolicy);
        admin.MapPost("/staff", AddStaff);
        admin.MapDelete("/staff/{userId:guid}", RemoveStaff);
        admin.MapPut("/limits", SetLimits);
        return api;
    }

    private static ProblemHttpResult NotPartnerStaff() => Problems.Of(ErrorCodes.Forbidden, "Your account is not partner staff of an organisation.");

    private static async Task<Results<Ok<List<ClientView>>, ProblemHttpResult>> Clients(ClaimsPrincipal user, PartnerDesk desk, BookingDbContext db, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        return TypedResults.Ok((await PartnerHomeModel.ClientsOfAsync(db, partnerId, ct)).ToList());
    }

    private static async Task<Results<Created<ClientView>, ValidationProblem, ProblemHttpResult>> CreateClient(
        Patrons.NewPatronInput? input, ClaimsPrincipal user, PartnerDesk desk, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        var (patron, problems) = NewPatron.Read(input?.DisplayName, input?.CardNumber, input?.Email);
        if (patron is null)
        {
            return Problems.Validation(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        try
        {
            var account = await desk.CreateClientAsync(user.UserId(), partnerId, patron, ct);
            return TypedResults.Created($"/api/v1/partner/clients/{account.Id}", new ClientView(account.Id, patron.DisplayName, LibraryCard.Mask(patron.CardNumber)));
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }

    private static async Task<Results<Ok<ClientActivityView>, ProblemHttpResult>> Activity(
        Guid patronId, ClaimsPrincipal user, PartnerDesk desk, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        if (!await desk.IsClientAsync(partnerId, patronId, ct))
        {
            return Problems.Refused(PartnerDesk.NotYourClient);
        }

        var activity = await ClientActivity.ReadAsync(db, patronId, clock.GetUtcNow().UtcDateTime, ct);
        var sessions = activity.Places.Select(p => new ClientSessionView(p.SessionId, p.Title, new DateTimeOffset(p.StartUtc, TimeSpan.Zero), p.Status.ToString().ToLowerInvariant())).ToList();
        return TypedResults.Ok(new ClientActivityView(activity.Client, activity.Reservations, sessions));
    }

    private static async Task<Results<Created<ReservationView>, ValidationProblem, ProblemHttpResult>> Book(
        Guid patronId, ClientBookingInput? input, ClaimsPrincipal user, PartnerDesk desk, TimeProvider clock, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        var checks = new FieldErrors();
        var resourceId = checks.Required(input?.ResourceId, "resourceId", "Say which resource to book.");
        var start = checks.Required(input?.Start, "start", "Give the start, with an offset. " + Instants.Hint);
        var end = checks.Required(input?.End, "end", "Give the end, with an offset. " + Instants.Hint);
        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var outcome = await desk.BookAsync(user.UserId(), partnerId, patronId, resourceId, start, end, ct);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.Of(refusal.Code, refusal.Message, CertificationProblem.Extensions(refusal, outcome.Zone));
        }

        var subject = outcome.Subject!;
        var view = ReservationQueries.ToView(
            new ReservationQueries.Row { Reservation = outcome.Reservation!, Resource = subject.Resource, Kind = subject.Kind, TimeZoneId = subject.Location.TimeZoneId, PatronEmail = null },
            clock.GetUtcNow().UtcDateTime);
        return TypedResults.Created($"/api/v1/partner/clients/{patronId}", view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Register(Guid patronId, Guid sessionId, ClaimsPrincipal user, PartnerDesk desk, BookingDbContext db, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        try
        {
            await desk.RegisterAsync(partnerId, patronId, sessionId, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return Problems.Of(e);
        }
    }

    /// <summary>
    /// Asks an existing patron to become the organisation's client. The answer is the same 202 whether or not the address
    /// or card belongs to anyone; only a malformed body (400) or too many asks today (429) differ, and they say nothing of the patron.
    /// </summary>
    private static async Task<Results<Accepted<ClientRequestAnswer>, ValidationProblem, ProblemHttpResult>> AskClient(
        ClientRequestInput? input, ClaimsPrincipal user, PartnerDesk desk, PartnerClientConsent consent, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(user.UserId(), ct) is not { } partnerId)
        {
            return NotPartnerStaff();
        }

        var hasEmail = !string.IsNullOrWhiteSpace(input?.Email);
        var hasCard = !string.IsNullOrWhiteSpace(input?.CardNumber);
        var (email, card) = hasEmail == hasCard ? (null, null) : PartnerClientConsent.ReadWho(hasEmail ? input!.Email : input!.CardNumber);
        if (email is null && card is null || hasEmail && email is null || hasCard && card is null)
        {
            return Problems.Validation(hasCard ? "cardNumber" : "email", PartnerClientConsent.AskRule);
        }

        try
        {
            await consent.AskAsync(user.UserId(), partnerId, email, card, ct);
            return TypedResults.Accepted((string?)null, new ClientRequestAnswer(PartnerClientConsent.NeutralAnswer));
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AddStaff(
        Guid partnerId, PartnerStaffInput? input, ClaimsPrincipal user, PartnerStaffing staffing, CancellationToken ct)
    {
        try
        {
            await staffing.AddStaffAsync(user.UserId(), partnerId, input?.Email, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e) when (e.Code == ErrorCodes.Validation)
        {
            return Problems.Validation("email", e.Message);
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveStaff(Guid partnerId, Guid userId, ClaimsPrincipal user, PartnerStaffing staffing, CancellationToken ct)
    {
        try
        {
            await staffing.RemoveStaffAsync(user.UserId(), partnerId, userId, ct);
            return TypedResults.NoContent();
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetLimits(
        Guid partnerId, PartnerLimitsInput? input, ClaimsPrincipal user, PartnerStaffing staffing, CancellationToken ct)
    {
        try
        {
            var problems = await staffing.SetLimitsAsync(user.UserId(), partnerId, input?.Kinds, input?.MaxHoursPerWeek, ct);
            return problems.Count == 0
                ? TypedResults.NoContent()
                : Problems.Validation(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }
}
