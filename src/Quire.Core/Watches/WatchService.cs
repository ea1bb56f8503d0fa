using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Core.Users;
using Quire.Storage.Content;
using Quire.Storage.Labels;
using Quire.Storage.Spaces;
using Quire.Storage.Users;
using Quire.Storage.Watches;

namespace Quire.Core.Watches;

/// <summary>
/// The user a watch call names with the spec's lookup parameters (<c>key</c>, <c>username</c>,
/// <c>accountId</c>); none of them names the caller.
/// </summary>
public sealed record UserLookup(string? Key, string? UserName, string? AccountId)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(UserName) && string.IsNullOrWhiteSpace(AccountId);

    /// <summary>Whether the parameter that decides (account id, then key, then user name, as <see cref="UserService.ResolveLookupAsync"/> reads them) names this user.</summary>
    public bool Names(UserRecord user) =>
        !string.IsNullOrWhiteSpace(AccountId) ? AccountId == user.AccountId
        : !string.IsNullOrWhiteSpace(Key) ? Key == user.AccountId
        : UserName is not null && UserName.Equals(user.UserName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The user whose watches a call reads or changes, and what that user may see.</summary>
public sealed record Watcher(UserRecord User, Viewer Viewer);

/// <summary>
/// Watches on content, spaces and labels (the spec's "Content watches" group). A user may
/// read and change their own watches; naming another user takes a site admin (403 otherwise,
/// decided before the user is looked up, so it tells nothing about which accounts exist). The
/// watched content or space must be visible to the watcher: the spec answers 403, the same for
/// what does not exist and what the watcher may not see, so neither leaks. A label must exist
/// as a global label (403 otherwise). Adding is idempotent and removing a watch that is not
/// there is not an error (204 both). The listings of watchers need the caller to see the
/// content or space (404 otherwise) and show only watchers who may see it too.
/// </summary>
public sealed class WatchService(
    WatchStore watches, ContentAccess contentAccess, SpaceAccess spaceAccess, SpaceStore spaces, LabelStore labels,
    UserService users, Viewers viewers, GlobalPermissionService global, TimeProvider time)
{
    public async Task<Watcher> WatcherAsync(Caller caller, UserLookup lookup, CancellationToken ct = default)
    {
        if (lookup.IsEmpty || lookup.Names(caller.User)) return new Watcher(caller.User, SpaceAccess.ViewerOf(caller));
        if (!caller.IsSiteAdmin)
            throw new ForbiddenException("Only Confluence administrators may read or change another user's watches.");
        var user = await users.ResolveLookupAsync(lookup.Key, lookup.UserName, lookup.AccountId, ct);
        return user.Id == caller.UserId
            ? new Watcher(caller.User, SpaceAccess.ViewerOf(caller))
            : new Watcher(user, await viewers.OfUserAsync(user.Id, ct));
    }

    public async Task<bool> IsWatchingAsync(Caller caller, WatchedKind kind, string? target, UserLookup lookup, CancellationToken ct = default)
    {
        var watcher = await WatcherAsync(caller, lookup, ct);
        return await watches.IsWatchingAsync(await WatchedAsync(watcher, kind, target, ct), watcher.User.Id, ct);
    }

    public async Task WatchAsync(Caller caller, WatchedKind kind, string? target, UserLookup lookup, CancellationToken ct = default)
    {
        var watcher = await WatcherAsync(caller, lookup, ct);
        await watches.AddAsync(await WatchedAsync(watcher, kind, target, ct), watcher.User.Id, time.NowMillis(), ct);
    }

    public async Task UnwatchAsync(Caller caller, WatchedKind kind, string? target, UserLookup lookup, CancellationToken ct = default)
    {
        var watcher = await WatcherAsync(caller, lookup, ct);
        await watches.RemoveAsync(await WatchedAsync(watcher, kind, target, ct), watcher.User.Id, ct);
    }

    /// <summary>What the watch is on, checked for the watcher: 403 for what does not exist or the watcher may not see.</summary>
    private async Task<Watched> WatchedAsync(Watcher watcher, WatchedKind kind, string? target, CancellationToken ct)
    {
        switch (kind)
        {
            case WatchedKind.Content:
                try
                {
                    return Watched.Content((await contentAccess.ViewableAsync(watcher.Viewer, target, ct)).Content.Id);
                }
                catch (NotFoundException)
                {
                    throw new ForbiddenException($"No content with id '{target}' was found that {watcher.User.DisplayName} may view.");
                }
            case WatchedKind.Space:
                var space = string.IsNullOrWhiteSpace(target) ? null : await spaces.FindReadableByKeyAsync(target, watcher.Viewer, ct);
                return space is null
                    ? throw new ForbiddenException($"No space with key '{target}' was found that {watcher.User.DisplayName} may view.")
                    : Watched.Space(space.Id);
            default:
                return Watched.Label(await ExistingLabelAsync(target, ct));
        }
    }

    /// <summary>
    /// The name of an existing global label (a <c>global:</c> prefix may be written). Watches are on
    /// the shared labels everyone sees; a name that cannot be a label is one that does not exist,
    /// so the answer is the spec's 403 for both (LabelInfo likewise answers 404 for both).
    /// </summary>
    private async Task<string> ExistingLabelAsync(string? labelName, CancellationToken ct)
    {
        var refused = new ForbiddenException($"No global label '{labelName}' exists.");
        (string Prefix, string Name) label;
        try { label = LabelRules.Qualified(labelName); }
        catch (BadRequestException) { throw refused; }
        if (label.Prefix != LabelRules.GlobalPrefix || await labels.FindIdAsync(label.Prefix, label.Name, 0, ct) is null)
            throw refused;
        return label.Name;
    }

    /// <summary>One page of the watchers of a piece of content the caller may see (404 otherwise).</summary>
    public async Task<(ContentRecord Content, Page<UserRecord> Watchers)> ContentWatchersAsync(
        Caller caller, string? contentId, PageRequest page, CancellationToken ct = default)
    {
        var (content, _) = await contentAccess.ViewableAsync(caller, contentId, ct);
        var rows = await watches.ContentWatchersAsync(content.Id, await global.AnonymousUseAsync(ct), page.Start, page.FetchCount, ct);
        return (content, Page<UserRecord>.FromOverfetch(rows, page));
    }

    /// <summary>One page of the watchers of the space a piece of content the caller may see is in (404 otherwise).</summary>
    public async Task<(SpaceRecord Space, Page<UserRecord> Watchers)> SpaceWatchersOfContentAsync(
        Caller caller, string? contentId, PageRequest page, CancellationToken ct = default)
    {
        var (_, space) = await contentAccess.ViewableAsync(caller, contentId, ct);
        return (space, await SpaceWatchersAsync(space, page, ct));
    }

    /// <summary>One page of the watchers of a space the caller may see (404 otherwise).</summary>
    public async Task<(SpaceRecord Space, Page<UserRecord> Watchers)> SpaceWatchersAsync(
        Caller caller, string? spaceKey, PageRequest page, CancellationToken ct = default)
    {
        var space = await spaceAccess.ViewableAsync(caller, spaceKey, ct);
        return (space, await SpaceWatchersAsync(space, page, ct));
    }

    private async Task<Page<UserRecord>> SpaceWatchersAsync(SpaceRecord space, PageRequest page, CancellationToken ct)
    {
        var rows = await watches.SpaceWatchersAsync(space.Id, await global.AnonymousUseAsync(ct), page.Start, page.FetchCount, ct);
        return Page<UserRecord>.FromOverfetch(rows, page);
    }
}

/// <summary>What kind of thing a watch call names in its path.</summary>
public enum WatchedKind { Content, Space, Label }
