using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Spaces;

namespace Quire.Core.Spaces;

/// <summary>
/// v2's view of space permissions: the grants of a space, read by whoever may view it (as
/// v1's <c>expand=permissions</c> shows them), and the operations a grant may name.
/// </summary>
public sealed class SpacePermissionAssignments(SpaceAccess access, SpacePermissionStore permissions)
{
    /// <summary>The target types v2 names; grants for custom content types have no v2 name and are left out.</summary>
    public static readonly IReadOnlyList<string> TargetTypes = ["space", "page", "blogpost", "comment", "attachment"];

    /// <summary>The operations a space permission may grant, in the order Confluence's permission screen lists them.</summary>
    public static IReadOnlyList<SpaceOperation> Available => SpacePermissionService.Known
        .OrderBy(o => IndexOf(o.TargetType)).ThenBy(o => o.Operation, StringComparer.Ordinal)
        .ToList();

    private static int IndexOf(string targetType) => TargetTypes.ToList().IndexOf(targetType);

    /// <summary>A page of the space's grants by id, after <paramref name="page"/>'s keyset; 404 for a space the caller cannot view.</summary>
    public async Task<KeysetPage<SpacePermissionRecord>> ListAfterAsync(Caller caller, long spaceId, KeysetRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        var rows = await permissions.ListAfterAsync(space.Id, TargetTypes, page.After, page.FetchCount, ct);
        return KeysetPage<SpacePermissionRecord>.FromOverfetch(rows, page, p => new Keyset(null, p.Id));
    }
}
