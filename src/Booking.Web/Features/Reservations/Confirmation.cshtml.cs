using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// A reservation's printable confirmation, for staff to hand to a patron who gets no e-mail (or wants paper): the
/// resource, the branch, the time in the branch's zone, what to remember, and a QR code that opens this page at the
/// desk, where staff check the patron in with one button. The card number is masked: the paper leaves the library.
/// It is printed in the patron's saved language (staff may choose another with <c>?lang=</c>), not the staff member's.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
[ConfirmationModel.PrintLanguage]
public sealed class ConfirmationModel(BookingDbContext db, ReservationActions actions, PublicAddress address, IStringLocalizer<ConfirmationModel> words) : PageModel
{
    public Guid Id { get; private set; }

    public string PatronName { get; private set; } = "";

    /// <summary>"•••• 1234", or null when the patron has no card.</summary>
    public string? MaskedCard { get; private set; }

    public string ResourceName { get; private set; } = "";

    public string Kind { get; private set; } = "";

    public string BranchName { get; private set; } = "";

    public string? BranchAddress { get; private set; }

    /// <summary>The branch's zone as a city, "New York", for "New York time".</summary>
    public string ZoneCity { get; private set; } = "";

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public ReservationStatus Status { get; private set; }

    public int CheckInOpensMinutesBefore { get; private set; }

    public int NoShowGraceMinutes { get; private set; }

    public string CheckInUrl { get; private set; } = "";

    /// <summary>The QR code as inline SVG, drawn by the server like the check-in sign's.</summary>
    public string QrSvg { get; private set; } = "";

    /// <summary>Why a check-in from this page did not happen, in the workflow's words.</summary>
    public string? Problem { get; private set; }

    public bool IsLaptop => Kind == KnownKinds.Laptop;

    private string? _patronLanguage;

    /// <summary>The language the page is printed in: the staff member's choice, else the patron's saved one, else the request's.</summary>
    public CultureInfo PrintCulture { get; private set; } = CultureInfo.CurrentUICulture;

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Only a supported language: anything else in ?lang= is ignored, like an unknown Accept-Language.
        PrintCulture = Languages.CultureFor(Languages.Normalize(lang) ?? _patronLanguage ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

        return Page();
    }

    /// <summary>Staff check the patron in (the QR code brings them here); a laptop's hand-over too, as on the board.</summary>
    public async Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await actions.CheckInAsync(User.Actor(), id, ct);
            TempData["Message"] = words["Checked in."].Value;
            return Redirect($"/desk/reservations/{id}/confirmation");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            if (e.Code == ErrorCodes.NotFound)
            {
                return NotFound();
            }

            Problem = e.Message;
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            var page = Page();
            page.StatusCode = e.Code == ErrorCodes.InvalidState ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return page;
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var row = await ReservationQueries.Rows(db).Where(r => r.Reservation.Id == id).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }

        var branch = await db.Locations.AsNoTracking().Where(l => l.Id == row.Resource.LocationId).Select(l => new { l.Name, l.Address }).FirstAsync(ct);
        var patron = await db.Users.AsNoTracking().Where(u => u.Id == row.Reservation.PatronId)
            .Select(u => new { u.DisplayName, u.Email, u.LibraryCardNumber, u.PreferredLanguage }).FirstAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId);
        var reservation = row.Reservation;
        var policy = row.Resource.EffectivePolicy(row.Kind.DefaultPolicy);
        Id = id;
        _patronLanguage = Languages.Normalize(patron.PreferredLanguage);
        PatronName = string.IsNullOrWhiteSpace(patron.DisplayName) ? patron.Email ?? "" : patron.DisplayName;
        MaskedCard = patron.LibraryCardNumber is { } card ? LibraryCard.Mask(card) : null;
        ResourceName = row.Resource.Name;
        Kind = reservation.KindCode;
        BranchName = branch.Name;
        BranchAddress = branch.Address;
        ZoneCity = row.TimeZoneId[(row.TimeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
        Start = ReservationQueries.Local(reservation.StartsAtUtc, zone);
        End = ReservationQueries.Local(reservation.EndsAtUtc, zone);
        Status = reservation.Status;
        CheckInOpensMinutesBefore = policy.CheckInOpensMinutesBefore;
        NoShowGraceMinutes = policy.NoShowGraceMinutes;
        CheckInUrl = address.Link(Request, $"/desk/reservations/{id}/confirmation");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(CheckInUrl, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(6);
        return true;
    }

    /// <summary>Renders the page (layout and all, so its <c>lang</c> follows) in the model's <see cref="PrintCulture"/>.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PrintLanguageAttribute : Attribute, IAsyncResultFilter
    {
        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (context.Controller is not ConfirmationModel { PrintCulture: var culture })
            {
                await next();
                return;
            }

            var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            try
            {
                await next();
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
            }
        }
    }
}
