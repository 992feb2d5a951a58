using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Partners;

/// <summary>
/// Admins say who works for a partner organisation (the <c>Partner</c> role, bound to it) and what the partner may
/// book for its clients; the API and the partner's admin page use the same checks. Each change is audited.
/// </summary>
public sealed class PartnerStaffing(BookingDbContext db, TimeProvider clock)
{
    /// <summary>Binds the account with <paramref name="email"/> to the partner; refused for library staff and admins.</summary>
    public async Task<UserAccount> AddStaffAsync(Guid adminId, Guid partnerId, string? email, CancellationToken ct)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            throw new DomainException(ErrorCodes.NotFound, "No partner organisation with that id.");
        }

        var normalised = email?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalised) || normalised.Length > Domain.Patrons.NewPatron.MaxEmailLength)
        {
            throw new DomainException(ErrorCodes.Validation, "Give the e-mail address of the account to make partner staff.");
        }

        var account = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised, ct)
            ?? throw new DomainException(ErrorCodes.Validation, "No account has that e-mail address; the person registers first.");
        var roles = await RolesOfAsync(account.Id, ct);
        if (roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin))
        {
            throw new DomainException(ErrorCodes.Validation, "Library staff and admins cannot be partner staff as well.");
        }

        account.PartnerId = partnerId;
        if (!roles.Contains(Roles.Partner))
        {
            var partnerRole = await db.Roles.Where(r => r.Name == Roles.Partner).Select(r => r.Id).FirstAsync(ct);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = partnerRole });
        }

        // A role change must end the person's other sign-ins' view of their old rights at the next check.
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        db.AuditLog.Add(new AuditEntry(adminId, "partner.staff-add", $"user:{account.Id}", $"Made partner staff of partner:{partnerId}.", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return account;
    }

    public async Task RemoveStaffAsync(Guid adminId, Guid partnerId, Guid userId, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.PartnerId == partnerId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No staff member of this partner with that id.");
        account.PartnerId = null;
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        var partnerRole = await db.Roles.Where(r => r.Name == Roles.Partner).Select(r => r.Id).FirstAsync(ct);
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == userId && r.RoleId == partnerRole).ToListAsync(ct));
        db.AuditLog.Add(new AuditEntry(adminId, "partner.staff-remove", $"user:{userId}", $"No longer partner staff of partner:{partnerId}.", clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the kinds and hours a week; each problem by field (<c>kinds</c>, <c>maxHoursPerWeek</c>), nothing saved then.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SetLimitsAsync(Guid adminId, Guid partnerId, IEnumerable<string>? kinds, int? maxHoursPerWeek, CancellationToken ct)
    {
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == partnerId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No partner organisation with that id.");
        var wanted = (kinds ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var known = await db.ResourceKinds.AsNoTracking().Select(k => k.Code).ToListAsync(ct);
        var problems = new List<(string, string)>();
        if (wanted.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            problems.Add(("kinds", $"There is no kind '{(unknown.Length > 40 ? unknown[..40] : unknown)}'. Kinds: {string.Join(", ", known)}."));
        }

        if (PartnerLimits.Problem(maxHoursPerWeek) is { } hours)
        {
            problems.Add(("maxHoursPerWeek", hours));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        partner.SetLimits(new PartnerLimits(wanted, maxHoursPerWeek));
        db.AuditLog.Add(new AuditEntry(adminId, "partner.limits", $"partner:{partnerId}",
            $"Kinds: {(wanted.Length == 0 ? "none" : string.Join(", ", wanted))}; hours a week: {maxHoursPerWeek?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no limit"}.",
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return problems;
    }

    private Task<List<string?>> RolesOfAsync(Guid userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync(ct);
}
