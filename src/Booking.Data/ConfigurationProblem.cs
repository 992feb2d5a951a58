namespace Booking.Data;

/// <summary>A setting that keeps the app from starting; the message names the key and what it accepts.</summary>
public sealed class ConfigurationProblem(string message) : Exception(message);
