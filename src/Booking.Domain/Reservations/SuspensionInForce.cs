namespace Booking.Domain.Reservations;

/// <summary>A suspension in force for the patron and the resource's kind: until when, and why.</summary>
public sealed record SuspensionInForce(DateTime EndsAtUtc, string Reason);
