namespace Booking.Domain.Common;

/// <summary>A request the model refuses, with a stable code the API returns and words a patron understands.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
