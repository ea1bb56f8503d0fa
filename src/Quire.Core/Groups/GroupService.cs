using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Users;

namespace Quire.Core.Groups;

/// <summary>
/// Groups and their members. Creating, removing and changing membership is for site admins.
/// Creating and removing a group raise <c>group_created</c> and <c>group_removed</c>.
/// </summary>
public sealed class GroupService(GroupStore groups, TimeProvider time, DbSession db, AuditLog audit, SiteWebhooks webhooks)
{
    public const int MaxNameLength = 255;

    /// <summary>The values of getGroups' <c>accessType</c>: the global permission level a group grants.</summary>
    public static readonly IReadOnlyList<string> AccessTypes = ["user", "admin", "site-admin"];

    /// <summary>
    /// The groups that grant a permission level. Quire's global permissions are its two default
    /// groups: <c>confluence-users</c> grants 'Can use' (<c>user</c>), and
    /// <c>confluence-administrators</c> grants administration, which in Quire is site
    /// administration too (<c>admin</c> and <c>site-admin</c>). Other groups grant neither.
    /// </summary>
    public static string GroupGranting(string accessType) => accessType switch
    {
        "user" => DefaultGroups.Users,
        "admin" or "site-admin" => DefaultGroups.Administrators,
        _ => throw new BadRequestException($"accessType must be one of {string.Join(", ", AccessTypes)}; not '{accessType}'."),
    };

    /// <summary>The groups that grant <paramref name="accessType"/> (see <see cref="GroupGranting"/>), by name.</summary>
    public async Task<Page<GroupRecord>> ListGrantingAsync(string accessType, PageRequest page, CancellationToken ct = default)
    {
        var granting = await groups.FindByNameAsync(GroupGranting(accessType), ct);
        IReadOnlyList<GroupRecord> all = granting is null ? [] : [granting];
        return Page<GroupRecord>.FromOverfetch(all.Skip(page.Start).Take(page.FetchCount).ToList(), page);
    }

    /// <summary>Groups by name; <paramref name="query"/> filters by a case-insensitive substring.</summary>
    public async Task<Page<GroupRecord>> ListAsync(string? query, PageRequest page, bool withTotal, CancellationToken ct = default)
    {
        var rows = await groups.ListAsync(NullIfEmpty(query), page.Start, page.FetchCount, ct);
        long? total = withTotal ? await groups.CountAsync(NullIfEmpty(query), ct) : null;
        return Page<GroupRecord>.FromOverfetch(rows, page, total);
    }

    public async Task<GroupRecord> GetByIdAsync(string? id, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new BadRequestException("id is required.");
        return await groups.FindByIdAsync(id, ct) ?? throw new NotFoundException($"No group with id '{id}' was found.");
    }

    public async Task<GroupRecord> GetByNameAsync(string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required.");
        return await groups.FindByNameAsync(name, ct) ?? throw new NotFoundException($"No group named '{name}' was found.");
    }

    public async Task<GroupRecord> CreateAsync(Caller caller, string? name, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller, "create groups");
        var groupName = ValidName(name);
        // The unique name decides, so two concurrent creates of one name give one group and one 400.
        var group = new GroupRecord { Id = Guid.NewGuid().ToString(), Name = groupName, CreatedAt = time.NowMillis() };
        await db.InTransactionAsync(async () =>
        {
            if (!await groups.TryInsertAsync(group, ct))
                throw new BadRequestException($"A group named '{groupName}' already exists.");
            await webhooks.GroupCreatedAsync(group, caller, ct);
            await audit.RecordAsync(caller, new AuditEvent("Group created", AuditCategories.UsersAndGroups, new AuditObject(group.Name, "Group")), ct);
        }, ct);
        return group;
    }

    public async Task DeleteAsync(Caller caller, GroupRecord group, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller, "remove groups");
        if (IsDefaultGroup(group.Name))
            throw new BadRequestException($"The group '{group.Name}' is a default group and cannot be removed.");
        await db.InTransactionAsync(async () =>
        {
            // The payload is the record in hand, so it may be raised after the delete, and only if
            // this delete removed the group (not a concurrent one).
            if (await groups.DeleteAsync(group.Id, ct)) await webhooks.GroupRemovedAsync(group, caller, ct);
            await audit.RecordAsync(caller, new AuditEvent("Group deleted", AuditCategories.UsersAndGroups, new AuditObject(group.Name, "Group")), ct);
        }, ct);
    }

    public async Task AddMemberAsync(Caller caller, GroupRecord group, UserRecord user, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller, "change group membership");
        // Membership is what a removed user lost; giving it back would make it a member again without an account to sign in with.
        if (user.RemovedAt is not null) throw new BadRequestException($"User {user.AccountId} was removed from the site, so it cannot join a group.");
        await db.InTransactionAsync(async () =>
        {
            await groups.AddMemberAsync(group.Id, user.Id, ct);
            await audit.RecordAsync(caller, Membership("User added to group", group, user), ct);
        }, ct);
    }

    public async Task RemoveMemberAsync(Caller caller, GroupRecord group, UserRecord user, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller, "change group membership");
        if (group.Name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase) && user.Id == caller.UserId)
            throw new BadRequestException("You cannot remove yourself from the site administrators group.");
        // Confluence answers 204 whether or not the user was a member.
        await db.InTransactionAsync(async () =>
        {
            await groups.RemoveMemberAsync(group.Id, user.Id, ct);
            await audit.RecordAsync(caller, Membership("User removed from group", group, user), ct);
        }, ct);
    }

    private static AuditEvent Membership(string summary, GroupRecord group, UserRecord user) =>
        new(summary, AuditCategories.UsersAndGroups, new AuditObject(user.DisplayName, "User"), [new AuditObject(group.Name, "Group")]);

    /// <summary>
    /// A page of the group's members. By id, a group that does not exist simply has none: Cloud
    /// answers <c>membersByGroupId</c> of an unknown id with an empty page, and its spec lists no 404.
    /// </summary>
    public async Task<Page<UserRecord>> MembersAsync(string groupId, PageRequest page, bool withTotal, CancellationToken ct = default)
    {
        var rows = await groups.ListMembersAsync(groupId, page.Start, page.FetchCount, ct);
        long? total = withTotal ? await groups.CountMembersAsync(groupId, ct) : null;
        return Page<UserRecord>.FromOverfetch(rows, page, total);
    }

    public async Task<Page<GroupRecord>> GroupsOfUserAsync(UserRecord user, PageRequest page, CancellationToken ct = default) =>
        Page<GroupRecord>.FromOverfetch(await groups.ListForUserAsync(user.Id, page.Start, page.FetchCount, ct), page);

    /// <summary>Adds the user to a built-in group, creating the group on first use (the system creates it: no actor).</summary>
    public async Task AddToDefaultGroupAsync(long userId, string groupName, CancellationToken ct = default)
    {
        var group = await groups.FindByNameAsync(groupName, ct);
        if (group is null)
        {
            // Another request may create it at the same moment; whichever insert wins, the group then exists.
            var created = new GroupRecord { Id = Guid.NewGuid().ToString(), Name = groupName, CreatedAt = time.NowMillis() };
            if (await groups.TryInsertAsync(created, ct)) await webhooks.GroupCreatedAsync(created, null, ct);
            group = (await groups.FindByNameAsync(groupName, ct))!;
        }
        await groups.AddMemberAsync(group.Id, userId, ct);
    }

    private static bool IsDefaultGroup(string name) =>
        name.Equals(DefaultGroups.Users, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase);

    private static string ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required.");
        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength)
            throw new BadRequestException($"Group name must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl))
            throw new BadRequestException("Group name must not contain control characters.");
        return trimmed;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void RequireSiteAdmin(Caller caller, string what)
    {
        if (!caller.IsSiteAdmin)
            throw new ForbiddenException($"Only site administrators can {what}.");
    }
}
