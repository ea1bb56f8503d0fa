using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Server.Api.ContentWatches;

/// <summary>The spec's <c>UserWatch</c>: whether the user watches the content, label or space.</summary>
public sealed record UserWatchJson(bool Watching);

/// <summary>
/// A watch of a piece of content (the spec's <c>Watch</c>). The spec does not say what
/// <c>type</c> holds; Quire answers <c>watch</c> for every watch (a guess, like the spec's own
/// examples, which give no value).
/// </summary>
public sealed record WatchJson(string Type, WatchUserJson Watcher, long ContentId)
{
    public const string Kind = "watch";
}

/// <summary>A watch of a space (the spec's <c>SpaceWatch</c>); Quire's space watches name no label.</summary>
public sealed record SpaceWatchJson(string Type, WatchUserJson Watcher, string SpaceKey);

/// <summary>
/// The spec's <c>WatchUser</c>: the User shape without <c>_links</c> and <c>_expandable</c>, whose
/// <c>operations</c> and <c>personalSpace</c> are required but nullable; they are not expanded
/// here, so they are written as null rather than left out.
/// </summary>
public sealed class WatchUserJson
{
    public required string Type { get; init; }
    public string? AccountId { get; init; }
    public string? AccountType { get; init; }
    public string? Email { get; init; }
    public string? PublicName { get; init; }
    public required IconJson ProfilePicture { get; init; }
    public string? DisplayName { get; init; }
    public string? TimeZone { get; init; }
    public bool? IsExternalCollaborator { get; init; }
    public bool? ExternalCollaborator { get; init; }

    /// <summary>
    /// Not in this spec's WatchUser, but required in Atlassian's current one (confluence.js
    /// validates against it); Quire has no guests.
    /// </summary>
    public bool IsGuest { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<OperationJson>? Operations { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? PersonalSpace { get; init; }

    /// <summary>The user as <paramref name="viewer"/> sees it (the e-mail only for itself and site admins), from the one user renderer.</summary>
    public static WatchUserJson Of(UserRecord user, Caller viewer, UserRenderer renderer)
    {
        var json = renderer.Render(user, viewer, Expansion.None);
        return new WatchUserJson
        {
            Type = json.Type,
            AccountId = json.AccountId,
            AccountType = json.AccountType,
            Email = json.Email,
            PublicName = json.PublicName,
            ProfilePicture = json.ProfilePicture,
            DisplayName = json.DisplayName,
            TimeZone = json.TimeZone,
            IsExternalCollaborator = json.IsExternalCollaborator,
            ExternalCollaborator = json.ExternalCollaborator,
        };
    }
}
