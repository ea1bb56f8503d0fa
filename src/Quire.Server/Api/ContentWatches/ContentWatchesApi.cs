using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Watches;
using Quire.Server.Api.Users;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Server.Api.ContentWatches;

/// <summary>
/// The <c>Content watches</c> group: the watchers of a page (<c>/content/{id}/notification/child-created</c>),
/// of its space (<c>/content/{id}/notification/created</c>) and of a space (<c>/space/{key}/watch</c>),
/// and a user's watches of content, labels and spaces (<c>/user/watch/...</c>). Every call needs a
/// signed-in user (401 for the anonymous one): watches belong to people.
/// </summary>
public static class ContentWatchesApi
{
    private static readonly PageLimits WatchLimits = new(200, 1000);

    public static RouteGroupBuilder MapContentWatchesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/content/{id}/notification/child-created", GetWatchesForPage).RequireSignIn();
        api.MapGet("/content/{id}/notification/created", GetWatchesForSpace).RequireSignIn();
        api.MapGet("/space/{spaceKey}/watch", GetWatchersForSpace).RequireSignIn();

        var watch = api.MapGroup("/user/watch").RequireSignIn();
        watch.MapGet("/content/{contentId}", GetContentWatchStatus);
        watch.MapPost("/content/{contentId}", AddContentWatcher);
        watch.MapDelete("/content/{contentId}", RemoveContentWatcher);
        watch.MapGet("/label/{labelName}", IsWatchingLabel);
        watch.MapPost("/label/{labelName}", AddLabelWatcher);
        watch.MapDelete("/label/{labelName}", RemoveLabelWatcher);
        watch.MapGet("/space/{spaceKey}", IsWatchingSpace);
        watch.MapPost("/space/{spaceKey}", AddSpaceWatcher);
        watch.MapDelete("/space/{spaceKey}", RemoveSpaceWatch);
        return api;
    }

    private static async Task<PagedJson<WatchJson>> GetWatchesForPage(
        string id, int? start, int? limit, Caller caller, WatchService watches, UserRenderer users, ApiLinks links, CancellationToken ct)
    {
        var (content, page) = await watches.ContentWatchersAsync(caller, id, WatchLimits.Parse(start, limit), ct);
        return PagedJson<WatchJson>.From(page, u => new WatchJson(WatchJson.Kind, WatchUserJson.Of(u, caller, users), content.Id), links);
    }

    private static async Task<PagedJson<SpaceWatchJson>> GetWatchesForSpace(
        string id, int? start, int? limit, Caller caller, WatchService watches, UserRenderer users, ApiLinks links, CancellationToken ct)
    {
        var (space, page) = await watches.SpaceWatchersOfContentAsync(caller, id, WatchLimits.Parse(start, limit), ct);
        return SpaceWatches(space.Key, page, caller, users, links);
    }

    private static async Task<PagedJson<SpaceWatchJson>> GetWatchersForSpace(
        string spaceKey, int? start, int? limit, Caller caller, WatchService watches, UserRenderer users, ApiLinks links, CancellationToken ct)
    {
        var (space, page) = await watches.SpaceWatchersAsync(caller, spaceKey, WatchLimits.Parse(start, limit), ct);
        return SpaceWatches(space.Key, page, caller, users, links);
    }

    private static PagedJson<SpaceWatchJson> SpaceWatches(
        string spaceKey, Page<UserRecord> page, Caller caller, UserRenderer users, ApiLinks links) =>
        PagedJson<SpaceWatchJson>.From(page, u => new SpaceWatchJson(WatchJson.Kind, WatchUserJson.Of(u, caller, users), spaceKey), links);

    private static Task<UserWatchJson> GetContentWatchStatus(
        string contentId, [AsParameters] UserLookup lookup, Caller caller, WatchService watches, CancellationToken ct) =>
        Status(watches, caller, WatchedKind.Content, contentId, lookup, ct);

    private static Task<IResult> AddContentWatcher(
        string contentId, [AsParameters] UserLookup lookup, HttpRequest request, Caller caller, WatchService watches, CancellationToken ct) =>
        Watch(request, watches, caller, WatchedKind.Content, contentId, lookup, ct);

    /// <summary>The spec declares the XSRF header a required parameter of this removal (not of the label and space ones).</summary>
    private static Task<IResult> RemoveContentWatcher(
        string contentId, [AsParameters] UserLookup lookup, HttpRequest request, Caller caller, WatchService watches, CancellationToken ct)
    {
        Xsrf.Require(request, "watch changes");
        return Unwatch(watches, caller, WatchedKind.Content, contentId, lookup, ct);
    }

    private static Task<UserWatchJson> IsWatchingLabel(
        string labelName, [AsParameters] UserLookup lookup, Caller caller, WatchService watches, CancellationToken ct) =>
        Status(watches, caller, WatchedKind.Label, labelName, lookup, ct);

    private static Task<IResult> AddLabelWatcher(
        string labelName, [AsParameters] UserLookup lookup, HttpRequest request, Caller caller, WatchService watches, CancellationToken ct) =>
        Watch(request, watches, caller, WatchedKind.Label, labelName, lookup, ct);

    private static Task<IResult> RemoveLabelWatcher(
        string labelName, [AsParameters] UserLookup lookup, Caller caller, WatchService watches, CancellationToken ct) =>
        Unwatch(watches, caller, WatchedKind.Label, labelName, lookup, ct);

    private static Task<UserWatchJson> IsWatchingSpace(
        string spaceKey, [AsParameters] UserLookup lookup, Caller caller, WatchService watches, CancellationToken ct) =>
        Status(watches, caller, WatchedKind.Space, spaceKey, lookup, ct);

    private static Task<IResult> AddSpaceWatcher(
        string spaceKey, [AsParameters] UserLookup lookup, HttpRequest request, Caller caller, WatchService watches, CancellationToken ct) =>
        Watch(request, watches, caller, WatchedKind.Space, spaceKey, lookup, ct);

    private static Task<IResult> RemoveSpaceWatch(
        string spaceKey, [AsParameters] UserLookup lookup, Caller caller, WatchService watches, CancellationToken ct) =>
        Unwatch(watches, caller, WatchedKind.Space, spaceKey, lookup, ct);

    private static async Task<UserWatchJson> Status(
        WatchService watches, Caller caller, WatchedKind kind, string target, UserLookup lookup, CancellationToken ct) =>
        new(await watches.IsWatchingAsync(caller, kind, target, lookup, ct));

    /// <summary>Adding a watch: the spec's description asks every add for the XSRF header (403 without it).</summary>
    private static async Task<IResult> Watch(
        HttpRequest request, WatchService watches, Caller caller, WatchedKind kind, string target, UserLookup lookup, CancellationToken ct)
    {
        Xsrf.Require(request, "watch changes");
        await watches.WatchAsync(caller, kind, target, lookup, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Unwatch(
        WatchService watches, Caller caller, WatchedKind kind, string target, UserLookup lookup, CancellationToken ct)
    {
        await watches.UnwatchAsync(caller, kind, target, lookup, ct);
        return TypedResults.NoContent();
    }
}
