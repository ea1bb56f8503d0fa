using System.Buffers.Text;
using System.Text;
using Quire.Core.Errors;
using Quire.Core.Spaces;
using Quire.Storage.Roles;
using Quire.Storage.Spaces;

namespace Quire.Core.Roles;

/// <summary>
/// One set of space permissions that principals hold without a role: its id, how many spaces and principals have
/// it, the permissions, and the kinds of principal holding it (USER, GROUP, ANONYMOUS).
/// </summary>
public sealed record PermissionCombination(
    string Id, string Permissions, int SpaceCount, int PrincipalCount, IReadOnlyList<string> PrincipalTypes);

/// <summary>What one subject holds in one space without a role: the set it would be transitioned by.</summary>
public sealed record UnassignedAccess(long SpaceId, SpaceSubject Subject, string Permissions);

/// <summary>
/// The permission sets of the transition to roles. A combination id is the set itself, base64url-encoded: the same
/// set has the same id on every read, with no table to refresh, and an id names exactly the set it was read from.
/// Sets are read from a site's spaces a batch at a time (two queries per batch), never one query per space.
/// </summary>
public sealed class PermissionCombinations(SpaceRoleStore roles, SpacePermissionStore permissions)
{
    public const string User = "USER";
    public const string Group = "GROUP";
    public const string Anonymous = "ANONYMOUS";
    private const int SpaceBatch = 500;

    public static string IdOf(string permissions) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(permissions));

    /// <summary>The set an id names; 400 for an id that is not one of these.</summary>
    public static string Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048 || !Base64Url.IsValid(id))
            throw new BadRequestException($"'{id}' is not a permission combination id.");
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
        string stored;
        try
        {
            stored = SpaceRolePermissions.Validate(text.Split(','));
        }
        catch (BadRequestException)
        {
            throw new BadRequestException($"'{id}' is not a permission combination id.");
        }
        if (stored != text) throw new BadRequestException($"'{id}' is not a permission combination id.");
        return stored;
    }

    public static string TypeOf(SpaceSubject subject) => subject.Anonymous ? Anonymous : subject.UserId is not null ? User : Group;

    /// <summary>Every combination on the site that no role has, most held first (then by id), each counted once per space and principal.</summary>
    public async Task<IReadOnlyList<PermissionCombination>> ListAsync(CancellationToken ct = default)
    {
        var roleSets = (await roles.ListAllAsync(ct)).Select(r => r.Permissions).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, (HashSet<long> Spaces, HashSet<SpaceSubject> Principals, SortedSet<string> Types)>(StringComparer.Ordinal);
        for (long after = 0; ;)
        {
            var spaceIds = await roles.SpaceIdsAfterAsync(null, after, SpaceBatch, ct);
            if (spaceIds.Count == 0) break;
            foreach (var access in await UnassignedInAsync(spaceIds, ct))
            {
                if (roleSets.Contains(access.Permissions)) continue;
                if (!found.TryGetValue(access.Permissions, out var entry))
                    found[access.Permissions] = entry = ([], [], new SortedSet<string>(StringComparer.Ordinal));
                entry.Spaces.Add(access.SpaceId);
                entry.Principals.Add(access.Subject);
                entry.Types.Add(TypeOf(access.Subject));
            }
            after = spaceIds[^1];
        }
        return found.Select(f => new PermissionCombination(IdOf(f.Key), f.Key, f.Value.Spaces.Count, f.Value.Principals.Count, f.Value.Types.ToList()))
            .OrderByDescending(c => c.PrincipalCount).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What each subject without a role holds in the given spaces (space, page, blog post, comment and attachment
    /// permissions: those a role can hold), in two queries.
    /// </summary>
    public async Task<IReadOnlyList<UnassignedAccess>> UnassignedInAsync(IReadOnlyCollection<long> spaceIds, CancellationToken ct = default)
    {
        var assigned = (await roles.ListAssignmentsOfSpacesAsync(spaceIds, ct)).Select(a => (a.SpaceId, a.Subject)).ToHashSet();
        return (await permissions.ListForSpacesAsync(spaceIds, ct))
            .Where(g => SpacePermissionAssignments.TargetTypes.Contains(g.TargetType))
            .GroupBy(g => (g.SpaceId, Subject: new SpaceSubject(g.UserId, g.GroupId, g.Anonymous)))
            .Where(g => !assigned.Contains(g.Key))
            .Select(g => new UnassignedAccess(g.Key.SpaceId, g.Key.Subject,
                SpaceRolePermissions.Format(g.Select(p => new SpaceOperation(p.Operation, p.TargetType)))))
            .ToList();
    }
}
