using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>
/// The partner desk's home (<c>/partner</c>): the organisation, what the library lets it book for clients, its clients
/// and the sessions it hosts; and the form that asks an existing patron to become a client (always the same neutral answer).
/// Partner staff of this organisation only; an account whose role was just taken away is a 403.
/// </summary>
[Authorize(Policy = MakerspaceApp.PartnerPolicy)]
public sealed class PartnerHomeModel(BookingDbContext db, PartnerDesk desk, PartnerClientConsent consent, TimeProvider clock, IStringLocalizer<PartnerHomeModel> words) : PageModel
{
    /// <summary>The longest text the ask form takes (an e-mail address's width).</summary>
    public const int MaxWhoLength = NewPatron.MaxEmailLength;

    /// <summary>The patron's e-mail address or library card number, for the ask form.</summary>
    [BindProperty]
    public string? EmailOrCard { get; set; }

    /// <summary>Why the ask form was refused (malformed input, too many asks today); never anything about the patron.</summary>
    public string? AskProblem { get; private set; }

    /// <summary>A session the partner hosts, in its branch's local time.</summary>
    public sealed record HostedSession(Guid Id, string Title, DateTime StartLocal, DateTime EndLocal, int PlacesTaken, int Capacity);

    public string PartnerName { get; private set; } = "";

    /// <summary>The names of the kinds it may book, in the order shown.</summary>
    public IReadOnlyList<string> AllowedKinds { get; private set; } = [];

    public int? MaxHoursPerWeek { get; private set; }

    public IReadOnlyList<ClientView> Clients { get; private set; } = [];

    public IReadOnlyList<HostedSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        await LoadAsync(partnerId, ct);
        return Page();
    }

    /// <summary>Asks an existing patron (by e-mail address or card) to become a client; the answer never says whether they exist.</summary>
    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        var (email, card) = PartnerClientConsent.ReadWho(EmailOrCard);
        try
        {
            await consent.AskAsync(User.UserId(), partnerId, email, card, ct);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            AskProblem = RefusalWords.Say(e, CultureInfo.CurrentUICulture);
            Response.StatusCode = ErrorStatuses.StatusFor(e.Code);
            await LoadAsync(partnerId, ct);
            return Page();
        }

        TempData["Message"] = words[PartnerClientConsent.NeutralAnswer].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(Guid partnerId, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Id == partnerId, ct);
        PartnerName = partner.Name;
        MaxHoursPerWeek = partner.MaxHoursPerWeek;
        var codes = partner.AllowedKindCodes;
        AllowedKinds = await db.ResourceKinds.AsNoTracking().Where(k => codes.Contains(k.Code)).OrderBy(k => k.Name).Select(k => k.Name).ToListAsync(ct);
        Clients = await ClientsOfAsync(db, partnerId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await (from s in db.Sessions.AsNoTracking().Include(s => s.Registrations)
                              join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
                              where s.PartnerId == partnerId && s.EndsAtUtc > now && s.CancelledAtUtc == null
                              orderby s.StartsAtUtc
                              select new { Session = s, l.TimeZoneId }).Take(100).ToListAsync(ct);
        Sessions = sessions.Select(x =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(x.TimeZoneId);
            return new HostedSession(x.Session.Id, x.Session.Title, LocalCalendar.ToLocal(x.Session.StartsAtUtc, zone),
                LocalCalendar.ToLocal(x.Session.EndsAtUtc, zone), x.Session.PlacesTaken, x.Session.Capacity);
        }).ToList();
    }

    /// <summary>The partner's clients by name, the card masked (a partner's page is not a library staff page).</summary>
    public static async Task<IReadOnlyList<ClientView>> ClientsOfAsync(BookingDbContext db, Guid partnerId, CancellationToken ct)
    {
        var rows = await (from c in db.PartnerClients.AsNoTracking()
                          join u in db.Users.AsNoTracking() on c.PatronId equals u.Id
                          where c.PartnerId == partnerId
                          orderby u.DisplayName
                          select new { u.Id, u.DisplayName, u.Email, u.LibraryCardNumber }).Take(500).ToListAsync(ct);
        return rows.Select(r => new ClientView(r.Id, r.DisplayName ?? r.Email ?? "", r.LibraryCardNumber is { } card ? LibraryCard.Mask(card) : null)).ToList();
    }
}
