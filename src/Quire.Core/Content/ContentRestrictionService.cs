using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Groups;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Content;

/// <summary>A group named in a restriction request: by id, or by its (deprecated) name.</summary>
public sealed record GroupReference(string? Id, string? Name);

/// <summary>One operation's restriction as a request gives it: the users (account ids) and groups it names.</summary>
public sealed record RestrictionInput(string? Operation, IReadOnlyList<string?> AccountIds, IReadOnlyList<GroupReference> Groups);

/// <summary>
/// Page restrictions (the <c>Content restrictions</c> group): read and update restrictions on
/// pages and blog posts, each a set of users and groups. Anyone who may see the content may
/// see its restrictions; changing them takes the right to edit it and the space's
/// <c>restrict_content</c> permission (or its administration). A change that would leave the
/// caller unable to read or edit the content is refused (400), as Confluence's editor never lets
/// one restrict oneself out: nobody else could then lift the restriction.
/// </summary>
public sealed class ContentRestrictionService(
    DbSession db, ContentAccess access, SpaceAccess spaceAccess, ContentRestrictionStore restrictions, UserStore users, GroupStore groups,
    AuditLog audit, Webhooks.RestrictionWebhooks webhooks)
{
    /// <summary>The operations a content restriction may be on; the spec's enum lists more, Confluence restricts only these.</summary>
    public static readonly IReadOnlyList<string> Operations = ["read", "update"];

    private static readonly SpaceOperation RestrictContent = new("restrict_content", "space");

    /// <summary>The content whose restrictions the caller asks for (404 unless they may see it).</summary>
    public async Task<ContentItem> GetAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        var (content, space) = await access.ViewableAsync(caller, id, ct);
        return new ContentItem(content, space);
    }

    public Task<ContentItem> AddAsync(Caller caller, string? id, IReadOnlyList<RestrictionInput> inputs, CancellationToken ct = default) =>
        ChangeAsync(caller, id, inputs, replace: false, ct);

    /// <summary>Replaces every restriction of the content with those of the request (an empty request lifts them all).</summary>
    public Task<ContentItem> ReplaceAsync(Caller caller, string? id, IReadOnlyList<RestrictionInput> inputs, CancellationToken ct = default) =>
        ChangeAsync(caller, id, inputs, replace: true, ct);

    public Task<ContentItem> RemoveAllAsync(Caller caller, string? id, CancellationToken ct = default) =>
        ChangeAsync(caller, id, [], replace: true, ct);

    /// <summary>Whether the restriction of the operation names the user (by account id) directly.</summary>
    public async Task<bool> NamesUserAsync(Caller caller, string? id, string? operation, string? accountId, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var user = await UserOrNotFoundAsync(accountId, ct);
        return (await restrictions.ForContentAsync([content.Id], ct)).Any(r => r.Operation == op && r.UserId == user.Id);
    }

    /// <summary>Whether the restriction of the operation names the group (by id, or by name when <paramref name="byName"/>).</summary>
    public async Task<bool> NamesGroupAsync(Caller caller, string? id, string? operation, string? group, bool byName, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var found = await GroupOrNotFoundAsync(group, byName, ct);
        return (await restrictions.ForContentAsync([content.Id], ct)).Any(r => r.Operation == op && r.GroupId == found.Id);
    }

    public async Task AddUserAsync(Caller caller, string? id, string? operation, string? accountId, CancellationToken ct = default)
    {
        var content = await RestrictableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var user = await UserOrNotFoundAsync(accountId, ct);
        // A removed user the restriction already names stays named (adding is then a no-op); nobody removed is newly let in.
        if (user.IsRemoved && !(await restrictions.ForContentAsync([content.Id], ct)).Any(r => r.Operation == op && r.UserId == user.Id))
            throw RemovedUser(user.AccountId);
        await InTransactionKeepingCallerAsync(caller, content, () => restrictions.AddAsync(content.Id, op, user.Id, null, ct), added => added, ct);
    }

    public async Task AddGroupAsync(Caller caller, string? id, string? operation, string? group, bool byName, CancellationToken ct = default)
    {
        var content = await RestrictableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var found = await GroupOrNotFoundAsync(group, byName, ct);
        await InTransactionKeepingCallerAsync(caller, content, () => restrictions.AddAsync(content.Id, op, null, found.Id, ct), added => added, ct);
    }

    /// <summary>Takes the user out of the restriction; 404 when the restriction does not name them.</summary>
    public async Task RemoveUserAsync(Caller caller, string? id, string? operation, string? accountId, CancellationToken ct = default)
    {
        var content = await RestrictableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var user = await UserOrNotFoundAsync(accountId, ct);
        var removed = await InTransactionKeepingCallerAsync(caller, content, () => restrictions.RemoveAsync(content.Id, op, userId: user.Id, ct: ct), removed => removed > 0, ct);
        if (removed == 0) throw new NotFoundException($"The {op} restriction of content {content.Id} does not name user '{accountId}'.");
    }

    /// <summary>Takes the group out of the restriction; 404 when the restriction does not name it.</summary>
    public async Task RemoveGroupAsync(Caller caller, string? id, string? operation, string? group, bool byName, CancellationToken ct = default)
    {
        var content = await RestrictableAsync(caller, id, ct);
        var op = OperationOrNotFound(operation);
        var found = await GroupOrNotFoundAsync(group, byName, ct);
        var removed = await InTransactionKeepingCallerAsync(caller, content, () => restrictions.RemoveAsync(content.Id, op, groupId: found.Id, ct: ct), removed => removed > 0, ct);
        if (removed == 0) throw new NotFoundException($"The {op} restriction of content {content.Id} does not name group '{group}'.");
    }

    private async Task<ContentItem> ChangeAsync(
        Caller caller, string? id, IReadOnlyList<RestrictionInput> inputs, bool replace, CancellationToken ct)
    {
        var (content, space) = await access.ViewableAsync(caller, id, ct);
        await RequireRestrictAsync(caller, content, space, ct);
        var (entries, removedUsers) = await ResolveAsync(inputs, ct);
        await InTransactionKeepingCallerAsync(caller, content, async () =>
        {
            // A replacement by the same restrictions changes nothing (and announces nothing), though it rewrites every row.
            var before = replace || removedUsers.Count > 0 ? await restrictions.ForContentAsync([content.Id], ct) : [];
            // A client writing back the restrictions it read keeps a removed user they name; it cannot add one.
            var named = before.Select(r => (r.Operation, r.UserId, r.GroupId)).ToHashSet();
            if (entries.FirstOrDefault(e => e.UserId is { } u && removedUsers.ContainsKey(u) && !named.Contains(e)) is { UserId: { } newlyNamed })
                throw RemovedUser(removedUsers[newlyNamed]);
            if (replace) await restrictions.RemoveAsync(content.Id, operation: null, ct: ct);
            var added = false;
            foreach (var (operation, userId, groupId) in entries)
                added |= await restrictions.AddAsync(content.Id, operation, userId, groupId, ct);
            return replace ? !named.SetEquals(entries) : added;
        }, changed => changed, ct);
        return new ContentItem(content, space);
    }

    /// <summary>
    /// Makes the change in a transaction, and takes it back (400) if the caller could no longer
    /// read or edit the content; the audit log records it in the same transaction, and when
    /// <paramref name="changed"/> says the change did something, <c>content_permissions_updated</c> announces it.
    /// </summary>
    private Task<T> InTransactionKeepingCallerAsync<T>(
        Caller caller, ContentRecord content, Func<Task<T>> change, Func<T, bool> changed, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            var result = await change();
            var viewer = SpaceAccess.ViewerOf(caller);
            if (!await restrictions.PassesReadAsync(content.Id, viewer, ct) || !await restrictions.PassesAsync(content.Id, "update", viewer, ct))
                throw new BadRequestException(
                    "These restrictions would leave you unable to view or edit the content; include yourself (or a group of yours) in them.");
            await audit.RecordAsync(caller, new AuditEvent("Content restrictions changed", AuditCategories.Permissions,
                new AuditObject(content.Title, content.Type == ContentRules.BlogPost ? "Blog post" : "Page")), ct);
            if (changed(result)) await webhooks.PermissionsUpdatedAsync(content.Id, caller, ct);
            return result;
        }, ct);

    private async Task<ContentRecord> RestrictableAsync(Caller caller, string? id, CancellationToken ct)
    {
        var (content, space) = await access.ViewableAsync(caller, id, ct);
        await RequireRestrictAsync(caller, content, space, ct);
        return content;
    }

    private async Task RequireRestrictAsync(Caller caller, ContentRecord content, SpaceRecord space, CancellationToken ct)
    {
        if (content.Type is not ContentRules.BlogPost && !ContentRules.InPageTree(content.Type))
            throw new BadRequestException($"Only pages, blog posts and the page tree's folders, whiteboards, databases and smart links have restrictions; content {content.Id} is a {content.Type}.");
        await access.RequireEditAsync(caller, content, ct);
        if (!await spaceAccess.CanAsync(caller, space, RestrictContent, ct) && !await spaceAccess.CanAsync(caller, space, SpaceOperation.Administer, ct))
            throw new ForbiddenException($"You do not have the 'restrict_content/space' permission on space '{space.Key}'.");
    }

    /// <summary>
    /// Checks a whole request before anything is written: known operations, and users and groups
    /// that exist (each looked up in one query); an unknown one is 400. Also answers the users named
    /// who were removed from the site (by id, with their account ids), which only a restriction
    /// naming them already may keep.
    /// </summary>
    private async Task<(IReadOnlyList<(string Operation, long? UserId, string? GroupId)> Entries, IReadOnlyDictionary<long, string> RemovedUsers)> ResolveAsync(
        IReadOnlyList<RestrictionInput> inputs, CancellationToken ct)
    {
        foreach (var input in inputs)
        {
            if (input.Operation is null || !Operations.Contains(input.Operation))
                throw new BadRequestException($"A content restriction's operation must be read or update, not '{input.Operation}'.");
            if (input.AccountIds.Any(string.IsNullOrWhiteSpace))
                throw new BadRequestException("Every user of a restriction needs an accountId.");
            if (input.Groups.Any(g => string.IsNullOrWhiteSpace(g.Id) && string.IsNullOrWhiteSpace(g.Name)))
                throw new BadRequestException("Every group of a restriction needs an id (or a name).");
        }
        var accountIds = inputs.SelectMany(i => i.AccountIds).OfType<string>().Distinct().ToList();
        var foundUsers = (await users.FindManyByAccountIdsAsync(accountIds, ct)).ToDictionary(u => u.AccountId);
        if (accountIds.FirstOrDefault(a => !foundUsers.ContainsKey(a)) is { } missingUser)
            throw new BadRequestException($"No user with accountId '{missingUser}' was found.");

        var groupIds = inputs.SelectMany(i => i.Groups).Where(g => !string.IsNullOrWhiteSpace(g.Id)).Select(g => g.Id!).Distinct().ToList();
        var groupNames = inputs.SelectMany(i => i.Groups).Where(g => string.IsNullOrWhiteSpace(g.Id))
            .Select(g => g.Name!.ToLowerInvariant()).Distinct().ToList();
        var byId = (await groups.FindManyByIdsAsync(groupIds, ct)).ToDictionary(g => g.Id);
        var byName = (await groups.FindManyByNamesAsync(groupNames, ct)).ToDictionary(g => g.Name.ToLowerInvariant());
        if (groupIds.FirstOrDefault(g => !byId.ContainsKey(g)) is { } missingId)
            throw new BadRequestException($"No group with id '{missingId}' was found.");
        if (groupNames.FirstOrDefault(g => !byName.ContainsKey(g)) is { } missingName)
            throw new BadRequestException($"No group with name '{missingName}' was found.");

        var entries = inputs.SelectMany(input =>
                input.AccountIds.Select(a => (input.Operation!, (long?)foundUsers[a!].Id, (string?)null))
                    .Concat(input.Groups.Select(g => (input.Operation!, (long?)null,
                        (string?)(string.IsNullOrWhiteSpace(g.Id) ? byName[g.Name!.ToLowerInvariant()].Id : g.Id)))))
            .Distinct().ToList();
        return (entries, foundUsers.Values.Where(u => u.IsRemoved).ToDictionary(u => u.Id, u => u.AccountId));
    }

    private static BadRequestException RemovedUser(string accountId) =>
        new($"User {accountId} was removed from the site, so a restriction cannot be given to them.");

    private static string OperationOrNotFound(string? operation) =>
        operation is not null && Operations.Contains(operation)
            ? operation
            : throw new NotFoundException($"'{operation}' is not a content restriction operation (read or update).");

    private async Task<UserRecord> UserOrNotFoundAsync(string? accountId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId)) throw new BadRequestException("accountId is required.");
        return await users.FindByAccountIdAsync(accountId, ct) ?? throw new NotFoundException($"No user with accountId '{accountId}' was found.");
    }

    private async Task<GroupRecord> GroupOrNotFoundAsync(string? group, bool byName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(group)) throw new BadRequestException(byName ? "groupName is required." : "groupId is required.");
        return (byName ? await groups.FindByNameAsync(group, ct) : await groups.FindByIdAsync(group, ct))
               ?? throw new NotFoundException($"No group {(byName ? "named" : "with id")} '{group}' was found.");
    }
}
