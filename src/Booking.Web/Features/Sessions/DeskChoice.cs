using Booking.Data;
using Booking.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Sessions;

/// <summary>
/// What <c>_DeskChoice</c> shows on a session's page: the signed-in patron's own desk, or the free desks to choose
/// from on the registration form. Never who holds the other desks.
/// </summary>
public sealed record DeskChoice(Guid SessionId, IReadOnlyList<SessionDeskView> Desks, string? MyDesk, bool CanChoose)
{
    /// <summary>The id of the registration form the desk choice belongs to (its radios sit outside it, with <c>form=</c>).</summary>
    public const string FormId = "register-form";

    public static readonly DeskChoice None = new(Guid.Empty, [], null, false);

    public IEnumerable<SessionDeskView> Free => Desks.Where(d => d.Free);

    /// <param name="canRegister">The patron is signed in, not registered and a place is left before the start.</param>
    public static async Task<DeskChoice> LoadAsync(BookingDbContext db, SessionView session, Guid? me, bool canRegister, CancellationToken ct)
    {
        if (session.Desks.Count == 0)
        {
            return None;
        }

        string? mine = null;
        if (me is { } patronId)
        {
            mine = await (from r in db.SessionRegistrations.AsNoTracking()
                          join d in db.SessionDesks.AsNoTracking() on r.Id equals d.RegistrationId
                          join desk in db.Resources.AsNoTracking() on d.ResourceId equals desk.Id
                          where r.SessionId == session.Id && r.PatronId == patronId && r.Status == RegistrationStatus.Registered
                          select desk.Name).FirstOrDefaultAsync(ct);
        }

        return new DeskChoice(session.Id, session.Desks, mine, canRegister && mine is null);
    }
}
