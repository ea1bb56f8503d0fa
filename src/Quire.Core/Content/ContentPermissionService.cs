using Quire.Core.Errors;
using Quire.Core.Groups;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Groups;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Content;

/// <summary>The answer of a permission check: allowed, or the reasons why not (Confluence's messages).</summary>
public sealed record PermissionCheck(bool HasPermission, IReadOnlyList<string> Errors);

/// <summary>
/// <c>POST /content/{id}/permission/check</c>: whether a user or a group may read, update or
/// delete a piece of content, by the same rules every content call applies: the right to
/// use the site, the space's permissions, (for drafts) authorship, and the page restrictions:
/// read restrictions of the content and its ancestors, the update restriction that governs it.
/// </summary>
public sealed class ContentPermissionService(
    ContentAccess access, ContentStore content, SpacePermissionStore permissions, ContentRestrictionStore restrictions,
    UserStore users, GroupStore groups, GlobalPermissionService global)
{
    public async Task<PermissionCheck> CheckAsync(
        Caller caller, string? id, string? subjectType, string? identifier, string? operation, CancellationToken ct = default)
    {
        if (operation is not ("read" or "update" or "delete"))
            throw new BadRequestException($"operation must be read, update or delete, not '{operation}'.");
        if (subjectType is not ("user" or "group")) throw new BadRequestException($"subject.type must be user or group, not '{subjectType}'.");
        if (string.IsNullOrWhiteSpace(identifier)) throw new BadRequestException("subject.identifier is required.");
        var self = subjectType == "user" && identifier == caller.User.AccountId;
        if (!self && !caller.IsSiteAdmin)
            throw new ForbiddenException("Only site administrators may check another user's or a group's permissions.");

        // An admin checking someone else need not see the content; everyone else checks what they can see.
        var record = caller.IsSiteAdmin
            ? await content.FindAsync(ContentAccess.ParseId(id), ct) ?? throw new NotFoundException($"No content with id '{id}' was found.")
            : (await access.ViewableAsync(caller, id, ct)).Content;

        // Grants to anonymous count for everybody while the site allows anonymous use.
        var grants = await global.CurrentAsync(ct);
        if (subjectType == "user")
        {
            if (identifier == "anonymous")
                return grants.AnonymousUse
                    ? await DecideAsync(record, Viewer.Of(Caller.AnonymousUserId, [], true), operation, "Anonymous user", null, ct)
                    : new PermissionCheck(false, ["Anonymous users are not allowed to use Confluence"]);
            var user = await users.FindByAccountIdAsync(identifier, ct)
                       ?? throw new BadRequestException($"No user with accountId '{identifier}' was found.");
            var memberOf = await groups.ListForUserAsync(user.Id, 0, 10_000, ct);
            var groupIds = memberOf.Select(g => g.Id).ToList();
            var isAdmin = memberOf.Any(g => g.Name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase));
            if (!isAdmin && !grants.Allows(GlobalPermission.Use, user.Id, groupIds))
                return new PermissionCheck(false, ["User is not allowed to use Confluence"]);
            return await DecideAsync(record, Viewer.Of(user.Id, groupIds, grants.AnonymousUse), operation, "User", user.Id, ct);
        }

        var group = await groups.FindByIdAsync(identifier, ct)
                    ?? throw new BadRequestException($"No group with id '{identifier}' was found.");
        // A group is nobody's author: user id 0 matches no grant and no draft.
        return await DecideAsync(record, Viewer.Of(0, [group.Id], grants.AnonymousUse), operation, "Group", null, ct);
    }

    private async Task<PermissionCheck> DecideAsync(
        ContentRecord record, Viewer viewer, string operation, string who, long? userId, CancellationToken ct)
    {
        if (!await permissions.HasAsync(record.SpaceId, viewer, SpaceOperation.Read.Operation, SpaceOperation.Read.TargetType, ct))
            return new PermissionCheck(false, [$"{who} does not have permission to the space"]);
        if (record.Status == ContentRules.Draft && record.CreatedBy != userId)
            return new PermissionCheck(false, [$"{who} does not have permission to the content"]);
        if (!await restrictions.PassesReadAsync(record.Id, viewer, ct))
            return new PermissionCheck(false, [$"{who} is not permitted to view the content by its restrictions"]);
        var needed = operation switch
        {
            "update" => new SpaceOperation("create", record.Type),
            "delete" => new SpaceOperation("delete", record.Type),
            _ => SpaceOperation.Read,
        };
        if (needed != SpaceOperation.Read && !await permissions.HasAsync(record.SpaceId, viewer, needed.Operation, needed.TargetType, ct))
            return new PermissionCheck(false, [$"{who} does not have permission to the space"]);
        if (needed != SpaceOperation.Read && !await access.PassesUpdateRestrictionAsync(record, viewer, ct))
            return new PermissionCheck(false, [$"{who} is not permitted to edit the content by its restrictions"]);
        return new PermissionCheck(true, []);
    }
}
