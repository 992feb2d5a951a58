using System.Globalization;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Collects what is wrong with a request body, field by field, for one 400 <c>validation</c> answer. Each message is an
/// English sentence of <see cref="FieldWords"/> with its arguments, said in the reader's language (the current UI
/// culture) when the answer or page is written; the field keys are the stable JSON names.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Func<CultureInfo, string>>> _errors = new(StringComparer.Ordinal);

    // Whether every message has words of its own in the culture, so the answer's detail can be the messages themselves.
    private readonly List<Func<CultureInfo, bool>> _worded = [];

    public int Count => _errors.Count;

    public bool Any => _errors.Count > 0;

    public bool IsValid => _errors.Count == 0;

    /// <summary>Every message with its field, for pages that show each beside its own input.</summary>
    public IEnumerable<(string Field, string Message)> Messages => _errors.SelectMany(e => e.Value.Select(m => (e.Key, m(CultureInfo.CurrentUICulture))));

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

    /// <summary>Records <paramref name="message"/> (an English sentence, <c>{0}</c> for each of <paramref name="args"/>) on <paramref name="field"/>.</summary>
    public void Add(string field, string message, params object?[] args)
    {
        Add(field, culture => FieldWords.Say(message, culture, args), culture => FieldWords.Knows(message, culture));
    }

    private void Add(string field, Func<CultureInfo, string> message, Func<CultureInfo, bool> worded)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
        _worded.Add(worded);
    }

    /// <summary>The trimmed text; records an error (and gives null) when it is missing, blank or too long.</summary>
    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "{0} is required.", field);
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
            Add(field, "{0} may be at most {1} characters.", field, maxLength);
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
            Add(field, e.Say, e.IsWordedIn);
            return false;
        }
    }

    /// <summary>The answer, its messages in the current UI culture (the request's language).</summary>
    public ValidationProblem ToProblem()
    {
        var culture = CultureInfo.CurrentUICulture;
        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m(culture)).ToArray(), StringComparer.Ordinal);
        return Problems.Validation(errors, string.Join(" ", errors.Values.SelectMany(m => m)), worded: _worded.All(w => w(culture)));
    }
}
