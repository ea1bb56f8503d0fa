using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Roles;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.User;
using Quire.Storage.Roles;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.SpaceRoles;

/// <summary>
/// The v2 <c>Space Roles</c> group: the roles (the spec's two reads, and confluence.js's create, update, delete and
/// role mode), and who holds which role in a space. Setting a role grants its permissions, so v1's
/// <c>expand=permissions</c> and v2's <c>/spaces/{id}/permissions</c> show them.
/// </summary>
public static class SpaceRolesApi
{
    public static RouteGroupBuilder MapSpaceRolesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/space-roles", GetAvailableSpaceRoles);
        v2.MapPost("/space-roles", CreateSpaceRole);
        v2.MapGet("/space-roles/{id}", GetSpaceRolesById);
        v2.MapPut("/space-roles/{id}", UpdateSpaceRole);
        v2.MapDelete("/space-roles/{id}", DeleteSpaceRole);
        v2.MapGet("/space-role-mode", GetSpaceRoleMode);
        v2.MapGet("/spaces/{id}/role-assignments", GetSpaceRoleAssignments);
        v2.MapPost("/spaces/{id}/role-assignments", SetSpaceRoleAssignments);
        return v2;
    }

    private static async Task<MultiEntityResult<SpaceRoleJson>> GetAvailableSpaceRoles(
        HttpRequest request, string? cursor, int? limit, Caller caller, SpaceRoleService roles, V2Links links, CancellationToken ct)
    {
        var spaceId = request.Query["space-id"].ToString() is { Length: > 0 } space ? V2Ids.Parse(space, "space-id") : (long?)null;
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "id"), V2Limit.Standard.Parse(limit));
        var found = await roles.ListAsync(caller, spaceId, Query(request, "role-type"), Query(request, "principal-type"), Query(request, "principal-id"), page, ct);
        return links.Page(found.Results.Select(SpaceRoleJson.Of).ToList(), "id", found.Next);
    }

    private static async Task<SpaceRoleJson> GetSpaceRolesById(string id, SpaceRoleService roles, V2Links links, CancellationToken ct) =>
        SpaceRoleJson.Of(await roles.GetAsync(id, ct)) with { Links = new SpaceRoleLinks(links.Base) };

    private static async Task<SpaceRoleJson> CreateSpaceRole(SpaceRoleRequest? body, Caller caller, SpaceRoleService roles, CancellationToken ct) =>
        SpaceRoleJson.Of(await roles.CreateAsync(caller, (body ?? throw new BadRequestException("The request body must be the role to create.")).Input(), ct));

    /// <summary>confluence.js's <c>UpdateSpaceRoleResponse</c>: the role, and the task giving its holders the new permissions when one runs.</summary>
    private static async Task<UpdateSpaceRoleJson> UpdateSpaceRole(string id, SpaceRoleRequest? body, Caller caller, SpaceRoleService roles, CancellationToken ct)
    {
        var (role, task) = await roles.UpdateAsync(caller, id, (body ?? throw new BadRequestException("The request body must be the role's new state.")).Input(), ct);
        return new UpdateSpaceRoleJson(V2Links.Id(role.Id), role.Type, role.Name, role.Description, task?.Id);
    }

    /// <summary>confluence.js's <c>DeleteSpaceRoleResponse</c>: removal runs at once (holders keep their permissions), so no task.</summary>
    private static async Task<DeleteSpaceRoleJson> DeleteSpaceRole(string id, Caller caller, SpaceRoleService roles, CancellationToken ct)
    {
        await roles.DeleteAsync(caller, id, ct);
        return new DeleteSpaceRoleJson(null);
    }

    private static SpaceRoleModeJson GetSpaceRoleMode() => new(SpaceRoleService.Mode);

    private static async Task<MultiEntityResult<SpaceRoleAssignmentJson>> GetSpaceRoleAssignments(
        string id, HttpRequest request, string? cursor, int? limit, Caller caller, SpaceRoleAssignmentService assignments, UserStore users,
        V2Links links, CancellationToken ct)
    {
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "id"), V2Limit.Standard.Parse(limit));
        var found = await assignments.ListAsync(caller, V2Ids.Parse(id, "id"), Query(request, "role-id"), Query(request, "role-type"),
            Query(request, "principal-type"), Query(request, "principal-id"), page, ct);
        var rendered = await SpaceRoleAssignmentJson.RenderAsync(found.Results.Select(a => (a.Subject, (long?)a.RoleId)).ToList(), users, ct);
        return links.Page(rendered, "id", found.Next);
    }

    /// <summary>
    /// The spec's body is one <c>{principal, roleId}</c>; Cloud's clients also send a list of them. Both are taken; the
    /// answer lists the assignments as set (a principal whose role was removed is not listed).
    /// </summary>
    private static async Task<MultiEntityResult<SpaceRoleAssignmentJson>> SetSpaceRoleAssignments(
        string id, JsonElement? body, Caller caller, SpaceRoleAssignmentService assignments, UserStore users, V2Links links, CancellationToken ct)
    {
        var entries = Entries(body, "The request body");
        var set = await assignments.SetAsync(caller, V2Ids.Parse(id, "id"), entries, ct);
        var rendered = await SpaceRoleAssignmentJson.RenderAsync(set.Where(s => s.RoleId is not null).Select(s => (s.Subject, s.RoleId)).ToList(), users, ct);
        return links.Page(rendered, "id", null);
    }

    /// <summary>One <c>{principal, roleId}</c> (the spec's shape) or a list of them (what Cloud's clients send); 400 otherwise.</summary>
    public static IReadOnlyList<SpaceRoleAssignmentInput> Entries(JsonElement? body, string what) => body switch
    {
        { ValueKind: JsonValueKind.Object } one => [Entry(one)],
        { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Select(Entry).ToList(),
        _ => throw new BadRequestException($"{what} must be a role assignment {{principal, roleId}}, or a list of them."),
    };

    private static SpaceRoleAssignmentInput Entry(JsonElement element)
    {
        try
        {
            var request = element.Deserialize<SpaceRoleAssignmentRequest>(Http.QuireJson.Options)
                          ?? throw new BadRequestException("A role assignment must be an object {principal, roleId}.");
            return new SpaceRoleAssignmentInput(
                request.Principal is { } p ? new PrincipalInput(p.PrincipalType, p.PrincipalId) : null, request.RoleId);
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"A role assignment is not {{principal: {{principalType, principalId}}, roleId}}: {e.Message}");
        }
    }

    private static string? Query(HttpRequest request, string name) => request.Query[name].ToString() is { Length: > 0 } value ? value : null;
}

/// <summary>The body of create and update (confluence.js's <c>CreateSpaceRole</c>/<c>UpdateSpaceRole</c>).</summary>
public sealed record SpaceRoleRequest(
    string? Name, string? Description, IReadOnlyList<string?>? SpacePermissions, string? AnonymousReassignmentRoleId, string? GuestReassignmentRoleId)
{
    /// <summary>Quire has no guests, so <c>guestReassignmentRoleId</c> has nobody to move and is not read.</summary>
    public SpaceRoleInput Input() => new(Name, Description, SpacePermissions, AnonymousReassignmentRoleId);
}

public sealed record SpaceRoleAssignmentRequest(PrincipalRequest? Principal, string? RoleId);

public sealed record PrincipalRequest(string? PrincipalType, string? PrincipalId);

/// <summary>
/// The spec's <c>SpaceRole</c> (<c>displayName</c>) and confluence.js's (<c>name</c>): both carry the role's name.
/// A single role adds <c>_links.base</c>, as the spec's answer for one role does.
/// </summary>
public sealed record SpaceRoleJson(
    string Id, string Type, string Name, string DisplayName, string Description, IReadOnlyList<string> SpacePermissions)
{
    [JsonPropertyName("_links")]
    public SpaceRoleLinks? Links { get; init; }

    public static SpaceRoleJson Of(SpaceRoleRecord role) => new(
        V2Links.Id(role.Id), role.Type, role.Name, role.Name, role.Description, SpaceRolePermissions.Ids(role.Permissions));
}

public sealed record SpaceRoleLinks(string Base);

public sealed record UpdateSpaceRoleJson(string Id, string Type, string Name, string Description, string? TaskId);

public sealed record DeleteSpaceRoleJson(string? TaskId);

public sealed record SpaceRoleModeJson(string Mode);

/// <summary>v2's <c>SpaceRoleAssignment</c>: the principal and its role.</summary>
public sealed record SpaceRoleAssignmentJson(SpaceRolePrincipalJson Principal, string RoleId)
{
    /// <summary>Users are named by account id (looked up in one query), groups by id, anonymous as the access class <c>anonymous-users</c>.</summary>
    public static async Task<IReadOnlyList<SpaceRoleAssignmentJson>> RenderAsync(
        IReadOnlyList<(SpaceSubject Subject, long? RoleId)> assignments, UserStore users, CancellationToken ct)
    {
        var accounts = await AccountIdLookup.OfAsync(users, assignments.Select(a => a.Subject.UserId), ct);
        return assignments.Select(a => new SpaceRoleAssignmentJson(
            a.Subject.UserId is { } user ? new SpaceRolePrincipalJson(SpaceRolePrincipals.User, accounts.Of(user) ?? "")
            : a.Subject.GroupId is { } group ? new SpaceRolePrincipalJson(SpaceRolePrincipals.Group, group)
            : new SpaceRolePrincipalJson(SpaceRolePrincipals.AccessClass, SpaceRolePrincipals.AnonymousUsers),
            V2Links.Id(a.RoleId!.Value))).ToList();
    }
}

public sealed record SpaceRolePrincipalJson(string PrincipalType, string PrincipalId);
