using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Patrons;

/// <summary>Finds accounts by e-mail and makes them patron, staff or admin (audited; an admin cannot demote themself).</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class UsersModel(BookingDbContext db, UserManager<UserAccount> users, TimeProvider clock) : PageModel
{
    public sealed record Account(Guid Id, string? Email, string? DisplayName, string Role);

    /// <summary>The roles an admin chooses between; every account stays a patron underneath.</summary>
    public static readonly IReadOnlyList<string> Choices = [Roles.Patron, Roles.Staff, Roles.Admin];

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public IReadOnlyList<Account> Found { get; private set; } = [];

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

        return Redirect($"/admin/users?email={Uri.EscapeDataString(Email ?? "")}");
    }

    /// <summary>Null when done; otherwise why not, and nothing changed.</summary>
    private async Task<string?> SetRoleAsync(Guid userId, string? role, CancellationToken ct)
    {
        if (role is null || !Choices.Contains(role))
        {
            return "Choose Patron, Staff or Admin.";
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return "That account no longer exists.";
        }

        if (userId == User.UserId() && role != Roles.Admin)
        {
            return "You cannot remove your own admin role; another admin must do it.";
        }

        var before = RoleOf(await users.GetRolesAsync(user));
        if (before == role)
        {
            TempData["Message"] = $"{user.Email} is already {RoleInWords(role)}.";
            return null;
        }

        // Patron always; staff or admin on top of it (admins can do what staff can).
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        foreach (var (name, wanted) in new[] { (Roles.Patron, true), (Roles.Staff, role == Roles.Staff), (Roles.Admin, role == Roles.Admin) })
        {
            var has = await users.IsInRoleAsync(user, name);
            var result = wanted && !has ? await users.AddToRoleAsync(user, name)
                : !wanted && has ? await users.RemoveFromRoleAsync(user, name)
                : IdentityResult.Success;
            if (!result.Succeeded)
            {
                return $"The role could not be changed: {string.Join(" ", result.Errors.Select(e => e.Description))}";
            }
        }

        // A new stamp signs the account out of other sessions, so the change takes effect at once.
        await users.UpdateSecurityStampAsync(user);
        db.AuditLog.Add(new AuditEntry(User.UserId(), "user.role", $"user:{user.Id}", $"Made {user.Email} {role} (was {before}).", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"{user.Email} is now {RoleInWords(role)}.";
        return null;
    }

    private async Task FindAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            return;
        }

        var e = Email.Trim().ToUpperInvariant();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail!.Contains(e))
            .OrderBy(u => u.Email).Take(50)
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        Found = accounts.Select(a => new Account(a.Id, a.Email, a.DisplayName,
            RoleOf(roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).ToList()))).ToList();
    }

    private static string RoleOf(IList<string> roles) =>
        roles.Contains(Roles.Admin) ? Roles.Admin : roles.Contains(Roles.Staff) ? Roles.Staff : Roles.Patron;

    /// <summary>"staff" (a body of people, no article), "an admin", "a patron".</summary>
    private static string RoleInWords(string role) => role switch
    {
        Roles.Staff => "staff",
        Roles.Admin => "an admin",
        _ => "a patron",
    };
}
