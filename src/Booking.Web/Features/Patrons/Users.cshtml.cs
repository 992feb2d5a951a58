using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Patrons;

/// <summary>Lists every account 50 a page (by role, or found by e-mail) and makes them patron, staff, admin or a kiosk (audited; an admin cannot demote themself).</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class UsersModel(BookingDbContext db, UserManager<UserAccount> users, TimeProvider clock, IStringLocalizer<UsersModel> words) : PageModel
{
    public sealed record Account(Guid Id, string? Email, string? DisplayName, string Role, DateTime CreatedAtUtc);

    public const int PageSize = 50;

    /// <summary>The roles an admin chooses between; every account stays a patron underneath, except a kiosk, which holds that role alone.</summary>
    public static readonly IReadOnlyList<string> Choices = [Roles.Patron, Roles.Staff, Roles.Admin, Roles.Kiosk];

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    /// <summary>patron, staff or admin; anything else lists every account. Not "role": the role form posts that field.</summary>
    [BindProperty(SupportsGet = true, Name = "filter")]
    public string? Role { get; set; }

    /// <summary>Not "page", which Razor Pages routing uses. Read as text so "abc", "-3" or a huge number turn into the first or last page instead of a binding error.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public string? PageText { get; set; }

    public IReadOnlyList<Account> Found { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int Total { get; private set; }

    /// <summary>Said when the page asked for did not exist and another is shown.</summary>
    public string? PageNote { get; private set; }

    /// <summary>The list's address for another page, keeping the search and the role filter.</summary>
    public string PageUrl(int page) =>
        $"/admin/users?email={Uri.EscapeDataString(Email ?? "")}&filter={Uri.EscapeDataString(Choices.Contains(Role ?? "") ? Role! : "")}&pageNumber={page}";

    /// <summary>Dates in the library's zone and the reader's culture.</summary>
    public LibraryTime Times { get; private set; } = new("UTC");

    /// <summary>A role as the reader names it ("Staff", "Personal"); the stored name stays the form's value.</summary>
    public string RoleName(string role) => words[role];

    public Guid? ProblemUserId { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await FindAsync(ct);

    public async Task<IActionResult> OnPostSetRoleAsync(Guid userId, string? role, CancellationToken ct)
    {
        var refusal = await SetRoleAsync(userId, role, ct);
        if (refusal is not null)
        {
            Problem = refusal;
            ProblemUserId = userId;
            await FindAsync(ct);
            return Page();
        }

        return Redirect(PageUrl(PageNumberAsked() ?? 1));
    }

    /// <summary>Null when done; otherwise why not, and nothing changed.</summary>
    private async Task<string?> SetRoleAsync(Guid userId, string? role, CancellationToken ct)
    {
        if (role is null || !Choices.Contains(role))
        {
            return words["Choose Patron, Staff, Admin or Kiosk."];
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return words["That account no longer exists."];
        }

        if (userId == User.UserId() && role != Roles.Admin)
        {
            return words["You cannot remove your own admin role; another admin must do it."];
        }

        var before = RoleOf(await users.GetRolesAsync(user));
        if (before == role)
        {
            TempData["Message"] = Said(role, "{0} is already staff.", "{0} is already an admin.", "{0} is already a patron.", "{0} is already a kiosk account.", user.Email);
            return null;
        }

        // Patron always; staff or admin on top of it (admins can do what staff can). A kiosk holds its role alone, so a
        // person at the tablet can neither book as it nor reach a desk or partner page.
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var kiosk = role == Roles.Kiosk;
        var partner = !kiosk && await users.IsInRoleAsync(user, Roles.Partner);
        foreach (var (name, wanted) in new[] { (Roles.Patron, !kiosk), (Roles.Staff, role == Roles.Staff), (Roles.Admin, role == Roles.Admin), (Roles.Kiosk, kiosk), (Roles.Partner, partner) })
        {
            var has = await users.IsInRoleAsync(user, name);
            var result = wanted && !has ? await users.AddToRoleAsync(user, name)
                : !wanted && has ? await users.RemoveFromRoleAsync(user, name)
                : IdentityResult.Success;
            if (!result.Succeeded)
            {
                return words["The role could not be changed: {0}", string.Join(" ", result.Errors.Select(e => e.Description))];
            }
        }

        // A new stamp signs the account out of other sessions, so the change takes effect at once.
        await users.UpdateSecurityStampAsync(user);
        db.AuditLog.Add(new AuditEntry(User.UserId(), "user.role", $"user:{user.Id}", $"Made {user.Email} {role} (was {before}).", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = Said(role, "{0} is now staff.", "{0} is now an admin.", "{0} is now a patron.", "{0} is now a kiosk account: it opens the self check-in pages and nothing else.", user.Email);
        return null;
    }

    private async Task FindAsync(CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Email))
        {
            var e = Email.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(e));
        }

        // "staff" and "Staff" alike; anything else lists everyone.
        Role = Choices.FirstOrDefault(c => string.Equals(c, Role?.Trim(), StringComparison.OrdinalIgnoreCase));

        // The role shown is the highest held (admin, then staff, then kiosk, then patron), so the filter matches what the list says.
        var adminIds = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Admin select ur.UserId;
        var staffIds = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Staff select ur.UserId;
        var kioskIds = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Kiosk select ur.UserId;
        query = Role switch
        {
            Roles.Admin => query.Where(u => adminIds.Contains(u.Id)),
            Roles.Staff => query.Where(u => staffIds.Contains(u.Id) && !adminIds.Contains(u.Id)),
            Roles.Kiosk => query.Where(u => kioskIds.Contains(u.Id) && !staffIds.Contains(u.Id) && !adminIds.Contains(u.Id)),
            Roles.Patron => query.Where(u => !staffIds.Contains(u.Id) && !adminIds.Contains(u.Id) && !kioskIds.Contains(u.Id)),
            _ => query,
        };

        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        var asked = PageNumberAsked();
        PageNumber = asked is null || asked < 1 ? 1 : Math.Min(asked.Value, PageCount);
        if (!string.IsNullOrWhiteSpace(PageText) && asked != PageNumber)
        {
            PageNote = words["There is no page “{0}”; showing page {1} of {2}.", PageText, PageNumber, PageCount];
        }

        var accounts = await query
            .OrderBy(u => u.Email).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.CreatedAtUtc })
            .ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        Times = await LibraryTime.ReadAsync(db, ct);
        Found = accounts.Select(a => new Account(a.Id, a.Email, a.DisplayName,
            RoleOf(roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).ToList()), a.CreatedAtUtc)).ToList();
    }

    /// <summary>The page number asked for; null when missing or not a number (a huge number counts as very large).</summary>
    private int? PageNumberAsked() =>
        int.TryParse(PageText?.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : PageText?.Trim() is { Length: > 0 } t && t.All(char.IsAsciiDigit) ? int.MaxValue
        : null;

    private static string RoleOf(IList<string> roles) =>
        roles.Contains(Roles.Admin) ? Roles.Admin : roles.Contains(Roles.Staff) ? Roles.Staff : roles.Contains(Roles.Kiosk) ? Roles.Kiosk : Roles.Patron;

    /// <summary>A whole sentence per role ("staff" takes no article, "an admin", "a patron"), so each language words it its own way.</summary>
    private string Said(string role, string staff, string admin, string patron, string kiosk, string? email) => words[role switch
    {
        Roles.Staff => staff,
        Roles.Admin => admin,
        Roles.Kiosk => kiosk,
        _ => patron,
    }, email ?? ""];
}
