using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Spaces;

namespace Quire.Core.Operations;

/// <summary>
/// v2's Operation group: what the caller may do with one piece of content or one space. Content
/// follows <see cref="ContentOperations"/> (the rule v1's <c>operations</c> expansion applies); a
/// space answers the caller's own grants in it, as v1's space <c>operations</c> expansion does.
/// What the caller cannot see answers 404 like what does not exist, and so does an id of another
/// kind than the URL names (a blog post's id under <c>/pages</c>).
/// </summary>
public sealed class OperationService(
    ContentAccess access, SpaceAccess spaceAccess, SpacePermissionStore permissions)
{
    public async Task<IReadOnlyList<SpaceOperation>> ForContentAsync(Caller caller, string? id, ContentKind kind, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        if (!record.Is(kind)) throw new NotFoundException($"No {kind.Describe()} with id '{id}' was found.");
        var viewer = SpaceAccess.ViewerOf(caller);
        var granted = await permissions.OperationsForAsync([record.SpaceId], viewer, ct);
        var changeable = await access.PassesUpdateRestrictionAsync(record, viewer, ct);
        return ContentOperations.Of(record, granted, changeable);
    }

    /// <summary>The caller's grants in the space with this (numeric) id, if the caller may read it; 404 otherwise.</summary>
    public async Task<IReadOnlyList<SpaceOperation>> ForSpaceAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var spaceId) || spaceId <= 0)
            throw new NotFoundException($"No space with id '{id}' was found.");
        var space = await spaceAccess.ViewableByIdAsync(caller, spaceId, ct);
        var granted = await permissions.OperationsForAsync([space.Id], SpaceAccess.ViewerOf(caller), ct);
        return granted.Select(g => new SpaceOperation(g.Operation, g.TargetType)).ToList();
    }
}
