namespace Booking.Web.Infrastructure;

/// <summary>Collects field errors of a request body, so one answer names every missing or bad field.</summary>
public sealed class RequestChecks
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public T Required<T>(T? value, string field, string message)
        where T : struct
    {
        if (value is null)
        {
            Add(field, message);
        }

        return value.GetValueOrDefault();
    }

    public string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }

        return value?.Trim() ?? "";
    }

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
