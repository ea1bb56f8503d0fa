using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Server.Api.Users;

/// <summary>The v1 User shape.</summary>
public sealed class UserJson
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
    public IReadOnlyList<OperationJson>? Operations { get; init; }
    public Space.SpaceJson? PersonalSpace { get; init; }

    /// <summary>Always present, empty when everything expandable was expanded.</summary>
    [JsonPropertyName("_expandable")]
    public required UserExpandableJson Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required LinksJson Links { get; init; }
}

/// <summary>A user's <c>_expandable</c>, typed: each member null (omitted) when expanded.</summary>
public sealed class UserExpandableJson
{
    public string? Operations { get; init; }
    public string? PersonalSpace { get; init; }
}

public sealed record IconJson(string Path, int Width, int Height, bool IsDefault)
{
    public static readonly IconJson DefaultAvatar = new("/wiki/images/icons/profilepics/default.svg", 48, 48, true);
    public static readonly IconJson AnonymousAvatar = new("/wiki/images/icons/profilepics/anonymous.svg", 48, 48, true);
}

public sealed record OperationJson(string Operation, string TargetType);

/// <summary>Renders users; the one place their JSON is decided.</summary>
public sealed class UserRenderer(ApiLinks links)
{
    /// <summary>
    /// A user as another user sees it. <paramref name="viewer"/> decides whether the e-mail
    /// is shown (to the user itself and to site admins, as Cloud's default privacy does).
    /// </summary>
    public UserJson Render(UserRecord user, Caller? viewer, Expansion expand, bool topLevel = false, UserExtras? extras = null)
    {
        var showEmail = viewer is not null && (viewer.UserId == user.Id || viewer.IsSiteAdmin);
        // The spec's User._expandable names operations, details and personalSpace; Quire has no
        // details. isExternalCollaborator may be asked for in expand, but it is always present,
        // so it is never listed here.
        var expandable = new UserExpandableJson
        {
            Operations = expand.Has("operations") ? null : "", PersonalSpace = expand.Has("personalSpace") ? null : "",
        };

        var self = links.Api("/rest/api/user?accountId=" + Uri.EscapeDataString(user.AccountId));
        return new UserJson
        {
            Type = "known",
            AccountId = user.AccountId,
            AccountType = user.AccountType,
            Email = showEmail ? user.Email : "",
            PublicName = user.DisplayName,
            ProfilePicture = IconJson.DefaultAvatar,
            DisplayName = user.DisplayName,
            TimeZone = user.TimeZone,
            IsExternalCollaborator = false,
            ExternalCollaborator = false,
            Operations = expand.Has("operations") ? extras?.Operations ?? [] : null,
            PersonalSpace = expand.Has("personalSpace") ? extras?.PersonalSpace : null,
            Expandable = expandable,
            Links = topLevel ? new LinksJson { Self = self, Base = links.Base, Context = ApiLinks.Context } : new LinksJson { Self = self },
        };
    }

    /// <summary>The anonymous user; <paramref name="operations"/> are what it may do site-wide (use, when anonymous access is on).</summary>
    public UserJson RenderAnonymous(Expansion expand, IReadOnlyList<OperationJson>? operations = null) => new()
    {
        Type = "anonymous",
        PublicName = "Anonymous",
        DisplayName = "Anonymous",
        ProfilePicture = IconJson.AnonymousAvatar,
        Operations = expand.Has("operations") ? operations ?? [] : null,
        Expandable = expand.Has("operations") ? new UserExpandableJson() : new UserExpandableJson { Operations = "" },
        Links = new LinksJson { Self = links.Api("/rest/api/user/anonymous"), Base = links.Base, Context = ApiLinks.Context },
    };
}

/// <summary>What expansions of a user need beyond its row, loaded by the caller in bulk.</summary>
public sealed record UserExtras(IReadOnlyList<OperationJson>? Operations, Space.SpaceJson? PersonalSpace);
