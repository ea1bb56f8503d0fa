using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Storage.Roles;
using Quire.Storage.Tasks;

namespace Quire.Core.Roles;

/// <summary>The spaces a transition request acts on, as the client names them.</summary>
public sealed record SpaceSelectionInput(string? SpaceType, IReadOnlyList<string?>? SelectedSpaceIds);

/// <summary>For one kind of principal holding a combination: the role it gets, or (removeAccess) none.</summary>
public sealed record PrincipalTypeAssignmentInput(string? PrincipalType, bool? RemoveAccess, string? RoleId);

/// <summary>One combination and what each kind of principal holding it gets.</summary>
public sealed record CombinationAssignmentInput(string? PermissionCombinationId, IReadOnlyList<PrincipalTypeAssignmentInput>? PrincipalTypeAssignments);

/// <summary>
/// The move from permissions granted one by one to roles (Cloud's space permission transition): the combinations
/// principals hold without a role, giving everyone holding a combination a role (or no access) across the chosen
/// spaces, and the status of those long tasks. Site admins only; the work runs as a long task, and every request is
/// checked whole before one is queued.
/// </summary>
public sealed class SpacePermissionTransition(
    SpaceRoleStore roles, PermissionCombinations combinations, LongTaskService tasks, LongTaskSignal signal)
{
    public const int MaxCombinations = 100;
    public const int MaxSelectedSpaces = 1000;
    public static readonly IReadOnlyList<string> SpaceTypes = ["ALL", "ALL_EXCEPT_PERSONAL", "ALL_EXCEPT_SPECIFIC", "PERSONAL", "SPECIFIC"];
    private static readonly IReadOnlySet<string> TaskTypes = new HashSet<string>
    {
        SpacePermissionTransitionHandler.TaskType, PermissionCombinationsHandler.TaskType, SpaceRoleUpdateHandler.TaskType,
    };

    public Task<IReadOnlyList<PermissionCombination>> CombinationsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        return combinations.ListAsync(ct);
    }

    /// <summary>Combinations are read live, so "generating" them is a task that counts them: its status says how many there are.</summary>
    public Task<LongTaskRecord> GenerateAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        return EnqueueAsync(caller, PermissionCombinationsHandler.TaskType, PermissionCombinationsHandler.NameKey, new { }, ct);
    }

    public async Task<LongTaskRecord> AssignRolesAsync(
        Caller caller, IReadOnlyList<CombinationAssignmentInput>? assignments, SpaceSelectionInput? selection, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        if (assignments is null || assignments.Count == 0) throw new BadRequestException("assignments must name at least one permission combination.");
        if (assignments.Count > MaxCombinations) throw new BadRequestException($"At most {MaxCombinations} combinations may be assigned at once.");
        var work = new List<SpacePermissionTransitionHandler.CombinationWork>();
        foreach (var assignment in assignments)
        {
            var permissions = PermissionCombinations.Decode(assignment.PermissionCombinationId);
            if (work.Any(w => w.Permissions == permissions))
                throw new BadRequestException($"The combination '{assignment.PermissionCombinationId}' is named more than once.");
            if (assignment.PrincipalTypeAssignments is not { Count: > 0 } byType)
                throw new BadRequestException("principalTypeAssignments must name at least one principal type.");
            var roleOf = new Dictionary<string, long?>(StringComparer.Ordinal);
            foreach (var entry in byType)
            {
                var type = entry.PrincipalType;
                if (type is not (PermissionCombinations.User or PermissionCombinations.Group or PermissionCombinations.Anonymous))
                    throw new BadRequestException($"principalType must be USER, GROUP or ANONYMOUS in Quire (it has no guests, apps or user classes), not '{type}'.");
                if (roleOf.ContainsKey(type)) throw new BadRequestException($"principalType {type} is named more than once for one combination.");
                if (entry.RemoveAccess is null) throw new BadRequestException("removeAccess is required: true to remove access, false to assign roleId.");
                if (entry.RemoveAccess.Value)
                {
                    roleOf[type] = null;
                    continue;
                }
                if (string.IsNullOrEmpty(entry.RoleId)) throw new BadRequestException("roleId is required when removeAccess is false.");
                var role = await roles.FindAsync(SpaceRoleService.ParseId(entry.RoleId), ct)
                           ?? throw new BadRequestException($"No space role with id '{entry.RoleId}' was found.");
                if (type == PermissionCombinations.Anonymous && !SpaceRolePermissions.AnonymousMayHold(role.Permissions))
                    throw new BadRequestException($"Anonymous users may only read a space in Quire; the role '{role.Name}' gives more.");
                roleOf[type] = role.Id;
            }
            work.Add(new SpacePermissionTransitionHandler.CombinationWork(permissions, roleOf));
        }
        var spaces = await SelectionAsync(selection, ct);
        return await EnqueueAsync(caller, SpacePermissionTransitionHandler.TaskType, SpacePermissionTransitionHandler.NameKey,
            new SpacePermissionTransitionHandler.Payload(work, spaces), ct);
    }

    public async Task<LongTaskRecord> RemoveAccessAsync(
        Caller caller, IReadOnlyList<string?>? combinationIds, SpaceSelectionInput? selection, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        if (combinationIds is null || combinationIds.Count == 0)
            throw new BadRequestException("permissionCombinationIds must name at least one permission combination.");
        if (combinationIds.Count > MaxCombinations) throw new BadRequestException($"At most {MaxCombinations} combinations may be named at once.");
        var everyone = new Dictionary<string, long?>
        {
            [PermissionCombinations.User] = null, [PermissionCombinations.Group] = null, [PermissionCombinations.Anonymous] = null,
        };
        var work = combinationIds.Select(PermissionCombinations.Decode).Distinct()
            .Select(p => new SpacePermissionTransitionHandler.CombinationWork(p, everyone)).ToList();
        var spaces = await SelectionAsync(selection, ct);
        return await EnqueueAsync(caller, SpacePermissionTransitionHandler.TaskType, SpacePermissionTransitionHandler.NameKey,
            new SpacePermissionTransitionHandler.Payload(work, spaces), ct);
    }

    /// <summary>A task of the transition (or of a role change); 404 for any other task, or one the caller may not see.</summary>
    public async Task<LongTaskRecord> TaskAsync(Caller caller, string? taskId, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        var task = await tasks.GetAsync(caller, taskId, ct);
        return TaskTypes.Contains(task.Type) ? task : throw new NotFoundException($"No space permission transition task with id '{taskId}' was found.");
    }

    private async Task<SpacePermissionTransitionHandler.Selection> SelectionAsync(SpaceSelectionInput? selection, CancellationToken ct)
    {
        if (selection is null) throw new BadRequestException("spaceSelection is required.");
        if (selection.SpaceType is not { } type || !SpaceTypes.Contains(type))
            throw new BadRequestException($"spaceSelection.spaceType must be one of {string.Join(", ", SpaceTypes)}.");
        var named = type is "SPECIFIC" or "ALL_EXCEPT_SPECIFIC";
        if (!named) return new SpacePermissionTransitionHandler.Selection(type, []);
        if (selection.SelectedSpaceIds is not { Count: > 0 } selected)
            throw new BadRequestException($"spaceSelection.selectedSpaces must name at least one space when spaceType is {type}.");
        if (selected.Count > MaxSelectedSpaces) throw new BadRequestException($"At most {MaxSelectedSpaces} spaces may be selected.");
        var ids = selected.Select(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : throw new BadRequestException($"'{id}' is not a space id.")).Distinct().ToList();
        var existing = (await roles.ExistingSpaceIdsAsync(ids, ct)).ToHashSet();
        if (ids.FirstOrDefault(id => !existing.Contains(id)) is var missing and > 0)
            throw new BadRequestException($"No space with id '{missing}' was found.");
        return new SpacePermissionTransitionHandler.Selection(type, ids.Order().ToList());
    }

    private async Task<LongTaskRecord> EnqueueAsync(Caller caller, string type, string nameKey, object payload, CancellationToken ct)
    {
        var task = await tasks.EnqueueAsync(type, nameKey, payload, caller.UserId, ct);
        signal.Notify();
        return task;
    }

    private static void RequireSiteAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only a site administrator may transition space permissions to roles.");
    }
}
