using Quire.Core.Errors;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// The first step of every change of a page's place, inside its transaction: takes the page-tree lock of the spaces
/// involved (<see cref="ContentStore.LockTreesAsync"/>), reads the page and the target of the move again as they are
/// now, and refuses a target inside the page's own subtree. The check used to run on what was read before the
/// transaction, so X under Y and Y under X could both pass it and leave the two pages a parent cycle.
/// </summary>
public sealed class PageTreeLock(DbSession db, ContentStore store)
{
    /// <summary>
    /// Answers the page and the target as they are under the lock. The target is the new parent, or for a move
    /// before or after a sibling, that sibling: either way the page must not be one of its ancestors. A page or
    /// target that changed space since it was read (the lock would be the wrong one) or is gone answers 409.
    /// </summary>
    public async Task<(ContentRecord Page, ContentRecord Target)> LockAsync(ContentRecord page, ContentRecord target, CancellationToken ct = default)
    {
        if (!db.InTransaction) throw new InvalidOperationException("A page is moved inside a transaction, which holds the tree lock until it ends.");
        await store.LockTreesAsync([page.SpaceId, target.SpaceId], ct);
        var now = (await store.FindManyAsync([page.Id, target.Id], ct)).ToDictionary(c => c.Id);
        if (!now.TryGetValue(page.Id, out var lockedPage) || !now.TryGetValue(target.Id, out var lockedTarget) ||
            lockedPage.SpaceId != page.SpaceId || lockedTarget.SpaceId != target.SpaceId)
            throw new ConflictException("The page or the place it is moved to was moved or removed meanwhile; read them again.");
        if ((await store.AncestorsAsync([lockedTarget.Id], ct: ct)).Any(a => a.Id == lockedPage.Id))
            throw new BadRequestException("A page cannot be moved under one of its own descendants.");
        return (lockedPage, lockedTarget);
    }
}
