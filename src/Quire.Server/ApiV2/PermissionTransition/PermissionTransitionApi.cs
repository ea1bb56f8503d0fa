using Quire.Core.Errors;
using Quire.Core.Roles;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.SpacePermissions;
using Quire.Storage;
using Quire.Storage.Tasks;

namespace Quire.Server.ApiV2.PermissionTransition;

/// <summary>
/// confluence.js's <c>spacePermissionTransition</c> calls (newer than the 2025 spec): the permission combinations held
/// without a role, moving them to roles or removing them across chosen spaces (long tasks), and those tasks' status.
/// Site admins only. Shapes from confluence.js's models (<c>ListSpacePermissionCombinationsResponse</c>,
/// <c>BulkTransitionTask</c>, <c>BulkTransitionTaskStatus</c>). The namespace is <c>PermissionTransition</c>: one named
/// <c>SpacePermissionTransition</c> would hide the Core service of that name in every file under <c>ApiV2</c>.
/// </summary>
public static class SpacePermissionTransitionApi
{
    private const string Prefix = "/space-permissions/transition";

    public static RouteGroupBuilder MapSpacePermissionTransitionApi(this RouteGroupBuilder v2)
    {
        v2.MapGet($"{Prefix}/combinations", ListSpacePermissionCombinations);
        v2.MapPost($"{Prefix}/combinations", GenerateSpacePermissionCombinations);
        v2.MapPost($"{Prefix}/role-assignments", BulkAssignSpacePermissionRoles);
        v2.MapPost($"{Prefix}/access-removals", BulkRemoveSpacePermissionAccess);
        v2.MapGet($"{Prefix}/tasks/{{taskId}}", GetSpacePermissionTransitionTaskStatus);
        return v2;
    }

    /// <summary>
    /// Read live, so <c>generatedAt</c> is now. Sorted by principal count (most first), then id; the cursor carries the
    /// last one given (its count and id), so combinations appearing or going between pages do not shift the rest.
    /// </summary>
    private static async Task<CombinationsJson> ListSpacePermissionCombinations(
        string? cursor, int? limit, Caller caller, SpacePermissionTransition transition, TimeProvider time, CancellationToken ct)
    {
        var after = V2Cursor.Decode(cursor, "principalCount");
        var count = V2Limit.Standard.Parse(limit);
        var all = await transition.CombinationsAsync(caller, ct);
        var rest = after is null ? all : all.SkipWhile(c => c.PrincipalCount > after.Id ||
                                                            (c.PrincipalCount == after.Id && string.CompareOrdinal(c.Id, after.Value) <= 0)).ToList();
        var page = rest.Take(count).ToList();
        var next = rest.Count > count ? V2Cursor.Encode("principalCount", new Keyset(page[^1].Id, page[^1].PrincipalCount)) : null;
        return new CombinationsJson(page.Select(CombinationJson.Of).ToList(), V2Dates.Of(time.GetUtcNow().ToUnixTimeMilliseconds()), next);
    }

    private static async Task<BulkTransitionTaskJson> GenerateSpacePermissionCombinations(
        Caller caller, SpacePermissionTransition transition, CancellationToken ct) =>
        BulkTransitionTaskJson.Of(await transition.GenerateAsync(caller, ct));

    private static async Task<BulkTransitionTaskJson> BulkAssignSpacePermissionRoles(
        BulkAssignRolesRequest? body, Caller caller, SpacePermissionTransition transition, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be {assignments, spaceSelection}.");
        var assignments = body.Assignments?.Select(a => new CombinationAssignmentInput(a.PermissionCombinationId,
            a.PrincipalTypeAssignments?.Select(p => new PrincipalTypeAssignmentInput(p.PrincipalType, p.RemoveAccess, p.RoleId)).ToList())).ToList();
        return BulkTransitionTaskJson.Of(await transition.AssignRolesAsync(caller, assignments, body.SpaceSelection?.Input(), ct));
    }

    private static async Task<BulkTransitionTaskJson> BulkRemoveSpacePermissionAccess(
        BulkRemoveAccessRequest? body, Caller caller, SpacePermissionTransition transition, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be {permissionCombinationIds, spaceSelection}.");
        return BulkTransitionTaskJson.Of(await transition.RemoveAccessAsync(caller, body.PermissionCombinationIds, body.SpaceSelection?.Input(), ct));
    }

    private static async Task<BulkTransitionTaskStatusJson> GetSpacePermissionTransitionTaskStatus(
        string taskId, Caller caller, SpacePermissionTransition transition, CancellationToken ct)
    {
        var task = await transition.TaskAsync(caller, taskId, ct);
        var status = BulkTransitionTaskJson.StatusOf(task);
        var messages = System.Text.Json.JsonSerializer.Deserialize<List<string>>(task.Messages) ?? [];
        return new BulkTransitionTaskStatusJson(task.Id, status, status == "FAILED" ? messages.LastOrDefault() ?? "The task failed." : null);
    }

    public static string StatusUrl(string taskId) => $"{ApiV2Routes.V2}{Prefix}/tasks/{taskId}";
}

public sealed record BulkAssignRolesRequest(IReadOnlyList<RoleAssignmentRequest>? Assignments, SpaceSelectionRequest? SpaceSelection);

public sealed record RoleAssignmentRequest(string? PermissionCombinationId, IReadOnlyList<PrincipalTypeAssignmentRequest>? PrincipalTypeAssignments);

public sealed record PrincipalTypeAssignmentRequest(string? PrincipalType, bool? RemoveAccess, string? RoleId);

public sealed record BulkRemoveAccessRequest(IReadOnlyList<string?>? PermissionCombinationIds, SpaceSelectionRequest? SpaceSelection);

public sealed record SpaceSelectionRequest(string? SpaceType, IReadOnlyList<SpaceTargetRequest?>? SelectedSpaces)
{
    /// <summary>Spaces are taken by id; the key a client sends beside it is not needed.</summary>
    public SpaceSelectionInput Input() => new(SpaceType, SelectedSpaces?.Select(s => s?.Id).ToList());
}

public sealed record SpaceTargetRequest(string? Id, string? Key);

public sealed record CombinationsJson(IReadOnlyList<CombinationJson> Results, string GeneratedAt, string? Cursor);

/// <summary>confluence.js's <c>BulkTransitionCombinationEntry</c>; permissions are named as <c>GET /space-permissions</c> names them.</summary>
public sealed record CombinationJson(
    string CombinationId, int SpaceCount, int PrincipalCount, IReadOnlyList<DecodedPermissionJson> Permissions, IReadOnlyList<string> PrincipalTypes)
{
    public static CombinationJson Of(PermissionCombination combination) => new(
        combination.Id, combination.SpaceCount, combination.PrincipalCount,
        SpaceRolePermissions.Parse(combination.Permissions).Select(o => new DecodedPermissionJson(SpaceRolePermissions.IdOf(o), SpacePermissionJson.Of(o).DisplayName)).ToList(),
        combination.PrincipalTypes);
}

public sealed record DecodedPermissionJson(string Id, string DisplayName);

/// <summary>confluence.js's <c>BulkTransitionTask</c>: the long task's id, its status, and where to poll it.</summary>
public sealed record BulkTransitionTaskJson(string TaskId, string Status, string StatusUrl)
{
    public static BulkTransitionTaskJson Of(LongTaskRecord task) => new(task.Id, StatusOf(task), SpacePermissionTransitionApi.StatusUrl(task.Id));

    public static string StatusOf(LongTaskRecord task) => task.Status switch
    {
        LongTaskService.Succeeded => "COMPLETED",
        LongTaskService.Failed => "FAILED",
        _ => "IN_PROGRESS",
    };
}

public sealed record BulkTransitionTaskStatusJson(string TaskId, string Status, string? ErrorMessage);
