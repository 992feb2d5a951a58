using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Booking.Web.Features.Admin;

/// <summary>The admin's starting page: links to each area.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class IndexModel : PageModel
{
}
