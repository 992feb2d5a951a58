using System.Text.Json;

namespace Booking.Web.Infrastructure;

/// <summary>A JSON value our converters refuse, its message already in the request's language (the answer's detail as is).</summary>
public sealed class WordedJsonException(string message) : JsonException(message);
