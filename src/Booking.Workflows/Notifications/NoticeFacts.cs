using System.Text.Json;
using System.Text.Json.Serialization;

namespace Booking.Workflows.Notifications;

/// <summary>
/// What a notification tells, stored with it as JSON so the mail is written when it is sent, in the recipient's
/// language. Only the fields a kind needs are set; names are kept as they were when it happened (a renamed resource
/// still reads as the patron booked it).
/// </summary>
public sealed record NoticeFacts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Which of a kind's events: <c>staff</c> or <c>closure</c> (a cancellation), <c>renewed</c> (a grant).</summary>
    public string? Variant { get; init; }

    public Guid? ReservationId { get; init; }

    public Guid? SessionId { get; init; }

    public string? Resource { get; init; }

    public string? Location { get; init; }

    public string? Address { get; init; }

    /// <summary>The branch's IANA zone id: every instant is shown in it.</summary>
    public string? TimeZone { get; init; }

    public DateTime? Start { get; init; }

    public DateTime? End { get; init; }

    public DateTime? HeldUntil { get; init; }

    public DateTime? Until { get; init; }

    public DateTime? Expires { get; init; }

    public string? Reason { get; init; }

    public string? Certification { get; init; }

    public string? Session { get; init; }

    /// <summary>The coworking desk an attendee of a networking session has.</summary>
    public string? Desk { get; init; }

    public string? KindName { get; init; }

    public string? Patron { get; init; }

    /// <summary>A networking contact both agreed to share: the other attendee's name, e-mail address and link.</summary>
    public string? Contact { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactLink { get; init; }

    /// <summary>The partner organisation that asks the patron to become its client.</summary>
    public string? Partner { get; init; }

    public int? LeadMinutes { get; init; }

    public int? DaysOverdue { get; init; }

    public int? GraceMinutes { get; init; }

    public int? Strikes { get; init; }

    public int? WindowDays { get; init; }

    /// <summary>Reservations cancelled with a revoked certification.</summary>
    public IReadOnlyList<NoticeSlot>? Cancelled { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The facts of a stored row; null for rows queued before facts were kept (or unreadable ones).</summary>
    public static NoticeFacts? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<NoticeFacts>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A resource at a time, in a notice's list.</summary>
public sealed record NoticeSlot(string Resource, DateTime Start, DateTime End, string TimeZone);
