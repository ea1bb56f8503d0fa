using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Groups;
using Quire.Core.Paging;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Tasks;
using Quire.Storage.Users;

namespace Quire.Core.Spaces;

/// <summary>A space to create; <see cref="Permissions"/>, when given, replaces the default grants.</summary>
public sealed record NewSpace(string? Key, string? Name, string? Description, IReadOnlyList<SpaceGrantRequest>? Permissions = null);

/// <summary>A space update; null fields stay as they are.</summary>
public sealed record SpaceChanges(string? Name, string? Description, long? HomepageId, string? Status, string? Type);

/// <summary>A listing's filters as the client gave them.</summary>
public sealed record SpaceQuery(
    IReadOnlyList<string> Keys, IReadOnlyList<long> Ids, string? Type, string? Status,
    IReadOnlyList<string> Labels, bool Favourite, string? FavouriteUserKey);

/// <summary>
/// v2's space listing filters as the client gave them: ids, keys, type (v2's names:
/// <c>collaboration</c> and <c>knowledge_base</c> are valid and match no Quire space), status,
/// global labels, and the account ids whose favourites to keep or leave out.
/// </summary>
public sealed record SpaceListQuery(
    IReadOnlyList<long> Ids, IReadOnlyList<string> Keys, string? Type, string? Status, IReadOnlyList<string> Labels,
    string? FavoritedBy, string? NotFavoritedBy);

/// <summary>Creates, lists, changes and deletes spaces.</summary>
public sealed class SpaceService(
    DbSession db, SpaceStore spaces, SpacePermissionStore permissions, SpaceContentStore content, GroupStore groups,
    UserStore users, SpaceAccess access, SpaceGrants grants, LongTaskService longTasks, LongTaskSignal signal, TimeProvider time,
    GlobalPermissionService globalPermissions, AuditLog audit, SiteWebhooks webhooks)
{
    public const int MaxFilterValues = 500;

    /// <summary>
    /// Creates a space with its homepage and default permissions in one transaction.
    /// Needs the global create_space permission (directly, through a group, or as a site
    /// admin); personal spaces too, as Quire has no separate 'Create Personal Space'. A key <c>~name</c> (the caller's own
    /// user name or account id) makes the caller's personal space, as Confluence names them.
    /// With <see cref="NewSpace.Permissions"/> the space gets exactly those grants instead of
    /// the defaults, as the spec says; the creator administers it either way.
    /// </summary>
    public async Task<SpaceRecord> CreateAsync(Caller caller, NewSpace input, bool isPrivate, CancellationToken ct = default)
    {
        await globalPermissions.RequireCreateSpaceAsync(caller, ct);
        var personal = SpaceRules.IsPersonalKey(input.Key);
        var key = personal ? PersonalKey(caller, input.Key!) : SpaceRules.GlobalKey(input.Key);
        var name = SpaceRules.Name(input.Name);
        var description = SpaceRules.Description(input.Description);
        var requested = input.Permissions is null ? null : await grants.ResolveAsync(input.Permissions, ct);

        var created = await db.InTransactionAsync(async () =>
        {
            if (personal && await spaces.HasPersonalSpaceAsync(caller.UserId, ct))
                throw new BadRequestException("You already have a personal space.");
            var now = time.NowMillis();
            var id = await spaces.TryInsertAsync(new SpaceRecord
            {
                Key = key, Name = name, Type = personal ? SpaceRules.Personal : SpaceRules.Global,
                Status = SpaceRules.Current, Description = description, CreatedBy = caller.UserId, CreatedAt = now,
            }, ct) ?? throw new BadRequestException($"A space with key {key} already exists.");

            var homepageId = await content.InsertHomepageAsync(id, name + " Home", caller.UserId, now, ct);
            var space = (await spaces.FindByIdAsync(id, ct))! with { HomepageId = homepageId };
            await spaces.UpdateAsync(space, ct);

            await permissions.GrantAsync(id, SpaceSubject.User(caller.UserId), AsPairs(SpacePermissionSet.Creator), ct);
            if (requested is not null)
                foreach (var grant in requested)
                    await permissions.GrantAsync(id, grant.Subject, AsPairs(grant.Operations), ct);
            else if (!isPrivate && await groups.FindByNameAsync(DefaultGroups.Users, ct) is { } siteUsers)
                await permissions.GrantAsync(id, SpaceSubject.Group(siteUsers.Id), AsPairs(SpacePermissionSet.SiteUsers), ct);
            await audit.RecordAsync(caller, new AuditEvent("Space created", AuditCategories.Spaces, new AuditObject(space.Name, "Space"),
                Changes: [new AuditChange("Key", "", space.Key)]), ct);
            await webhooks.SpaceAsync(SpaceChange.Created, id, caller, ct);
            return space;
        }, ct);
        return created;
    }

    private static List<(string, string)> AsPairs(IEnumerable<SpaceOperation> operations) =>
        operations.Select(o => (o.Operation, o.TargetType)).ToList();

    public Task<SpaceRecord> GetAsync(Caller caller, string? key, CancellationToken ct = default) =>
        access.ViewableAsync(caller, key, ct);

    /// <summary>The spaces the caller may read that match the query, ordered by key; filtered in one query.</summary>
    public async Task<Page<SpaceRecord>> ListAsync(Caller caller, SpaceQuery query, PageRequest page, CancellationToken ct = default)
    {
        // SQLite caps the parameters of one statement; a listing never needs this many values.
        if (query.Keys.Count > MaxFilterValues || query.Ids.Count > MaxFilterValues || query.Labels.Count > MaxFilterValues)
            throw new BadRequestException($"At most {MaxFilterValues} values may be given for spaceKey, spaceId or label.");
        long? favouriteOf = null;
        if (query.Favourite)
        {
            if (string.IsNullOrWhiteSpace(query.FavouriteUserKey)) favouriteOf = caller.UserId;
            else if (await users.FindByAccountIdAsync(query.FavouriteUserKey.Trim(), ct) is { } user) favouriteOf = user.Id;
            else return Page<SpaceRecord>.FromOverfetch([], page); // an unknown user has no favourites
        }

        var filter = new SpaceFilter(
            KeysLower: query.Keys.Count == 0 ? null : query.Keys.Select(k => k.ToLowerInvariant()).Distinct().ToList(),
            Ids: query.Ids.Count == 0 ? null : query.Ids,
            Type: query.Type is null ? null : SpaceRules.Type(query.Type),
            Status: query.Status is null ? null : SpaceRules.Status(query.Status),
            GlobalLabels: query.Labels.Count == 0 ? null : query.Labels.Select(l => l.ToLowerInvariant()).Distinct().ToList(),
            FavouriteOf: favouriteOf);
        var rows = await spaces.ListAsync(filter, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return Page<SpaceRecord>.FromOverfetch(rows, page);
    }

    /// <summary>The space types v2 names; Quire's spaces are global or personal.</summary>
    public static readonly IReadOnlyList<string> V2Types = ["global", "collaboration", "knowledge_base", "personal"];

    /// <summary>
    /// v2: a page of the spaces the caller may read that match the query, in <paramref name="order"/>
    /// after <paramref name="page"/>'s keyset; filtered in one query.
    /// </summary>
    public async Task<KeysetPage<SpaceRecord>> ListAfterAsync(
        Caller caller, SpaceListQuery query, SpaceOrder order, bool descending, KeysetRequest page, CancellationToken ct = default)
    {
        if (query.Type is not null && !V2Types.Contains(query.Type))
            throw new BadRequestException($"type must be one of {string.Join(", ", V2Types)}; not '{query.Type}'.");
        if (query.Status is not (null or SpaceRules.Current or SpaceRules.Archived))
            throw new BadRequestException($"status must be current or archived; not '{query.Status}'.");
        if (query.Labels.Count > MaxFilterValues)
            throw new BadRequestException($"At most {MaxFilterValues} labels may be given.");
        var empty = KeysetPage<SpaceRecord>.FromOverfetch([], page, KeyOf(order));
        if (query.Type is "collaboration" or "knowledge_base") return empty;

        long? favouriteOf = null, notFavouriteOf = null;
        if (query.FavoritedBy is { } fan)
        {
            if (await users.FindByAccountIdAsync(fan.Trim(), ct) is not { } user) return empty; // an unknown user has no favourites
            favouriteOf = user.Id;
        }
        if (query.NotFavoritedBy is { } other && await users.FindByAccountIdAsync(other.Trim(), ct) is { } notFan)
            notFavouriteOf = notFan.Id;

        var filter = new SpaceFilter(
            KeysLower: query.Keys.Count == 0 ? null : query.Keys.Select(k => k.ToLowerInvariant()).Distinct().ToList(),
            Ids: query.Ids.Count == 0 ? null : query.Ids,
            Type: query.Type,
            Status: query.Status,
            GlobalLabels: query.Labels.Count == 0 ? null : query.Labels.Select(l => l.ToLowerInvariant()).Distinct().ToList(),
            FavouriteOf: favouriteOf,
            NotFavouriteOf: notFavouriteOf);
        var rows = await spaces.ListAfterAsync(filter, SpaceAccess.ViewerOf(caller), order, descending, page.After, page.FetchCount, ct);
        return KeysetPage<SpaceRecord>.FromOverfetch(rows, page, KeyOf(order));
    }

    /// <summary>A space's place in a listing in <paramref name="order"/>: the value its keyset compares, and its id.</summary>
    private static Func<SpaceRecord, Keyset> KeyOf(SpaceOrder order) => order switch
    {
        SpaceOrder.Key => s => new Keyset(s.Key.ToLowerInvariant(), s.Id),
        SpaceOrder.Name => s => new Keyset(s.Name, s.Id),
        _ => s => new Keyset(null, s.Id),
    };

    public async Task<SpaceRecord> UpdateAsync(Caller caller, string? key, SpaceChanges changes, CancellationToken ct = default)
    {
        var space = await access.AdministrableOrNotFoundAsync(caller, key, ct);
        if (changes.Type is not null && changes.Type != space.Type)
            throw new BadRequestException("The type of a space cannot be changed.");
        var name = changes.Name is null ? space.Name : SpaceRules.Name(changes.Name);
        var description = changes.Description is null ? space.Description : SpaceRules.Description(changes.Description);
        var status = changes.Status is null ? space.Status : SpaceRules.Status(changes.Status);

        return await db.InTransactionAsync(async () =>
        {
            var homepageId = space.HomepageId;
            if (changes.HomepageId is { } wanted)
            {
                if (await content.FindCurrentPageAsync(space.Id, wanted, ct) is null)
                    throw new BadRequestException($"The homepage must be a current page in space '{space.Key}'; {wanted} is not.");
                homepageId = wanted;
            }
            var updated = space with { Name = name, Status = status, Description = description, HomepageId = homepageId };
            if (updated == space) return space; // nothing changed: nothing to write or announce
            await spaces.UpdateAsync(updated, ct);
            await webhooks.SpaceAsync(SpaceChange.Updated, space.Id, caller, ct);
            return updated;
        }, ct);
    }

    /// <summary>
    /// Hides the space at once and queues a task that removes it with everything in it.
    /// The hiding and the queueing commit together, so a space is never hidden without a
    /// task to delete it.
    /// </summary>
    public async Task<LongTaskRecord> DeleteAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        var space = await access.AdministrableOrNotFoundAsync(caller, key, ct);
        var task = await db.InTransactionAsync(async () =>
        {
            if (!await spaces.MarkPendingDeletionAsync(space.Id, ct))
                throw new NotFoundException($"No space with key '{space.Key}' was found.");
            await audit.RecordAsync(caller, new AuditEvent("Space deleted", AuditCategories.Spaces, new AuditObject(space.Name, "Space"),
                Changes: [new AuditChange("Key", space.Key, "")]), ct);
            return await longTasks.EnqueueAsync(SpaceDeletionHandler.TaskType, SpaceDeletionHandler.NameKey,
                new SpaceDeletionHandler.Payload(space.Id, space.Key), caller.UserId, ct);
        }, ct);
        signal.Notify();
        return task;
    }

    public async Task<SpaceRecord> UpdateSettingsAsync(Caller caller, string? key, bool? routeOverrideEnabled, CancellationToken ct = default)
    {
        var space = await access.AdministrableOrNotFoundAsync(caller, key, ct);
        if (routeOverrideEnabled is not { } enabled || enabled == space.RouteOverrideEnabled) return space;
        var updated = space with { RouteOverrideEnabled = enabled };
        await db.InTransactionAsync(async () =>
        {
            await spaces.UpdateAsync(updated, ct);
            await webhooks.SpaceAsync(SpaceChange.Updated, space.Id, caller, ct);
        }, ct);
        return updated;
    }

    /// <summary>A personal space's key is <c>~</c> and its owner's user name or account id; only the owner makes it.</summary>
    private static string PersonalKey(Caller caller, string requested)
    {
        var key = requested.Trim();
        var owner = key[1..];
        if (!owner.Equals(caller.User.UserName, StringComparison.OrdinalIgnoreCase) &&
            !owner.Equals(caller.User.AccountId, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException(
                $"Space key '{key}' is invalid: a key starting with '~' names a personal space, which must be '~' followed by your own user name.");
        return "~" + owner;
    }
}
