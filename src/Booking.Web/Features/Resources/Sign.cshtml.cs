using Booking.Data;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Booking.Web.Features.Resources;

/// <summary>A printable sign for a resource, with a QR code to its self check-in page.</summary>
public sealed class SignModel(BookingDbContext db, PublicAddress address) : PageModel
{
    public string Name { get; private set; } = "";

    public string CheckInUrl { get; private set; } = "";

    /// <summary>The QR code as inline SVG: drawn by the server, no script, no outside service.</summary>
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Resources.Where(r => r.Id == id).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        Name = name;
        CheckInUrl = address.Link(Request, $"/resources/{id}/check-in");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(CheckInUrl, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(6);
        return Page();
    }
}
