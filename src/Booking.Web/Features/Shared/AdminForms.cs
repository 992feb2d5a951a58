using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Booking.Web.Features.Shared;

/// <summary>Puts the shared checks' messages (API field names) beside the page's own inputs.</summary>
public static class AdminForms
{
    /// <summary>Copies each message to the page field <paramref name="map"/> names; by default "policy.slotMinutes" becomes "Policy.SlotMinutes".</summary>
    public static void CopyTo(this FieldErrors errors, ModelStateDictionary state, Func<string, string>? map = null)
    {
        foreach (var (field, message) in errors.Messages)
        {
            state.AddModelError(map?.Invoke(field) ?? PageField(field), message);
        }
    }

    public static string PageField(string apiField) =>
        string.Join('.', apiField.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
