using System.Text.Json.Nodes;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage.Groups;
using Quire.Storage.Users;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>What happened to a space; it names the event (<c>space_created</c>, <c>space_permissions_updated</c>, ...).</summary>
public enum SpaceChange { Created, Updated, Removed, PermissionsUpdated }

/// <summary>
/// Raises the events of the site around the content: spaces (<c>space_created</c>, <c>_updated</c>,
/// <c>_removed</c>, <c>_permissions_updated</c>, each with the space under <c>space</c>), groups
/// (<c>group_created</c>, <c>group_removed</c>, the group under <c>group</c>) and users
/// (<c>user_created</c>, the user under <c>userProfile</c>). Call inside the change's transaction:
/// after the write for a created or changed entity, before the delete for a removed one, so the
/// payload can still read what it describes.
/// </summary>
public sealed class SiteWebhooks(WebhookOutbox outbox, WebhookSubjectStore subjects, ISiteBaseUrl site)
{
    public Task SpaceAsync(SpaceChange change, long spaceId, Caller? actor, CancellationToken ct = default) =>
        outbox.RaiseAsync(SpaceEventName(change), WebhookEntity.Space(spaceId), actor, async ct2 =>
        {
            if (await subjects.SpaceAsync(spaceId, ct2) is not { } space) return null;
            // The home page is one more read of the content summaries, and only when a webhook wants the event.
            var homePage = space.HomepageId is { } homepageId ? (await subjects.ContentAsync([homepageId], ct2)).FirstOrDefault() : null;
            return new JsonObject { ["space"] = WebhookPayloads.Space(space, site.Base, homePage) };
        }, ct);

    public Task GroupCreatedAsync(GroupRecord group, Caller? actor, CancellationToken ct = default) =>
        GroupAsync("group_created", group, actor, ct);

    public Task GroupRemovedAsync(GroupRecord group, Caller? actor, CancellationToken ct = default) =>
        GroupAsync("group_removed", group, actor, ct);

    public Task UserCreatedAsync(UserRecord user, Caller? actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("user_created", WebhookEntity.User(user.AccountId), actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["userProfile"] = WebhookPayloads.UserProfile(user.AccountId, user.DisplayName) }), ct);

    /// <summary><c>user_removed</c>: the user's profile as <c>user_created</c> gives it.</summary>
    public Task UserRemovedAsync(UserRecord user, Caller? actor, CancellationToken ct = default) =>
        outbox.RaiseAsync("user_removed", WebhookEntity.User(user.AccountId), actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["userProfile"] = WebhookPayloads.UserProfile(user.AccountId, user.DisplayName) }), ct);

    private Task GroupAsync(string eventName, GroupRecord group, Caller? actor, CancellationToken ct) =>
        outbox.RaiseAsync(eventName, WebhookEntity.Group(group.Id), actor,
            _ => Task.FromResult<JsonObject?>(new JsonObject { ["group"] = WebhookPayloads.Group(group.Id, group.Name) }), ct);

    private static string SpaceEventName(SpaceChange change) => change switch
    {
        SpaceChange.Created => "space_created",
        SpaceChange.Updated => "space_updated",
        SpaceChange.Removed => "space_removed",
        SpaceChange.PermissionsUpdated => "space_permissions_updated",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };
}
