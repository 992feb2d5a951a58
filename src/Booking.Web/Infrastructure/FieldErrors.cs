using Booking.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Infrastructure;

/// <summary>Collects what is wrong with a request body, field by field, for one 400 <c>validation</c> answer.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public bool Any => _errors.Count > 0;

    public bool IsValid => _errors.Count == 0;

    /// <summary>Every message with its field, for pages that show each beside its own input.</summary>
    public IEnumerable<(string Field, string Message)> Messages => _errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));

    /// <summary>The value of a required field of a value type; records <paramref name="message"/> when it is missing.</summary>
    public T Required<T>(T? value, string field, string message)
        where T : struct
    {
        if (value is null)
        {
            Add(field, message);
        }

        return value.GetValueOrDefault();
    }

    /// <summary>The trimmed text of a required field; records <paramref name="message"/> when it is missing or blank.</summary>
    public string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }

        return value?.Trim() ?? "";
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>The trimmed text; records an error (and gives null) when it is missing, blank or too long.</summary>
    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
            return null;
        }

        return Optional(field, value, maxLength);
    }

    /// <summary>The trimmed text, or null when blank; records an error when it is too long.</summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"{field} may be at most {maxLength} characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Runs a model method; a refusal with code <c>validation</c> becomes an error on <paramref name="field"/>.</summary>
    public bool Try(string field, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (DomainException e) when (e.Code == ErrorCodes.Validation)
        {
            Add(field, e.Message);
            return false;
        }
    }

    public ValidationProblem ToProblem() => Problems.Validation(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        string.Join(" ", _errors.Values.SelectMany(m => m)));
}
