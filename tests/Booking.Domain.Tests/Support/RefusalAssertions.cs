using Booking.Domain.Common;
using Booking.Domain.Reservations;

namespace Booking.Domain.Tests.Support;

/// <summary>Lets tests read <c>BookingRules.Check(request, facts).ShouldFailWith(ErrorCodes.SlotTaken)</c>.</summary>
internal static class RefusalAssertions
{
    public static BookingRefusal ShouldFailWith(this BookingRefusal? refusal, string code)
    {
        if (refusal is null)
        {
            Assert.Fail($"Expected a '{code}' refusal, but the request passed.");
        }

        if (refusal.Code != code)
        {
            Assert.Fail($"Expected a '{code}' refusal, but got '{refusal.Code}': {refusal}");
        }

        Assert.False(string.IsNullOrWhiteSpace(refusal.ToString()), "A refusal must say why in words.");
        return refusal;
    }

    public static void ShouldPass(this BookingRefusal? refusal)
    {
        if (refusal is not null)
        {
            Assert.Fail($"Expected the request to pass, but it was refused '{refusal.Code}': {refusal}");
        }
    }

    public static DomainException ShouldThrowDomain(Action action, string code)
    {
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(code, error.Code);
        return error;
    }
}
