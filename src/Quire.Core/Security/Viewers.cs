using Quire.Storage.Groups;
using Quire.Storage.Spaces;

namespace Quire.Core.Security;

/// <summary>
/// The <see cref="Viewer"/> of a user who is not the caller of the current request: the owner of
/// a background task, whose work must see no more than they could when they asked for it.
/// </summary>
public sealed class Viewers(GroupStore groups)
{
    /// <summary>Membership is read when the work runs, so a group removed meanwhile no longer counts.</summary>
    public async Task<Viewer> OfUserAsync(long? userId, CancellationToken ct = default) =>
        userId is not { } id
            ? new Viewer(0, [])
            : new Viewer(id, (await groups.ListForUserAsync(id, 0, int.MaxValue, ct)).Select(g => g.Id).ToList());
}
