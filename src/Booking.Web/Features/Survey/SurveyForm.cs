using Microsoft.AspNetCore.Http;

namespace Booking.Web.Features.Survey;

/// <summary>
/// Reads answers from the survey form: one field per question, named <c>q-{questionId}</c>, whose values are choice ids.
/// Anything else in the form is ignored; a value that is not an id makes the whole form refused, never half stored.
/// </summary>
public static class SurveyForm
{
    public const string Prefix = "q-";

    public static string FieldName(Guid questionId) => Prefix + questionId;

    /// <summary>The answers, or null when a field name or value is not an id (a forged or mangled form).</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>>? Read(IFormCollection form)
    {
        var answers = new Dictionary<Guid, IReadOnlyCollection<Guid>>();
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!Guid.TryParse(key.AsSpan(Prefix.Length), out var questionId))
            {
                return null;
            }

            var choices = new List<Guid>();
            foreach (var value in values)
            {
                if (!Guid.TryParse(value, out var choiceId))
                {
                    return null;
                }

                choices.Add(choiceId);
            }

            answers[questionId] = choices;
        }

        return answers;
    }
}
