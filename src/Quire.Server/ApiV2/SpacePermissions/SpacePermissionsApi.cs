using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.User;
using Quire.Storage;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.SpacePermissions;

/// <summary>
/// The v2 <c>Space Permissions</c> group: the grants of a space (<c>/spaces/{id}/permissions</c>,
/// the same rows v1's space permission calls write) and the permissions a grant may name
/// (<c>/space-permissions</c>).
/// </summary>
public static class SpacePermissionsApi
{
    public static RouteGroupBuilder MapSpacePermissionsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/spaces/{id}/permissions", GetSpacePermissionsAssignments);
        v2.MapGet("/space-permissions", GetAvailableSpacePermissions);
        return v2;
    }

    private static async Task<MultiEntityResult<SpacePermissionAssignmentJson>> GetSpacePermissionsAssignments(
        string id, string? cursor, int? limit, Caller caller, SpacePermissionAssignments assignments, UserStore users, V2Links links,
        CancellationToken ct)
    {
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "id"), V2Limit.Standard.Parse(limit));
        var found = await assignments.ListAfterAsync(caller, V2Ids.Parse(id, "id"), page, ct);
        return links.Page(await SpacePermissionAssignmentJson.RenderAsync(found.Results, users, ct), "id", found.Next);
    }

    /// <summary>A fixed list, paged like any other: the cursor holds the position of the last one given.</summary>
    private static MultiEntityResult<SpacePermissionJson> GetAvailableSpacePermissions(string? cursor, int? limit, V2Links links)
    {
        var available = SpacePermissionAssignments.Available;
        var start = (int)Math.Min(V2Cursor.Decode(cursor, "id")?.Id ?? 0, available.Count);
        var count = V2Limit.Standard.Parse(limit);
        var results = available.Skip(start).Take(count).Select(SpacePermissionJson.Of).ToList();
        var next = start + count < available.Count ? new Keyset(null, start + count) : null;
        return links.Page(results, "id", next);
    }
}

/// <summary>v2's <c>SpacePermissionAssignment</c>: the grant's id, who holds it, and the operation.</summary>
public sealed record SpacePermissionAssignmentJson(string Id, PrincipalJson Principal, PermissionOperationJson Operation)
{
    /// <summary>
    /// Users are named by account id, groups by id. A grant to anonymous users has no user or
    /// group: it is answered as the principal <c>{type: role, id: anonymous}</c>, the closest of
    /// v2's three principal types.
    /// </summary>
    public static async Task<IReadOnlyList<SpacePermissionAssignmentJson>> RenderAsync(
        IReadOnlyList<SpacePermissionRecord> grants, UserStore users, CancellationToken ct)
    {
        var accounts = await AccountIdLookup.OfAsync(users, grants.Select(g => g.UserId), ct);
        return grants.Select(g => new SpacePermissionAssignmentJson(
            V2Links.Id(g.Id),
            g.UserId is { } user ? new PrincipalJson("user", accounts.Of(user) ?? "")
                : g.GroupId is { } group ? new PrincipalJson("group", group)
                : new PrincipalJson("role", "anonymous"),
            new PermissionOperationJson(g.Operation, g.TargetType))).ToList();
    }
}

public sealed record PrincipalJson(string Type, string Id);

public sealed record PermissionOperationJson(string Key, string TargetType);

/// <summary>v2's <c>SpacePermission</c>: one operation a grant may name, with what it needs first.</summary>
public sealed record SpacePermissionJson(string Id, string DisplayName, string Description, IReadOnlyList<string> RequiredPermissionIds)
{
    private static readonly string ReadSpace = IdOf(SpaceOperation.Read);

    public static SpacePermissionJson Of(SpaceOperation operation) => new(
        IdOf(operation),
        $"{Capitalised(operation.Operation.Replace('_', ' '))} {Noun(operation.TargetType)}",
        operation == SpaceOperation.Read
            ? "View the space and what is in it; every other space permission needs it."
            : operation.TargetType == "space"
                ? $"Lets its holder {operation.Operation.Replace('_', ' ')} the space."
                : $"Lets its holder {operation.Operation.Replace('_', ' ')} {Noun(operation.TargetType)}s in the space.",
        // Every other permission needs read/space first, as Quire's grants do (SpacePermissionService).
        operation == SpaceOperation.Read ? [] : [ReadSpace]);

    private static string IdOf(SpaceOperation operation) => $"{operation.Operation}/{operation.TargetType}";

    private static string Noun(string targetType) => targetType == "blogpost" ? "blog post" : targetType;

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
