using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Kiosk;

/// <summary>
/// Self check-in on a tablet at the desk. The tablet is signed in with a kiosk account (staff may use it too); patrons
/// type their e-mail address or library card number and check in to their reservations at this branch whose check-in window is open now. It shows only the
/// resource and the time, never who; an unknown identifier gets the same sentence as "nothing to check in now".
/// </summary>
[Authorize(Policy = MakerspaceApp.KioskPolicy)]
public sealed class KioskModel(BookingDbContext db, ReservationActions actions, TimeProvider clock, IDataProtectionProvider protection, IStringLocalizer<KioskModel> words) : PageModel
{
    /// <summary>Longer than any e-mail address Identity accepts; longer input is not looked up.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>The same words for an unknown person and for a person with nothing to check in now: no enumeration.</summary>
    public const string NothingNow =
        "There is no reservation to check in to right now. Check-in opens shortly before your start time; if you think this is wrong, please ask at the desk.";

    /// <summary>How long a list shown to a patron stays usable: the buttons carry a token, not the patron's identity.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(3);

    /// <summary>A reservation the patron can check in to now, as the kiosk shows it.</summary>
    public sealed record DueLine(string Token, string ResourceName, DateTimeOffset Start, DateTimeOffset End);

    public Guid LocationId { get; private set; }

    public string BranchName { get; private set; } = "";

    /// <summary>Null: the empty form. Otherwise the patron's due reservations (empty: <see cref="NothingNow"/>).</summary>
    public IReadOnlyList<DueLine>? Due { get; private set; }

    /// <summary>After a check-in: what was checked in, in words.</summary>
    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    [BindProperty]
    public string? Identifier { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid locationId, CancellationToken ct) =>
        await LoadBranchAsync(locationId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFindAsync(Guid locationId, CancellationToken ct)
    {
        if (!await LoadBranchAsync(locationId, ct))
        {
            return NotFound();
        }

        var patronId = await FindPatronAsync(Identifier, ct);
        Identifier = null; // never echoed back into the form
        ModelState.Clear();
        Due = patronId is { } id ? await DueAsync(id, ct) : [];
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(Guid locationId, string? token, CancellationToken ct)
    {
        if (!await LoadBranchAsync(locationId, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (!TryRead(token, out var patronId, out var reservationId))
        {
            Problem = words["This screen waited too long. Please start again."].Value;
            return Page();
        }

        try
        {
            // As the patron, not as the signed-in staff account: the workflow's own rules for a patron hold (laptops at the desk).
            var reservation = await actions.CheckInAsync(new Actor(patronId, IsStaff: false), reservationId, ct);
            Done = await DescribeAsync(reservation.Id, "You are checked in: {0}, {1}–{2}. Enjoy!", ct);
        }
        catch (DomainException e) when (e.Code == ErrorCodes.InvalidState)
        {
            db.ChangeTracker.Clear();
            // Another kiosk (or a second tap) was first: the patron is checked in all the same.
            var status = await db.Reservations.AsNoTracking().Where(r => r.Id == reservationId).Select(r => r.Status).FirstAsync(ct);
            if (status is ReservationStatus.CheckedIn or ReservationStatus.Completed)
            {
                Done = await DescribeAsync(reservationId, "You are already checked in: {0}, {1}–{2}. Enjoy!", ct);
            }
            else
            {
                Problem = e.Message;
            }
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
        }

        return Page();
    }

    private async Task<bool> LoadBranchAsync(Guid locationId, CancellationToken ct)
    {
        // Every answer of the kiosk: a patron's list must not come back with the browser's Back button.
        Response.Headers.CacheControl = "no-store";
        var name = await db.Locations.AsNoTracking().Where(l => l.Id == locationId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        (LocationId, BranchName) = (locationId, name ?? "");
        return name is not null;
    }

    private async Task<Guid?> FindPatronAsync(string? identifier, CancellationToken ct)
    {
        var typed = identifier?.Trim();
        if (string.IsNullOrEmpty(typed) || typed.Length > MaxIdentifierLength)
        {
            return null;
        }

        if (typed.Contains('@'))
        {
            var email = typed.ToUpperInvariant();
            return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        }

        return LibraryCard.Normalise(typed) is { } card
            ? await db.Users.AsNoTracking().Where(u => u.LibraryCardNumber == card).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : null;
    }

    private async Task<IReadOnlyList<DueLine>> DueAsync(Guid patronId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Every check-in window lies within a day of its start; the exact window is the policy's, checked below.
        var rows = await ReservationQueries.Rows(db)
            .Where(r => r.Reservation.PatronId == patronId && r.Resource.LocationId == LocationId
                && r.Reservation.Status == ReservationStatus.Confirmed && r.Reservation.KindCode != KnownKinds.Laptop
                && r.Reservation.StartsAtUtc > now.AddDays(-1) && r.Reservation.StartsAtUtc < now.AddDays(1))
            .OrderBy(r => r.Reservation.StartsAtUtc)
            .Take(20)
            .ToListAsync(ct);
        var nowOffset = clock.GetUtcNow();
        return rows.Select(r => ReservationQueries.ToView(r, now))
            .Where(v => nowOffset >= v.CheckInOpensAt && nowOffset < v.CheckInClosesAt)
            .Select(v => new DueLine(Protect(patronId, v.Id), v.ResourceName, v.Start, v.End))
            .ToList();
    }

    /// <summary><paramref name="sentence"/>: English, the key of its translation, with the resource and the times as placeholders.</summary>
    private async Task<string> DescribeAsync(Guid reservationId, string sentence, CancellationToken ct)
    {
        var row = await ReservationQueries.Rows(db).Where(r => r.Reservation.Id == reservationId).FirstAsync(ct);
        var view = ReservationQueries.ToView(row, clock.GetUtcNow().UtcDateTime);
        return words[sentence, view.ResourceName, Dates.Time(view.Start), Dates.Time(view.End)].Value;
    }

    private IDataProtector Protector => protection.CreateProtector("Booking.Web.Kiosk.CheckIn.v1");

    // The button carries who and what, sealed and dated, so the patron's address never sits in the page and a
    // forged form cannot check in someone else's reservation.
    private string Protect(Guid patronId, Guid reservationId) =>
        Protector.Protect(string.Join('|', patronId, reservationId, LocationId, clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)));

    private bool TryRead(string? token, out Guid patronId, out Guid reservationId)
    {
        (patronId, reservationId) = (Guid.Empty, Guid.Empty);
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return false;
        }

        string plain;
        try
        {
            plain = Protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        var parts = plain.Split('|');
        return parts.Length == 4
            && Guid.TryParse(parts[0], out patronId) && Guid.TryParse(parts[1], out reservationId)
            && Guid.TryParse(parts[2], out var locationId) && locationId == LocationId
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            && clock.GetUtcNow().UtcTicks - issued is var age && age >= 0 && age <= TokenLifetime.Ticks;
    }
}
