using System.Security.Claims;
using System.Text.Json;
using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Web.Features.Patrons;
using Booking.Web.Infrastructure;
using Booking.Workflows.Certifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Certifications;

/// <summary>The body of <c>POST /api/v1/certifications</c>.</summary>
public sealed record CertificationInput(string? Name, string? Description, int? ValidityMonths, Guid[]? PrerequisiteIds);

/// <summary>The body of <c>POST /api/v1/patrons/{patronId}/certifications</c>; the expiry defaults from the certification's validity.</summary>
public sealed record GrantInput(Guid? CertificationId, DateTimeOffset? ExpiresAt);

public sealed record NamedRef(Guid Id, string Name);

public sealed record ResourceRef(Guid Id, string Name, string Kind);

public sealed record CertificationView(
    Guid Id, string Name, string Description, int? ValidityMonths, IReadOnlyList<NamedRef> Prerequisites, IReadOnlyList<ResourceRef> Unlocks);

/// <summary>A grant as staff and the patron see it; <c>status</c> is <c>valid</c>, <c>expired</c> or <c>revoked</c>.</summary>
public sealed record GrantView(
    Guid Id, Guid PatronId, Guid CertificationId, string CertificationName, string Status, DateTimeOffset GrantedAt, Guid GrantedById,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevocationReason, Guid? SessionId, IReadOnlyList<ResourceRef> Unlocks);

public sealed record RevocationView(GrantView Grant, IReadOnlyList<Guid> CancelledReservationIds);

/// <summary>Certification definitions (admin), grants and revocations (staff), and a patron's own certifications.</summary>
public static class CertificationsApi
{
    public static IEndpointRouteBuilder MapCertificationsApi(this IEndpointRouteBuilder api)
    {
        var certifications = api.MapGroup("/certifications").WithTags("Certifications");
        certifications.MapGet("/", List);
        certifications.MapPost("/", Create).RequireAuthorization(MakerspaceApp.AdminPolicy);

        var patrons = api.MapGroup("/patrons").WithTags("Certifications").RequireAuthorization();
        patrons.MapGet("/me/certifications", Mine);
        patrons.MapGet("/", Find).RequireAuthorization(MakerspaceApp.StaffPolicy);
        patrons.MapGet("/{patronId:guid}/certifications", OfPatron).RequireAuthorization(MakerspaceApp.StaffPolicy);
        patrons.MapPost("/{patronId:guid}/certifications", Grant).RequireAuthorization(MakerspaceApp.StaffPolicy);
        patrons.MapDelete("/{patronId:guid}/certifications/{grantId:guid}", Revoke).RequireAuthorization(MakerspaceApp.StaffPolicy);
        return api;
    }

    private static async Task<Ok<List<CertificationView>>> List(BookingDbContext db, CancellationToken ct)
    {
        var definitions = await db.Certifications.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var unlocks = await UnlocksAsync(db, ct);
        var names = definitions.ToDictionary(d => d.Id, d => d.Name);
        return TypedResults.Ok(definitions.Select(d => View(d, names, unlocks)).ToList());
    }

    private static async Task<Results<Created<CertificationView>, ValidationProblem>> Create(
        CertificationInput input, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var definition = await CertificationDefining.DefineAsync(db, errors, input, user.UserId(), clock.GetUtcNow().UtcDateTime, ct);
        if (definition is null)
        {
            return errors.ToProblem();
        }

        var names = await db.Certifications.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return TypedResults.Created($"/api/v1/certifications/{definition.Id}", View(definition, names, await UnlocksAsync(db, ct)));
    }

    private static async Task<Results<Ok<List<PatronView>>, ValidationProblem>> Find(string? email, string? name, string? card, BookingDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(card))
        {
            return TypedResults.Ok(await PatronSearch.ByCardAsync(db, card, ct));
        }

        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(name))
        {
            return Problems.Validation("email", "Give an e-mail (?email=), a name (?name=) or part of one, or a library card number (?card=).");
        }

        var found = await PatronSearch.ByEmailAndNameAsync(db, email, name, ct);
        return TypedResults.Ok(found);
    }

    private static Task<Ok<List<GrantView>>> Mine(ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
        GrantsOfAsync(db, clock, user.UserId(), ct);

    private static async Task<Results<Ok<List<GrantView>>, ProblemHttpResult>> OfPatron(Guid patronId, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.Users.AnyAsync(u => u.Id == patronId, ct) ? await GrantsOfAsync(db, clock, patronId, ct) : Problems.NotFound("patron");

    private static async Task<Results<Created<GrantView>, ProblemHttpResult, ValidationProblem>> Grant(
        Guid patronId, GrantInput? input, ClaimsPrincipal user, CertificationGranting granting, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var certificationId = checks.Required(input?.CertificationId, "certificationId", "Say which certification to grant (GET /api/v1/certifications).");
        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var grant = await granting.GrantAsync(user.UserId(), patronId, certificationId, input!.ExpiresAt?.UtcDateTime, ct);
        return TypedResults.Created($"/api/v1/patrons/{patronId}/certifications/{grant.Id}", await GrantViewAsync(db, clock, grant.Id, ct));
    }

    /// <summary>The reason comes as <c>?reason=</c> or a JSON body <c>{"reason": ...}</c>: some clients cannot send a DELETE body.</summary>
    private static async Task<Ok<RevocationView>> Revoke(
        Guid patronId, Guid grantId, [FromQuery] string? reason, HttpRequest request, ClaimsPrincipal user,
        CertificationGranting granting, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) && request.HasJsonContentType())
        {
            try
            {
                reason = (await request.ReadFromJsonAsync<ReasonInput>(ct))?.Reason;
            }
            catch (JsonException e)
            {
                throw new DomainException(ErrorCodes.Validation, "The body is not JSON of the form {{\"reason\": \"...\"}}: {0}", e.Message);
            }
        }

        var outcome = await granting.RevokeAsync(user.UserId(), patronId, grantId, reason, ct);
        return TypedResults.Ok(new RevocationView(await GrantViewAsync(db, clock, outcome.Grant.Id, ct), outcome.CancelledReservationIds));
    }

    private sealed record ReasonInput(string? Reason);

    private static async Task<Ok<List<GrantView>>> GrantsOfAsync(BookingDbContext db, TimeProvider clock, Guid patronId, CancellationToken ct)
    {
        var ids = await db.CertificationGrants.Where(g => g.PatronId == patronId).Select(g => g.Id).ToListAsync(ct);
        return TypedResults.Ok(await GrantViewsAsync(db, clock, ids, ct));
    }

    private static async Task<GrantView> GrantViewAsync(BookingDbContext db, TimeProvider clock, Guid grantId, CancellationToken ct) =>
        (await GrantViewsAsync(db, clock, [grantId], ct)).Single();

    private static async Task<List<GrantView>> GrantViewsAsync(BookingDbContext db, TimeProvider clock, List<Guid> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (
            from g in db.CertificationGrants.AsNoTracking()
            join c in db.Certifications.AsNoTracking() on g.CertificationId equals c.Id
            where ids.Contains(g.Id)
            select new { Grant = g, c.Name }).ToListAsync(ct);
        var unlocks = await UnlocksAsync(db, ct);
        return rows
            .OrderBy(r => r.Grant.IsValidAt(now) ? 0 : 1).ThenBy(r => r.Name).ThenByDescending(r => r.Grant.GrantedAtUtc)
            .Select(r => new GrantView(
                r.Grant.Id, r.Grant.PatronId, r.Grant.CertificationId, r.Name,
                r.Grant.IsRevoked ? "revoked" : r.Grant.IsValidAt(now) ? "valid" : "expired",
                Utc(r.Grant.GrantedAtUtc), r.Grant.GrantedById, r.Grant.ExpiresAtUtc is { } e ? Utc(e) : null,
                r.Grant.RevokedAtUtc is { } x ? Utc(x) : null, r.Grant.RevocationReason, r.Grant.SessionId,
                unlocks.GetValueOrDefault(r.Grant.CertificationId) ?? []))
            .ToList();
    }

    /// <summary>For each certification, the resources that require it (few resources do, so one query for all).</summary>
    private static async Task<Dictionary<Guid, List<ResourceRef>>> UnlocksAsync(BookingDbContext db, CancellationToken ct)
    {
        var resources = await db.Resources.AsNoTracking()
            .Where(r => r.RequiredCertificationIds.Length > 0)
            .OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.KindCode, r.RequiredCertificationIds })
            .ToListAsync(ct);
        return resources
            .SelectMany(r => r.RequiredCertificationIds.Select(c => (Certification: c, Resource: new ResourceRef(r.Id, r.Name, r.KindCode))))
            .GroupBy(x => x.Certification)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Resource).ToList());
    }

    private static CertificationView View(CertificationDefinition d, IReadOnlyDictionary<Guid, string> names, IReadOnlyDictionary<Guid, List<ResourceRef>> unlocks) =>
        new(d.Id, d.Name, d.Description, d.ValidityMonths,
            d.PrerequisiteIds.Select(p => new NamedRef(p, names.GetValueOrDefault(p) ?? "?")).ToList(),
            unlocks.GetValueOrDefault(d.Id) ?? []);

    /// <summary>Grants belong to no branch, so their instants are shown in UTC (still with an offset).</summary>
    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
