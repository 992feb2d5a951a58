using System.Globalization;
using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Suspensions;
using Booking.Web.Infrastructure;
using Booking.Workflows.Certifications;
using Booking.Workflows.Partners;
using Booking.Workflows.Reservations;
using Booking.Workflows.Suspensions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Patrons;

/// <summary>
/// One patron at the desk: grant and revoke certifications, lift suspensions, see what they have
/// booked and book on their behalf, all through the handlers the API uses.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class PatronModel(
    BookingDbContext db, CertificationGranting granting, SuspensionLifting suspensions, BookReservation booking, PartnerClientConsent partnerConsent,
    TimeProvider clock, IStringLocalizer<PatronModel> words) : PageModel
{
    /// <summary>A revocation reason is copied into each cancelled reservation's reason, which holds 500 characters.</summary>
    public const int MaxReasonLength = 300;

    /// <summary>A grant as the desk lists it; times in UTC, as grants belong to no branch.</summary>
    public sealed record GrantRow(Guid Id, string Name, string Status, DateTime GrantedAtUtc, DateTime? ExpiresAtUtc, string? RevocationReason, string Unlocks);

    /// <summary>A certification staff can grant, and for how long by default.</summary>
    public sealed record CertificationChoice(Guid Id, string Name, int? ValidityMonths);

    /// <summary>A bookable resource, labelled with its branch.</summary>
    public sealed record ResourceChoice(Guid Id, string Name, string LocationName);

    public Guid Id { get; private set; }

    public string PatronName { get; private set; } = "";

    public string PatronEmail { get; private set; } = "";

    /// <summary>The patron's library card in full: this is a staff page.</summary>
    public string? LibraryCardNumber { get; private set; }

    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    public IReadOnlyList<CertificationChoice> Certifications { get; private set; } = [];

    public IReadOnlyList<BookingSuspension> Suspensions { get; private set; } = [];

    /// <summary>Grant dates and suspension ends in the library's zone (they belong to no branch), never UTC.</summary>
    public LibraryTime Times { get; private set; } = new("UTC");

    public IReadOnlyList<ReservationView> Upcoming { get; private set; } = [];

    public IReadOnlyList<ResourceChoice> Resources { get; private set; } = [];

    /// <summary>Partners' open requests to take this patron on as a client, for staff to record the patron's answer in person.</summary>
    public IReadOnlyList<PartnerRequestView> PartnerRequests { get; private set; } = [];

    /// <summary>The partners this patron is a client of.</summary>
    public IReadOnlyList<PartnerLinkView> Partners { get; private set; } = [];

    /// <summary>Which form <see cref="Problem"/> belongs to: grant, revoke, suspension or book.</summary>
    public string? ProblemFor { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The grant whose revoke form the problem is about.</summary>
    public Guid? ProblemGrantId { get; private set; }

    [BindProperty]
    public Guid? CertificationId { get; set; }

    [BindProperty]
    public DateOnly? ExpiresOn { get; set; }

    [BindProperty]
    public Guid? ResourceId { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public TimeOnly? StartTime { get; set; }

    [BindProperty]
    public TimeOnly? EndTime { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? CardNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGrantAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid || CertificationId is not { } certificationId)
        {
            return await RefuseAsync(id, "grant", words["Choose a certification to grant (and, if you want, a valid expiry date)."], ct);
        }

        if (ExpiresOn is { } asked && !Instants.InWindow(asked))
        {
            return await RefuseAsync(id, "grant", FieldWords.Say(Instants.OutsideWindow, CultureInfo.CurrentUICulture), ct);
        }

        DateTime? expires = ExpiresOn is { } on ? DateTime.SpecifyKind(on.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) : null;
        return await ActAsync(id, "grant", async () =>
        {
            var grant = await granting.GrantAsync(User.UserId(), id, certificationId, expires, ct);
            var name = await db.Certifications.Where(c => c.Id == certificationId).Select(c => c.Name).FirstAsync(ct);
            return grant.ExpiresAtUtc is { } e
                ? words["Granted {0}, valid until {1}. The patron is told by e-mail.", name, DateOnly.FromDateTime(e).ToString("D", CultureInfo.CurrentCulture)].Value
                : words["Granted {0}, with no expiry. The patron is told by e-mail.", name].Value;
        }, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid grantId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            ProblemGrantId = grantId;
            return await RefuseAsync(id, "revoke", words["Give a reason for the revocation (at most {0} characters); the patron is told.", MaxReasonLength], ct);
        }

        ProblemGrantId = grantId;
        return await ActAsync(id, "revoke", async () =>
        {
            var outcome = await granting.RevokeAsync(User.UserId(), id, grantId, reason, ct);
            var cancelled = outcome.CancelledReservationIds.Count;
            return (cancelled switch
            {
                0 => words["Revoked. The patron had no upcoming reservations that needed it; they are told by e-mail."],
                1 => words["Revoked. 1 upcoming reservation that needed it was cancelled; the patron is told by e-mail."],
                _ => words["Revoked. {0} upcoming reservations that needed it were cancelled; the patron is told by e-mail.", cancelled],
            }).Value;
        }, ct);
    }

    public Task<IActionResult> OnPostLiftAsync(Guid id, Guid suspensionId, CancellationToken ct) =>
        ActAsync(id, "suspension", async () =>
        {
            var lifted = await suspensions.LiftAsync(User.UserId(), suspensionId, ct);
            return words["Lifted the {0} suspension. The patron can book it again.", lifted.KindCode].Value;
        }, ct);

    /// <summary>Sets, changes or (empty) removes the patron's library card number; audited with the number masked.</summary>
    public async Task<IActionResult> OnPostCardAsync(Guid id, CancellationToken ct)
    {
        var wanted = string.IsNullOrWhiteSpace(CardNumber) ? null : LibraryCard.Normalise(CardNumber);
        if (!string.IsNullOrWhiteSpace(CardNumber) && wanted is null)
        {
            return await RefuseAsync(id, "card", FieldWords.Say(LibraryCard.Rule, CultureInfo.CurrentUICulture), ct);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return NotFound();
        }

        if (wanted is not null && await db.Users.AnyAsync(u => u.LibraryCardNumber == wanted && u.Id != id, ct))
        {
            return await RefuseAsync(id, "card", words["That card number belongs to another account."], ct);
        }

        user.LibraryCardNumber = wanted;
        db.AuditLog.Add(new AuditEntry(User.UserId(), "patron.library-card", $"user:{id}",
            wanted is null ? "Removed the library card number." : $"Set the library card number to {LibraryCard.Mask(wanted)}.", clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Booking.Data.DatabaseErrors.IsUniqueViolation(e))
        {
            // Another desk gave the same card to someone else a moment ago: the unique index is the last word.
            db.ChangeTracker.Clear();
            return await RefuseAsync(id, "card", words["That card number belongs to another account."], ct);
        }

        TempData["Message"] = (wanted is null ? words["Removed the library card number."] : words["Library card number set to {0}.", wanted]).Value;
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Records the answer of a patron standing at the desk to a partner's request (a patron without e-mail cannot sign in
    /// to give it); audited as this member of staff's. A request that is not this patron's, answered or expired is a 404.
    /// </summary>
    public async Task<IActionResult> OnPostPartnerAnswerAsync(Guid id, Guid requestId, bool agree, CancellationToken ct)
    {
        try
        {
            var name = await partnerConsent.RecordAtDeskAsync(User.UserId(), id, requestId, agree, ct);
            TempData["Message"] = (agree
                ? words["Recorded: the patron agreed to be a client of {0}.", name]
                : words["Recorded: the patron declined to be a client of {0}.", name]).Value;
            return RedirectToPage(new { id });
        }
        catch (DomainException e) when (e.Code == ErrorCodes.NotFound)
        {
            return NotFound();
        }
    }

    /// <summary>Ends the patron's link with a partner at their word, at the desk (audited as this member of staff's).</summary>
    public async Task<IActionResult> OnPostPartnerStopAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        try
        {
            var name = await partnerConsent.StopAsync(User.UserId(), id, partnerId, ct);
            TempData["Message"] = words["The patron is no longer a client of {0}.", name].Value;
            return RedirectToPage(new { id });
        }
        catch (DomainException e) when (e.Code == ErrorCodes.NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid || ResourceId is not { } resourceId || Date is not { } date || StartTime is not { } startTime || EndTime is not { } endTime)
        {
            return await RefuseAsync(id, "book", words["Choose a resource, and give a date, a start time and an end time."], ct);
        }

        if (!Instants.InWindow(date))
        {
            return await RefuseAsync(id, "book", FieldWords.Say(Instants.OutsideWindow, CultureInfo.CurrentUICulture), ct);
        }

        if (Notes is { Length: > Reservation.MaxNotesLength })
        {
            return await RefuseAsync(id, "book", FieldWords.Say("Notes are at most {0} characters.", CultureInfo.CurrentUICulture, Reservation.MaxNotesLength), ct);
        }

        var subject = await BookingSubject.LoadAsync(db, resourceId, ct);
        if (subject is null)
        {
            return await RefuseAsync(id, "book", words["Choose a resource from the list."], ct);
        }

        // Local wall-clock times at the resource's branch, as on the booking form; an end at or before the start runs past midnight.
        var zone = subject.Location.TimeZone;
        var startLocal = date.ToDateTime(startTime);
        var endLocal = endTime <= startTime ? date.AddDays(1).ToDateTime(endTime) : date.ToDateTime(endTime);
        var start = new DateTimeOffset(LocalCalendar.ToUtc(startLocal, zone));
        var end = new DateTimeOffset(LocalCalendar.ToUtc(endLocal, zone));
        var outcome = await booking.HandleAsync(User.UserId(), User.IsStaff(), new BookReservationInput(resourceId, start, end, Notes, id), ct);
        if (outcome.Refusal is { } refusal)
        {
            return await RefuseAsync(id, "book", refusal.Message, ct);
        }

        var reservation = outcome.Reservation!;
        var subjectKey = $"reservation:{reservation.Id}";
        var overridden = await db.AuditLog.AnyAsync(a => a.Subject == subjectKey && a.Action == "reservation.override", ct);
        var culture = CultureInfo.CurrentCulture;
        var booked = reservation.Status == ReservationStatus.Pending
            ? words["Booked {0} on {1}–{2} for the patron; it awaits approval.", subject.Resource.Name, LocalCalendar.Short(startLocal, culture), LocalCalendar.Clock(TimeOnly.FromDateTime(endLocal), culture)]
            : words["Booked {0} on {1}–{2} for the patron.", subject.Resource.Name, LocalCalendar.Short(startLocal, culture), LocalCalendar.Clock(TimeOnly.FromDateTime(endLocal), culture)];
        TempData["Message"] = overridden
            ? booked.Value + " " + words["It passes a rule a patron could not (lead time, advance window or quota): the override is in the audit log."].Value
            : booked.Value;
        // A patron without e-mail gets no confirmation mail: staff print it for them.
        return outcome.PatronEmail is null ? Redirect($"/desk/reservations/{reservation.Id}/confirmation") : RedirectToPage(new { id });
    }

    private async Task<IActionResult> ActAsync(Guid id, string form, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = await action();
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(id, form, e.Message, ct);
        }
    }

    private Task<IActionResult> RefuseAsync(Guid id, string form, LocalizedString message, CancellationToken ct) => RefuseAsync(id, form, message.Value, ct);

    private async Task<IActionResult> RefuseAsync(Guid id, string form, string message, CancellationToken ct)
    {
        ProblemFor = form;
        Problem = message;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var patron = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Email, u.DisplayName, u.LibraryCardNumber }).FirstOrDefaultAsync(ct);
        if (patron is null)
        {
            return false;
        }

        Id = id;
        PatronEmail = patron.Email ?? "";
        LibraryCardNumber = patron.LibraryCardNumber;
        CardNumber ??= patron.LibraryCardNumber;
        PatronName = string.IsNullOrWhiteSpace(patron.DisplayName) ? PatronEmail : patron.DisplayName;
        var now = clock.GetUtcNow().UtcDateTime;

        var definitions = await db.Certifications.AsNoTracking().OrderBy(c => c.Name).Select(c => new CertificationChoice(c.Id, c.Name, c.ValidityMonths)).ToListAsync(ct);
        Certifications = definitions;
        var names = definitions.ToDictionary(c => c.Id, c => c.Name);
        var requiring = await db.Resources.AsNoTracking().Where(r => r.RequiredCertificationIds.Length > 0)
            .OrderBy(r => r.Name).Select(r => new { r.Name, r.RequiredCertificationIds }).ToListAsync(ct);
        var grants = await db.CertificationGrants.AsNoTracking().Where(g => g.PatronId == id).ToListAsync(ct);
        Grants = grants
            .OrderBy(g => g.IsValidAt(now) ? 0 : 1).ThenBy(g => names.GetValueOrDefault(g.CertificationId)).ThenByDescending(g => g.GrantedAtUtc)
            .Select(g => new GrantRow(
                g.Id, names.GetValueOrDefault(g.CertificationId) ?? "?",
                g.IsRevoked ? "revoked" : g.IsValidAt(now) ? "valid" : "expired",
                g.GrantedAtUtc, g.ExpiresAtUtc, g.RevocationReason,
                string.Join(", ", requiring.Where(r => r.RequiredCertificationIds.Contains(g.CertificationId)).Select(r => r.Name))))
            .ToList();

        Times = await LibraryTime.ReadAsync(db, ct);
        Suspensions = (await db.BookingSuspensions.AsNoTracking()
            .Where(s => s.PatronId == id && s.LiftedAtUtc == null && s.EndsAtUtc > now).OrderBy(s => s.EndsAtUtc).ToListAsync(ct))
            .Where(s => s.IsInForce(now)).ToList();

        var rows = await ReservationQueries.Rows(db)
            .Where(r => r.Reservation.PatronId == id && r.Reservation.EndsAtUtc > now
                && (r.Reservation.Status == ReservationStatus.Pending || r.Reservation.Status == ReservationStatus.Confirmed || r.Reservation.Status == ReservationStatus.CheckedIn))
            .OrderBy(r => r.Reservation.StartsAtUtc)
            .ToListAsync(ct);
        Upcoming = rows.Select(r => ReservationQueries.ToView(r, now)).ToList();

        PartnerRequests = await partnerConsent.OpenRequestsAsync(id, ct);
        Partners = await partnerConsent.PartnersOfAsync(id, ct);

        Resources = await (
            from r in db.Resources.AsNoTracking()
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where !r.IsOutOfService
            orderby l.Name, r.Name
            select new ResourceChoice(r.Id, r.Name, l.Name)).ToListAsync(ct);
        return true;
    }
}
