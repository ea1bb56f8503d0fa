using System.Text.RegularExpressions;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Labels;
using Quire.Storage.Relations;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Relations;

/// <summary>An end of a relation as the API names it: its type, and the user, content or space it is.</summary>
public sealed record RelationEnd(RelationEndType Type, long Id, UserRecord? User = null, ContentRecord? Content = null, SpaceRecord? Space = null);

/// <summary>The status (and, for historical content, version) the caller names a content end in.</summary>
public sealed record RelationEndState(string? Status, int? Version);

/// <summary>A relation between two ends the caller may see; <c>CreatedBy</c>/<c>CreatedAt</c> where they are known.</summary>
public sealed record RelationView(string Name, RelationEnd Source, RelationEnd Target, UserRecord? CreatedBy, long? CreatedAt);

/// <summary>
/// The Relation group's rules. Ends are resolved as the caller sees them (content and spaces it
/// cannot read answer 404, like missing ones). 'favourite' is built in and is the my:favourite
/// label: from a user to content or a space, created and removed by that user only (a space
/// administrator may remove anyone's favourite of its space's content or of the space), so a
/// favourite made here is one for CQL, the favourite space listing and
/// <c>metadata.currentuser</c>, and the other way round. Other names are custom relations,
/// stored as given; any signed-in user may create or remove one between ends it can see.
/// </summary>
public sealed partial class RelationService(
    RelationStore relations, UserStore users, ContentStore contents, ContentAccess contentAccess, SpaceAccess spaceAccess,
    LabelStore labels, ContentLabelStore contentLabels, SpaceLabelStore spaceLabels, DbSession db, TimeProvider time,
    Webhooks.RelationWebhooks webhooks)
{
    public const string Favourite = "favourite";
    private const int MaxNameLength = 255;

    /// <summary>Cloud's answer to a listing of favourites (its 501, word for word).</summary>
    public const string FavouritesNotListed = "find relations not implemented for Favourites";

    public static RelationEndType ParseType(string? type, string what) => type switch
    {
        "user" => RelationEndType.User,
        "content" => RelationEndType.Content,
        "space" => RelationEndType.Space,
        _ => throw new BadRequestException($"{what} must be user, content or space, not '{type}'."),
    };

    public async Task<RelationView> GetAsync(
        Caller caller, string? name, RelationEnd source, RelationEnd target, CancellationToken ct = default)
    {
        var relation = Name(name);
        if (relation == Favourite)
        {
            RequireFavouriteEnds(source, target);
            var at = await FavouritedAtAsync(source.Id, target, ct)
                     ?? throw new NotFoundException($"{Describe(source)} has not made {Describe(target)} a favourite.");
            return new RelationView(relation, source, target, source.User, at == 0 ? null : at);
        }
        var row = await relations.FindAsync(relation, source.Type, source.Id, target.Type, target.Id, ct)
                  ?? throw new NotFoundException($"No '{relation}' relation from {Describe(source)} to {Describe(target)} exists.");
        return await ViewAsync(row, source, target, ct);
    }

    public async Task<RelationView> CreateAsync(
        Caller caller, string? name, RelationEnd source, RelationEnd target, CancellationToken ct = default)
    {
        var relation = Name(name);
        var now = time.NowMillis();
        if (relation == Favourite)
        {
            RequireFavouriteEnds(source, target);
            if (source.Id != caller.UserId) throw new ForbiddenException("A favourite can only be made by the user whose favourite it is.");
            await db.InTransactionAsync(async () =>
            {
                var labelId = await labels.EnsureAsync(LabelRules.MyPrefix, Favourite, caller.UserId, ct);
                var added = target.Type == RelationEndType.Content
                    ? await contentLabels.AttachAsync(target.Id, labelId, now, ct)
                    : await spaceLabels.AttachAsync(target.Id, labelId, ct);
                if (added) await webhooks.CreatedAsync(relation, source, target, caller, ct);
            }, ct);
            return await GetAsync(caller, relation, source, target, ct);
        }
        var row = await db.InTransactionAsync(async () =>
        {
            var (row, created) = await relations.AddAsync(relation, source.Type, source.Id, target.Type, target.Id, caller.UserId, now, ct);
            if (created) await webhooks.CreatedAsync(relation, source, target, caller, ct);
            return row;
        }, ct);
        return await ViewAsync(row, source, target, ct);
    }

    /// <summary>Removes the relation; removing one that does not exist is no error (204), as the spec says.</summary>
    public async Task DeleteAsync(Caller caller, string? name, RelationEnd source, RelationEnd target, CancellationToken ct = default)
    {
        var relation = Name(name);
        if (relation != Favourite)
        {
            await db.InTransactionAsync(async () =>
            {
                // The relation is described before it goes; removing one that does not exist announces nothing.
                if (await relations.FindAsync(relation, source.Type, source.Id, target.Type, target.Id, ct) is null) return;
                await webhooks.DeletedAsync(relation, source, target, caller, ct);
                await relations.RemoveAsync(relation, source.Type, source.Id, target.Type, target.Id, ct);
            }, ct);
            return;
        }
        RequireFavouriteEnds(source, target);
        if (source.Id != caller.UserId && !await AdministersSpaceOfAsync(caller, target, ct))
            throw new ForbiddenException("Only the user whose favourite it is, or an administrator of its space, can remove a favourite.");
        await db.InTransactionAsync(async () =>
        {
            var removed = target.Type == RelationEndType.Content
                ? await contentLabels.DetachAsync(target.Id, LabelRules.MyPrefix, Favourite, source.Id, ct)
                : await spaceLabels.DetachAsync(target.Id, LabelRules.MyPrefix, Favourite, source.Id, ct);
            if (removed) await webhooks.DeletedAsync(relation, source, target, caller, ct);
        }, ct);
    }

    /// <summary>The relations of that name from the source to ends of the target type the caller may see.</summary>
    public Task<Page<RelationView>> ListTargetsAsync(
        Caller caller, string? name, RelationEnd source, RelationEndType targetType, string? targetStatus, PageRequest page,
        CancellationToken ct = default) =>
        ListAsync(caller, name, source, targetType, targetStatus, page, listTargets: true, ct);

    /// <summary>The relations of that name to the target from sources of the type the caller may see.</summary>
    public Task<Page<RelationView>> ListSourcesAsync(
        Caller caller, string? name, RelationEnd target, RelationEndType sourceType, string? sourceStatus, PageRequest page,
        CancellationToken ct = default) =>
        ListAsync(caller, name, target, sourceType, sourceStatus, page, listTargets: false, ct);

    private async Task<Page<RelationView>> ListAsync(
        Caller caller, string? name, RelationEnd fixedEnd, RelationEndType listedType, string? listedStatus, PageRequest page, bool listTargets,
        CancellationToken ct)
    {
        var relation = ListedName(name);
        var viewer = SpaceAccess.ViewerOf(caller);
        var status = ContentStatus(listedStatus);
        var rows = listTargets
            ? await relations.ListTargetsAsync(relation, fixedEnd.Type, fixedEnd.Id, listedType, viewer, status, page.Start, page.FetchCount, ct)
            : await relations.ListSourcesAsync(relation, fixedEnd.Type, fixedEnd.Id, listedType, viewer, status, page.Start, page.FetchCount, ct);
        long ListedId(RelationRecord r) => listTargets ? r.TargetId : r.SourceId;
        var ends = await EndsAsync(listedType, rows.Select(ListedId).ToList(), ct);
        var creators = await CreatorsAsync(rows, ct);
        return Page<RelationView>.FromOverfetch(rows.Where(r => ends.ContainsKey(ListedId(r))).Select(r =>
        {
            var listed = ends[ListedId(r)];
            var by = r.CreatedBy is { } id ? creators.GetValueOrDefault(id) : null;
            return listTargets
                ? new RelationView(r.Name, fixedEnd, listed, by, r.CreatedAt)
                : new RelationView(r.Name, listed, fixedEnd, by, r.CreatedAt);
        }).ToList(), page);
    }

    /// <summary>
    /// An end named in a URL, as the caller may see it: a user by account id or <c>current</c>,
    /// content by id (in the named status, <c>current</c> by default; <c>historical</c> with a
    /// version it has had), a space by key; 404 for what does not exist or is hidden.
    /// </summary>
    public async Task<RelationEnd> ResolveAsync(Caller caller, RelationEndType type, string? key, RelationEndState state, CancellationToken ct = default)
    {
        switch (type)
        {
            case RelationEndType.User:
                if (key == "current")
                {
                    if (caller.IsAnonymous) throw new NotAuthenticatedException("Sign in to name the current user.");
                    return new RelationEnd(type, caller.UserId, User: caller.User);
                }
                var user = string.IsNullOrWhiteSpace(key) ? null : await users.FindByAccountIdAsync(key.Trim(), ct);
                return user is null ? throw new NotFoundException($"No user with accountId '{key}' was found.") : new RelationEnd(type, user.Id, User: user);
            case RelationEndType.Content:
                var (content, _) = await contentAccess.ViewableAsync(caller, key, ct);
                var status = string.IsNullOrWhiteSpace(state.Status) ? ContentRules.Current : state.Status.Trim();
                var inState = status == "historical"
                    ? state.Version is { } version && version >= 1 && version < content.Version
                    : status == content.Status;
                if (!inState) throw new NotFoundException($"No content with id '{key}' and status {status}{(state.Version is { } v ? $", version {v}" : "")} was found.");
                return new RelationEnd(type, content.Id, Content: content);
            default:
                var space = await spaceAccess.ViewableAsync(caller, key, ct);
                return new RelationEnd(type, space.Id, Space: space);
        }
    }

    private static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength || !NamePattern().IsMatch(trimmed))
            throw new BadRequestException(
                $"The relation name must be 1 to {MaxNameLength} letters, digits, '.', '_' or '-'.");
        // 'favourite' is the built-in name however it is written; custom names keep their case.
        return trimmed.Equals(Favourite, StringComparison.OrdinalIgnoreCase) ? Favourite : trimmed;
    }

    /// <summary>
    /// The spec says neither listing supports 'like' or 'favourite'. Cloud answers a listing of
    /// favourites with 501 (NotImplementedServiceException, after resolving the named end), which
    /// clients written against it expect; 'like' stays a 400, as Cloud has no like relation to list.
    /// </summary>
    private static string ListedName(string? name)
    {
        var relation = Name(name);
        if (relation == Favourite) throw new NotImplementedServiceException(FavouritesNotListed);
        if (relation.Equals("like", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"'{relation}' relations are not listed here.");
        return relation;
    }

    private static string ContentStatus(string? status) =>
        string.IsNullOrWhiteSpace(status) ? ContentRules.Current
        : status.Trim() is var s && s is "current" or "trashed" or "draft" or "archived" ? s
        : throw new BadRequestException($"A listed content status must be current, trashed, draft or archived, not '{status}'.");

    private static void RequireFavouriteEnds(RelationEnd source, RelationEnd target)
    {
        if (source.Type != RelationEndType.User || target.Type == RelationEndType.User)
            throw new BadRequestException("A favourite relation goes from a user to content or a space.");
    }

    /// <summary>When the user made the target a favourite: the label's time for content, 0 for a space (whose labels keep none); null if it has not.</summary>
    private async Task<long?> FavouritedAtAsync(long userId, RelationEnd target, CancellationToken ct)
    {
        if (target.Type == RelationEndType.Space)
            return await spaceLabels.IsFavouriteAsync(target.Id, userId, ct) ? 0 : null;
        var found = await contentLabels.FavouritesAsync([target.Id], userId, ct);
        return found.Count > 0 ? found[0].FavouritedAt : null;
    }

    private async Task<bool> AdministersSpaceOfAsync(Caller caller, RelationEnd target, CancellationToken ct)
    {
        var space = target.Space ?? (target.Content is { } content ? (await contents.SpacesAsync([content.SpaceId], ct)).FirstOrDefault() : null);
        return space is not null && await spaceAccess.CanAsync(caller, space, SpaceOperation.Administer, ct);
    }

    private async Task<RelationView> ViewAsync(RelationRecord row, RelationEnd source, RelationEnd target, CancellationToken ct) =>
        new(row.Name, source, target, row.CreatedBy is { } by ? await users.FindByIdAsync(by, ct) : null, row.CreatedAt);

    private async Task<IReadOnlyDictionary<long, UserRecord>> CreatorsAsync(IReadOnlyList<RelationRecord> rows, CancellationToken ct) =>
        (await users.FindManyByIdsAsync(rows.Select(r => r.CreatedBy).OfType<long>().Distinct().ToList(), ct)).ToDictionary(u => u.Id);

    /// <summary>The listed ends of a page of relations, in one query per kind (the store has already checked they are visible).</summary>
    private async Task<IReadOnlyDictionary<long, RelationEnd>> EndsAsync(RelationEndType type, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, RelationEnd>();
        return type switch
        {
            RelationEndType.User => (await users.FindManyByIdsAsync(ids, ct)).ToDictionary(u => u.Id, u => new RelationEnd(type, u.Id, User: u)),
            RelationEndType.Content => (await contents.FindManyAsync(ids, ct)).ToDictionary(c => c.Id, c => new RelationEnd(type, c.Id, Content: c)),
            _ => (await contents.SpacesAsync(ids, ct)).ToDictionary(s => s.Id, s => new RelationEnd(type, s.Id, Space: s)),
        };
    }

    private static string Describe(RelationEnd end) => end.Type switch
    {
        RelationEndType.User => $"user '{end.User?.AccountId}'",
        RelationEndType.Content => $"content {end.Id}",
        _ => $"space '{end.Space?.Key}'",
    };

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
