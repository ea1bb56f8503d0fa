using Quire.Core.Errors;
using Quire.Core.Spaces;
using Quire.Storage.Roles;

namespace Quire.Core.Roles;

/// <summary>
/// A role's permissions as v2 names them (<c>operation/target</c>, the ids of <c>GET /space-permissions</c>), and the
/// one stored form of a set: sorted and comma-separated, so two equal sets are equal strings.
/// </summary>
public static class SpaceRolePermissions
{
    public const string System = "SYSTEM";
    public const string Custom = "CUSTOM";

    public static string IdOf(SpaceOperation operation) => $"{operation.Operation}/{operation.TargetType}";

    /// <summary>The stored form of a set of operations.</summary>
    public static string Format(IEnumerable<SpaceOperation> operations) =>
        string.Join(',', operations.Select(IdOf).Distinct().Order(StringComparer.Ordinal));

    /// <summary>The operations of a stored set.</summary>
    public static IReadOnlyList<SpaceOperation> Of(SpaceRoleRecord role) => Parse(role.Permissions);

    public static IReadOnlyList<SpaceOperation> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id =>
        {
            var slash = id.IndexOf('/');
            return new SpaceOperation(id[..slash], id[(slash + 1)..]);
        }).ToList();

    /// <summary>The ids of a stored set, in order.</summary>
    public static IReadOnlyList<string> Ids(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The stored form of the permissions a client names: each one a space permission, read/space among them (every
    /// other needs it, as a grant does), at least one. 400 otherwise.
    /// </summary>
    public static string Validate(IReadOnlyList<string?>? ids)
    {
        if (ids is null || ids.Count == 0) throw new BadRequestException("spacePermissions must name at least one space permission.");
        var operations = new List<SpaceOperation>();
        foreach (var id in ids)
        {
            var text = id?.Trim().ToLowerInvariant() ?? "";
            var slash = text.IndexOf('/');
            var operation = slash <= 0 ? default : new SpaceOperation(text[..slash], text[(slash + 1)..]);
            if (slash <= 0 || !SpacePermissionService.Known.Contains(operation))
                throw new BadRequestException($"'{id}' is not a space permission; the ids are those of GET /space-permissions, e.g. read/space.");
            operations.Add(operation);
        }
        if (!operations.Contains(SpaceOperation.Read))
            throw new BadRequestException("spacePermissions must include read/space: every other space permission needs it.");
        return Format(operations);
    }

    /// <summary>Quire lets anonymous users read a space and nothing more, so only a role of read/space alone is theirs to hold.</summary>
    public static bool AnonymousMayHold(string stored) => stored == IdOf(SpaceOperation.Read);

    public static bool Administers(string stored) => Ids(stored).Contains(IdOf(SpaceOperation.Administer));
}
