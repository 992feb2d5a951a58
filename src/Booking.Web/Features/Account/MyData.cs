using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Networking;
using Booking.Workflows.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Booking.Web.Features.Account;

/// <summary>Everything the makerspace holds about one patron, as they download it; and closing their account.</summary>
public sealed class MyData(BookingDbContext db, UserManager<UserAccount> users, PersonalData personalData, SessionNetworking networking, IMemoryCache signIns)
{
    public sealed record Export(
        DateTime ExportedAtUtc, AccountPart Account, IReadOnlyList<ReservationPart> Reservations, IReadOnlyList<WaitlistPart> WaitingLists,
        IReadOnlyList<SessionPart> Sessions, IReadOnlyList<CertificationPart> Certifications, IReadOnlyList<SuspensionPart> Suspensions,
        IReadOnlyList<MessagePart> Messages, IReadOnlyList<FeedPart> CalendarFeeds, NetworkingPart Networking, PartnersPart Partners);

    /// <summary>Partner organisations' requests to take the patron on as a client, and the partners they are a client of.</summary>
    public sealed record PartnersPart(IReadOnlyList<PartnerRequestPart> Requests, IReadOnlyList<ClientOfPart> ClientOf);

    public sealed record PartnerRequestPart(string Partner, string Status, DateTime AskedAtUtc, DateTime? AnsweredAtUtc);

    public sealed record ClientOfPart(string Partner, DateTime SinceUtc);

    /// <summary>The patron's networking profile (null if none), the sessions they showed it at, and their requests to connect.</summary>
    public sealed record NetworkingPart(NetworkingProfilePart? Profile, IReadOnlyList<ShownAtPart> ShownAt, IReadOnlyList<ConnectionView> Requests);

    public sealed record NetworkingProfilePart(string DisplayName, string WhatIDo, IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, string? Link, DateTime UpdatedAtUtc);

    public sealed record ShownAtPart(string Session, DateTime StartsAtUtc, DateTime OptedInAtUtc);

    public sealed record AccountPart(string? Email, bool EmailConfirmed, string? DisplayName, DateTime CreatedAtUtc, IReadOnlyList<string> Roles, string? LibraryCardNumber);

    public sealed record ReservationPart(
        string Resource, string Branch, DateTime StartsAtUtc, DateTime EndsAtUtc, string Status, string? Notes, DateTime CreatedAtUtc,
        DateTime? CheckedInAtUtc, DateTime? CancelledAtUtc, string? StatusReason);

    public sealed record WaitlistPart(string Resource, DateTime StartsAtUtc, DateTime EndsAtUtc, string Status, DateTime JoinedAtUtc);

    public sealed record SessionPart(string Title, DateTime StartsAtUtc, string Status, DateTime RegisteredAtUtc);

    public sealed record CertificationPart(string Name, DateTime GrantedAtUtc, DateTime? ExpiresAtUtc, DateTime? RevokedAtUtc, string? RevocationReason);

    public sealed record SuspensionPart(string Kind, DateTime StartsAtUtc, DateTime EndsAtUtc, string Reason, DateTime? LiftedAtUtc);

    public sealed record MessagePart(string Subject, string Body, DateTime CreatedAtUtc, DateTime? SentAtUtc);

    public sealed record FeedPart(DateTime CreatedAtUtc, DateTime? RevokedAtUtc);

    public async Task<Export?> ExportAsync(Guid patronId, DateTime nowUtc, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(patronId.ToString());
        if (account is null)
        {
            return null;
        }

        var reservations = await (
            from r in db.Reservations.AsNoTracking()
            join s in db.Resources.AsNoTracking() on r.ResourceId equals s.Id
            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
            where r.PatronId == patronId
            orderby r.StartsAtUtc
            select new ReservationPart(s.Name, l.Name, r.StartsAtUtc, r.EndsAtUtc, r.Status.ToCode(), r.Notes, r.CreatedAtUtc,
                r.CheckedInAtUtc, r.CancelledAtUtc, r.StatusReason)).ToListAsync(ct);
        var waiting = await (
            from w in db.WaitlistEntries.AsNoTracking()
            join s in db.Resources.AsNoTracking() on w.ResourceId equals s.Id
            where w.PatronId == patronId
            orderby w.JoinedAtUtc
            select new WaitlistPart(s.Name, w.StartsAtUtc, w.EndsAtUtc, w.Status.ToString(), w.JoinedAtUtc)).ToListAsync(ct);
        var sessions = await (
            from r in db.SessionRegistrations.AsNoTracking()
            join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
            where r.PatronId == patronId
            orderby s.StartsAtUtc
            select new SessionPart(s.Title, s.StartsAtUtc, r.Status.ToString(), r.RegisteredAtUtc)).ToListAsync(ct);
        var certifications = await (
            from g in db.CertificationGrants.AsNoTracking()
            join c in db.Certifications.AsNoTracking() on g.CertificationId equals c.Id
            where g.PatronId == patronId
            orderby g.GrantedAtUtc
            select new CertificationPart(c.Name, g.GrantedAtUtc, g.ExpiresAtUtc, g.RevokedAtUtc, g.RevocationReason)).ToListAsync(ct);
        var suspensions = await db.BookingSuspensions.AsNoTracking().Where(s => s.PatronId == patronId).OrderBy(s => s.StartsAtUtc)
            .Select(s => new SuspensionPart(s.KindCode, s.StartsAtUtc, s.EndsAtUtc, s.Reason, s.LiftedAtUtc)).ToListAsync(ct);
        var messages = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == patronId).OrderBy(n => n.CreatedAtUtc)
            .Select(n => new MessagePart(n.Subject, n.Body, n.CreatedAtUtc, n.SentAtUtc)).ToListAsync(ct);
        var feeds = await db.CalendarFeeds.AsNoTracking().Where(f => f.PatronId == patronId).OrderBy(f => f.CreatedAtUtc)
            .Select(f => new FeedPart(f.CreatedAtUtc, f.RevokedAtUtc)).ToListAsync(ct);
        var profile = await networking.ProfileAsync(patronId, ct);
        var networkingPart = new NetworkingPart(
            profile is null ? null : new NetworkingProfilePart(profile.DisplayName, profile.WhatIDo, [.. profile.Offers.Select(t => t.Name)], [.. profile.Seeks.Select(t => t.Name)], profile.Link, profile.UpdatedAtUtc),
            [.. (await networking.ConsentsAsync(patronId, ct)).Select(c => new ShownAtPart(c.Title, c.StartsAtUtc, c.GivenAtUtc))],
            await networking.ConnectionsAsync(patronId, ct));
        var partnerRequests = await (
            from r in db.PartnerClientRequests.AsNoTracking()
            join p in db.Partners.AsNoTracking() on r.PartnerId equals p.Id
            where r.PatronId == patronId
            orderby r.CreatedAtUtc
            select new { p.Name, r.Status, r.CreatedAtUtc, r.AnsweredAtUtc }).ToListAsync(ct);
        var clientOf = await (
            from c in db.PartnerClients.AsNoTracking()
            join p in db.Partners.AsNoTracking() on c.PartnerId equals p.Id
            where c.PatronId == patronId
            orderby p.Name
            select new ClientOfPart(p.Name, c.AddedAtUtc)).ToListAsync(ct);
        var partnersPart = new PartnersPart(
            [.. partnerRequests.Select(r => new PartnerRequestPart(r.Name, r.Status.ToString().ToLowerInvariant(), r.CreatedAtUtc, r.AnsweredAtUtc))], clientOf);
        var roles = await users.GetRolesAsync(account);
        return new Export(
            nowUtc,
            new AccountPart(account.Email, account.EmailConfirmed, account.DisplayName, account.CreatedAtUtc, roles.Order().ToList(), account.LibraryCardNumber),
            reservations, waiting, sessions, certifications, suspensions, messages, feeds, networkingPart, partnersPart);
    }

    /// <summary>
    /// Closes the patron's own account after checking their password. Staff and admin accounts are refused: another
    /// admin takes their roles away first, so a library never loses its last admin by a click.
    /// </summary>
    public async Task<string?> CloseAsync(Guid patronId, string? password, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(patronId.ToString());
        if (account is null)
        {
            throw new DomainException(ErrorCodes.NotFound, "No such account.");
        }

        if (string.IsNullOrEmpty(password) || password.Length > PasswordMaxLength.MaxLength || !await users.CheckPasswordAsync(account, password))
        {
            return "Enter your current password to close your account.";
        }

        var roles = await users.GetRolesAsync(account);
        if (roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin))
        {
            throw new DomainException(ErrorCodes.Forbidden, "Staff and admin accounts are closed by an admin: ask one to take your role away first.");
        }

        await personalData.CloseAccountAsync(patronId, ct);
        ClosedAccounts.Closed(signIns, patronId);
        return null;
    }
}
