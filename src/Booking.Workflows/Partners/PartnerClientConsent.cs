using System.Net.Mail;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Patrons;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Partners;

/// <summary>A partner's open request as the patron (or the desk) sees it.</summary>
public sealed record PartnerRequestView(Guid Id, Guid PartnerId, string PartnerName, string? Offers, DateTime AskedAtUtc, DateTime ExpiresAtUtc);

/// <summary>A partner the patron is a client of.</summary>
public sealed record PartnerLinkView(Guid PartnerId, string PartnerName, DateTime SinceUtc);

/// <summary>
/// An existing patron becomes a partner organisation's client only by their own consent (issue #20): partner staff ask
/// by e-mail address or library card number and always get the same answer (so nobody learns who holds an account); the
/// patron is mailed and agrees or declines on their account page (library staff record it at the desk for a patron
/// without e-mail, in person); the patron can stop at any time. Every step is audited.
/// </summary>
public sealed class PartnerClientConsent(BookingDbContext db, TimeProvider clock)
{
    public const string AskAction = "partner.client-ask";
    public const string AgreeAction = "partner.client-agree";
    public const string DeclineAction = "partner.client-decline";
    public const string DeskAgreeAction = "partner.client-agree-at-desk";
    public const string DeskDeclineAction = "partner.client-decline-at-desk";
    public const string StopAction = "partner.client-stop";

    /// <summary>The one answer to every ask, whoever it names.</summary>
    public const string NeutralAnswer = "If this person has an account, we have asked them.";

    public const string AskRule = "Give the patron's e-mail address or their library card number.";

    public const string TooManyAsks = "Your organisation has asked {0} times in the last 24 hours; please try again tomorrow.";

    /// <summary>
    /// Reads what partner staff typed: an address (it has an @) or a card number. Null with <see cref="AskRule"/> when it
    /// is neither (empty, too long, control characters, not an address, not a card).
    /// </summary>
    public static (string? Email, string? Card) ReadWho(string? emailOrCard)
    {
        var text = emailOrCard?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > NewPatron.MaxEmailLength)
        {
            return (null, null);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text ? (text, null) : (null, null);
        }

        return (null, LibraryCard.Normalise(text));
    }

    /// <summary>
    /// Asks the patron with that address or card (<see cref="ReadWho"/>) to become <paramref name="partnerId"/>'s client.
    /// Whether or not such a patron exists, is already a client or was already asked, nothing tells the caller: a mail goes
    /// only for a fresh request to a patron with an address. More than <see cref="PartnerClientRequest.AsksPerDay"/> asks
    /// by the partner in 24 hours (every ask counts, known or not, so the limit tells nothing either) is <c>rate-limited</c>.
    /// </summary>
    public async Task AskAsync(Guid staffId, Guid partnerId, string? email, string? card, CancellationToken ct)
    {
        if ((email is null) == (card is null))
        {
            throw new DomainException(ErrorCodes.Validation, AskRule);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var subject = $"partner:{partnerId}";
        var since = now.AddDays(-1);
        if (await db.AuditLog.CountAsync(a => a.Action == AskAction && a.Subject == subject && a.AtUtc > since, ct) >= PartnerClientRequest.AsksPerDay)
        {
            throw new DomainException(ErrorCodes.RateLimited, TooManyAsks, PartnerClientRequest.AsksPerDay);
        }

        var normalised = email?.ToUpperInvariant();
        string[] notClients = [Roles.Staff, Roles.Admin, Roles.Kiosk];
        var patron = await db.Users.AsNoTracking()
            .Where(u => normalised != null ? u.NormalizedEmail == normalised : u.LibraryCardNumber == card)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.PartnerId,
                Staffed = db.UserRoles.Any(link => link.UserId == u.Id && db.Roles.Any(r => r.Id == link.RoleId && notClients.Contains(r.Name!))),
            })
            .FirstOrDefaultAsync(ct);
        // Partner staff, library staff, admins and kiosk tablets are not clients: answered like an unknown address.
        if (patron is null || patron.PartnerId is not null || patron.Staffed)
        {
            db.AuditLog.Add(new AuditEntry(staffId, AskAction, subject, "Asked for an e-mail address or card number that no patron account has.", now));
            await db.SaveChangesAsync(ct);
            return;
        }

        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).FirstAsync(ct);
        var isClient = await db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId && c.PatronId == patron.Id, ct);
        var request = await db.PartnerClientRequests.FirstOrDefaultAsync(r => r.PartnerId == partnerId && r.PatronId == patron.Id, ct);
        var asked = false;
        if (!isClient && request is null)
        {
            request = new PartnerClientRequest(partnerId, patron.Id, staffId, now);
            db.PartnerClientRequests.Add(request);
            asked = true;
        }
        else if (!isClient && request!.MayAskAgainAt(now))
        {
            request.Renew(staffId, now);
            asked = true;
        }

        if (asked && patron.Email is not null)
        {
            db.Notifications.Add(Notices.PartnerClientRequest(patron.Id, partner, request!.ExpiresAtUtc, now));
        }

        db.AuditLog.Add(new AuditEntry(staffId, AskAction, subject,
            asked ? $"Asked patron:{patron.Id} to become a client (request {request!.Id})." : $"Asked patron:{patron.Id} again: already a client or already asked; nothing sent.", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // A colleague asked for the same patron at the same moment: theirs stands, and the answer is the same.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The patron's open requests (expired ones are not shown: they simply lapsed).</summary>
    public async Task<IReadOnlyList<PartnerRequestView>> OpenRequestsAsync(Guid patronId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from r in db.PartnerClientRequests.AsNoTracking()
                          join p in db.Partners.AsNoTracking() on r.PartnerId equals p.Id
                          where r.PatronId == patronId && r.Status == PartnerClientRequestStatus.Pending
                          orderby r.CreatedAtUtc
                          select new { Request = r, p.Name, p.Offers }).ToListAsync(ct);
        return rows.Where(x => x.Request.IsOpenAt(now))
            .Select(x => new PartnerRequestView(x.Request.Id, x.Request.PartnerId, x.Name, x.Offers, x.Request.CreatedAtUtc, x.Request.ExpiresAtUtc)).ToList();
    }

    /// <summary>The partners the patron is a client of.</summary>
    public async Task<IReadOnlyList<PartnerLinkView>> PartnersOfAsync(Guid patronId, CancellationToken ct) =>
        await (from c in db.PartnerClients.AsNoTracking()
               join p in db.Partners.AsNoTracking() on c.PartnerId equals p.Id
               where c.PatronId == patronId
               orderby p.Name
               select new PartnerLinkView(p.Id, p.Name, c.AddedAtUtc)).ToListAsync(ct);

    /// <summary>The signed-in patron agrees or declines; a request that is not theirs, answered or expired is "not found".</summary>
    public Task<string> AnswerAsync(Guid patronId, Guid requestId, bool agree, CancellationToken ct) =>
        AnswerAsync(patronId, patronId, requestId, agree, agree ? AgreeAction : DeclineAction, "The patron answered on their account page.", ct);

    /// <summary>
    /// Library staff record the answer of a patron standing at the desk (a patron without e-mail cannot sign in to give it);
    /// audited as the staff member's.
    /// </summary>
    public Task<string> RecordAtDeskAsync(Guid staffId, Guid patronId, Guid requestId, bool agree, CancellationToken ct) =>
        AnswerAsync(staffId, patronId, requestId, agree, agree ? DeskAgreeAction : DeskDeclineAction, "Recorded at the desk with the patron present.", ct);

    /// <summary>The patron stops being the partner's client at once; the reservations it made stay. Not a client: "not found".</summary>
    public async Task<string> StopAsync(Guid actorId, Guid patronId, Guid partnerId, CancellationToken ct)
    {
        var link = await db.PartnerClients.FirstOrDefaultAsync(c => c.PartnerId == partnerId && c.PatronId == patronId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "You are not a client of that organisation.");
        var now = clock.GetUtcNow().UtcDateTime;
        db.PartnerClients.Remove(link);
        var request = await db.PartnerClientRequests.FirstOrDefaultAsync(r => r.PartnerId == partnerId && r.PatronId == patronId, ct);
        request?.Stop(now);
        var name = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).FirstAsync(ct);
        db.AuditLog.Add(new AuditEntry(actorId, StopAction, $"patron:{patronId}", $"No longer a client of {name} (partner:{partnerId}).", now));
        await db.SaveChangesAsync(ct);
        return name;
    }

    private async Task<string> AnswerAsync(Guid actorId, Guid patronId, Guid requestId, bool agree, string action, string how, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.PartnerClientRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PatronId == patronId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, PartnerClientRequest.NotFoundMessage);
        request.Answer(patronId, agree, now);
        if (agree && !await db.PartnerClients.AnyAsync(c => c.PartnerId == request.PartnerId && c.PatronId == patronId, ct))
        {
            db.PartnerClients.Add(new PartnerClient(request.PartnerId, patronId, actorId, now));
        }

        var name = await db.Partners.AsNoTracking().Where(p => p.Id == request.PartnerId).Select(p => p.Name).FirstAsync(ct);
        db.AuditLog.Add(new AuditEntry(actorId, action, $"patron:{patronId}",
            $"{(agree ? "Agreed to become" : "Declined to become")} a client of {name} (partner:{request.PartnerId}). {how}", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two answers at once (two tabs): the first stands.
            db.ChangeTracker.Clear();
            throw new DomainException(ErrorCodes.NotFound, PartnerClientRequest.NotFoundMessage);
        }

        return name;
    }
}
