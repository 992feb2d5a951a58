namespace Booking.Domain.Networking;

/// <summary>What is wrong with one field of a networking profile (the field's API name and the words).</summary>
public sealed record ProfileProblem(string Field, string Message);

/// <summary>What a patron writes in their networking profile, before it is checked.</summary>
public sealed record ProfileInput(string? DisplayName, string? WhatIDo, IReadOnlyCollection<Guid>? Offers, IReadOnlyCollection<Guid>? Seeks, string? Link);

/// <summary>
/// A patron's short networking profile. It is shown only to the other attendees of a networking session the patron
/// opted in for (<see cref="NetworkingConsent"/>); the link is a contact detail, shared only in the mail both agreed to.
/// Skills are choices of the skills survey's "want to learn" question (its topics).
/// </summary>
public sealed class NetworkingProfile
{
    public const int DisplayNameLength = 80;
    public const int WhatIDoLength = 280;
    public const int LinkLength = 300;
    public const int MaxSkills = 10;

    private NetworkingProfile()
    {
    }

    private NetworkingProfile(Guid patronId, DateTime nowUtc)
    {
        PatronId = patronId;
        CreatedAtUtc = nowUtc;
    }

    public Guid PatronId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string WhatIDo { get; private set; } = "";

    /// <summary>Survey choice ids: skills the patron offers.</summary>
    public Guid[] Offers { get; private set; } = [];

    /// <summary>Survey choice ids: skills the patron is looking for.</summary>
    public Guid[] Seeks { get; private set; } = [];

    /// <summary>An http or https address; shared only when both agree to connect.</summary>
    public string? Link { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Every problem of <paramref name="input"/> against the limits and the survey's <paramref name="topics"/>; empty when it may be saved.</summary>
    public static IReadOnlyList<ProfileProblem> Check(ProfileInput input, IReadOnlySet<Guid> topics)
    {
        var problems = new List<ProfileProblem>();
        var name = input.DisplayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems.Add(new("displayName", "Give the name other attendees will see."));
        }
        else if (name.Length > DisplayNameLength || HasControl(name))
        {
            problems.Add(new("displayName", "The name is at most 80 characters, on one line."));
        }

        var what = input.WhatIDo?.Trim() ?? "";
        if (what.Length > WhatIDoLength || what.Any(c => char.IsControl(c) && c is not ('\n' or '\r')))
        {
            problems.Add(new("whatIDo", "\"What I do\" is at most 280 characters."));
        }

        foreach (var (field, skills) in new[] { ("offers", input.Offers), ("seeks", input.Seeks) })
        {
            var picked = skills ?? [];
            if (picked.Distinct().Count() > MaxSkills)
            {
                problems.Add(new(field, "Choose at most 10 skills."));
            }
            else if (picked.Any(id => !topics.Contains(id)))
            {
                problems.Add(new(field, "Choose skills from the list."));
            }
        }

        if (!string.IsNullOrWhiteSpace(input.Link) && !IsLink(input.Link.Trim()))
        {
            problems.Add(new("link", "The link must be a full web address starting with http:// or https://, at most 300 characters."));
        }

        return problems;
    }

    /// <summary>A new profile from input that <see cref="Check"/> passed.</summary>
    public static NetworkingProfile Create(Guid patronId, ProfileInput input, DateTime nowUtc)
    {
        var profile = new NetworkingProfile(patronId, nowUtc);
        profile.Update(input, nowUtc);
        return profile;
    }

    /// <summary>Replaces the profile with input that <see cref="Check"/> passed.</summary>
    public void Update(ProfileInput input, DateTime nowUtc)
    {
        DisplayName = input.DisplayName!.Trim();
        WhatIDo = input.WhatIDo?.Trim() ?? "";
        Offers = (input.Offers ?? []).Distinct().ToArray();
        Seeks = (input.Seeks ?? []).Distinct().ToArray();
        Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>An absolute http(s) address with a host and no user name or password in it.</summary>
    public static bool IsLink(string text) =>
        text.Length <= LinkLength
        && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0;

    private static bool HasControl(string text) => text.Any(char.IsControl);
}
