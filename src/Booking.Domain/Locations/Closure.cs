using Booking.Domain.Common;

namespace Booking.Domain.Locations;

/// <summary>A holiday, a one-off closed day or part of a day, in the branch's local wall time.</summary>
public sealed class Closure
{
    private Closure()
    {
    }

    public Closure(DateTime startsLocal, DateTime endsLocal, string reason)
    {
        if (endsLocal <= startsLocal)
        {
            throw new DomainException(ErrorCodes.Validation, "A closure must end after it starts.");
        }

        Id = Guid.NewGuid();
        StartsLocal = DateTime.SpecifyKind(startsLocal, DateTimeKind.Unspecified);
        EndsLocal = DateTime.SpecifyKind(endsLocal, DateTimeKind.Unspecified);
        Reason = string.IsNullOrWhiteSpace(reason) ? "Closed" : reason.Trim();
    }

    public Guid Id { get; private set; }

    public DateTime StartsLocal { get; private set; }

    public DateTime EndsLocal { get; private set; }

    public string Reason { get; private set; } = "";
}
