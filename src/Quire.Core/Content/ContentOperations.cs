using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Content;

/// <summary>
/// What a viewer may do with a piece of content, from its space permissions and the update
/// restriction that governs it: v1's <c>operations</c> expansion and v2's Operation group both
/// answer this one rule. Reading the space reads its content, 'Add' (create) edits it, 'Delete'
/// deletes it (for folders, whiteboards, databases and smart links, the page grants: <see cref="ContentRules.PermissionTarget"/>), and an update restriction that leaves the viewer out takes away both update and delete.
/// </summary>
public static class ContentOperations
{
    /// <param name="content">The content asked about.</param>
    /// <param name="granted">The viewer's grants in the content's space.</param>
    /// <param name="changeable">Whether the governing update restriction (if any) lets the viewer in.</param>
    public static IReadOnlyList<SpaceOperation> Of(ContentRecord content, IEnumerable<SpaceOperationRecord> granted, bool changeable)
    {
        var grants = granted.ToList();
        var target = ContentRules.PermissionTarget(content.Type);
        var result = new List<SpaceOperation>();
        if (grants.Any(g => g is { Operation: "read", TargetType: "space" })) result.Add(new SpaceOperation("read", content.Type));
        if (changeable && grants.Any(g => g.Operation == "create" && g.TargetType == target)) result.Add(new SpaceOperation("update", content.Type));
        if (changeable && grants.Any(g => g.Operation == "delete" && g.TargetType == target)) result.Add(new SpaceOperation("delete", content.Type));
        return result;
    }
}
