using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>
/// SPEC rule 1 as a property over the real stack: random sequences of bookings and cancellations by
/// several patrons, sent over HTTP in parallel batches, never leave two active reservations of the
/// resource overlapping (buffer included) in the database, whatever was accepted or refused.
/// </summary>
public sealed class NoOverlapPropertyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "Europe/Berlin";
    private const int Patrons = 4;

    /// <summary>A patron asks for a slot, or cancels one of their reservations (picked by index).</summary>
    public sealed record Step(bool IsCancel, int Patron, int Day, int Quarter, int Slots, int Pick)
    {
        public override string ToString() => IsCancel ? $"patron {Patron} cancels #{Pick}" : $"patron {Patron}: day {Day} +{Quarter * 15} min for {Slots * 15} min";
    }

    private static Arbitrary<Step[]> Steps()
    {
        var request =
            from patron in Gen.Choose(0, Patrons - 1)
            from day in Gen.Choose(0, 2)       // Sat 24, Sun 25 (the 25-hour change day), Mon 26 October
            from quarter in Gen.Choose(0, 40)  // 08:00 to 18:00 local in 15-minute steps
            from slots in Gen.Choose(1, 8)     // 15 minutes to 2 hours (some refused by the 30-minute minimum)
            select new Step(false, patron, day, quarter, slots, 0);
        var cancel = from patron in Gen.Choose(0, Patrons - 1) from pick in Gen.Choose(0, 100) select new Step(true, patron, 0, 0, 0, pick);
        return Gen.Frequency((4, request), (1, cancel)).ArrayOf().Select(s => s.Take(24).ToArray()).ToArbitrary();
    }

    [Fact]
    public async Task AnyRequestsAndCancellations_InParallelBatches_NoActiveOverlapInDatabase()
    {
        var patrons = await Task.WhenAll(Enumerable.Range(0, Patrons).Select(_ => host.SignInNewAsync()));
        var branch = await host.BranchAsync(Zone, opens: 8, closes: 20);
        var property = Prop.ForAll(Steps(), steps => PlayAsync(branch.Id, patrons, steps).GetAwaiter().GetResult());

        // FsCheck runs synchronously; keep its blocking off the test's context.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), property));
    }

    /// <summary>Plays one sequence against a fresh room; true when the database holds no overlap afterwards.</summary>
    private async Task<bool> PlayAsync(Guid branchId, SignedInClient[] patrons, Step[] steps)
    {
        var room = await host.ResourceAsync(branchId, KnownKinds.Room, new PolicyOverride
        {
            SlotMinutes = 15,
            MinDurationMinutes = 30,
            BufferAfterMinutes = 15,
            AdvanceWindowDays = 400,
            MaxActiveReservations = 100,
            MaxHoursPerWeek = 168,
        });
        var mine = patrons.Select(_ => new List<Guid>()).ToArray();

        foreach (var batch in steps.Chunk(4))
        {
            await Task.WhenAll(batch.Select(step => Task.Run(async () =>
            {
                var client = patrons[step.Patron].Http;
                if (step.IsCancel)
                {
                    Guid? id;
                    lock (mine)
                    {
                        id = mine[step.Patron].Count == 0 ? null : mine[step.Patron][step.Pick % mine[step.Patron].Count];
                    }

                    if (id is not null)
                    {
                        var cancel = await client.PostAsync($"/api/v1/reservations/{id}/cancel", null);
                        Assert.Contains(cancel.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
                    }

                    return;
                }

                var local = new DateTime(2026, 10, 24 + step.Day, 8, 0, 0).AddMinutes(step.Quarter * 15);
                var start = Local(Zone, local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
                var response = await client.BookAsync(room.Id, start, start.AddMinutes(step.Slots * 15));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    lock (mine)
                    {
                        mine[step.Patron].Add(id);
                    }
                }
                else
                {
                    // Refusals are expected (taken, too short); a 500 never is.
                    Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity });
                }
            })));
        }

        var active = await host.InScopeAsync(db => db.Reservations.AsNoTracking()
            .Where(r => r.ResourceId == room.Id && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.CheckedIn))
            .OrderBy(r => r.StartsAtUtc).Select(r => new { r.StartsAtUtc, r.BlockedUntilUtc }).ToListAsync());
        var blockedUntil = DateTime.MinValue;
        foreach (var reservation in active)
        {
            if (reservation.StartsAtUtc < blockedUntil)
            {
                return false;
            }

            blockedUntil = reservation.BlockedUntilUtc > blockedUntil ? reservation.BlockedUntilUtc : blockedUntil;
        }

        return true;
    }
}
