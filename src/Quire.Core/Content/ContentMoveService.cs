using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// Moves a page before or after a sibling, or to the end of a page's children; a move into
/// another space takes the page's whole subtree along. A move to another parent (or space) raises
/// <c>page_moved</c>; one among the same parent's children only reorders them, and raises
/// <c>page_children_reordered</c> about the parent, as Confluence does.
/// </summary>
public sealed class ContentMoveService(
    DbSession db, ContentStore store, ContentTreeStore tree, ContentAccess access, PageTreeLock treeLock, Webhooks.ContentWebhooks webhooks,
    SpaceAccess spaces)
{
    public static readonly IReadOnlySet<string> Positions = new HashSet<string> { "before", "after", "append" };

    /// <summary>Answers the moved page's id.</summary>
    public async Task<long> MoveAsync(Caller caller, string? pageId, string? position, string? targetId, CancellationToken ct = default)
    {
        if (position is null || !Positions.Contains(position))
            throw new BadRequestException($"position must be before, after or append, not '{position}'.");
        var (page, _) = await access.ViewableAsync(caller, pageId, ct);
        var (target, _) = await access.ViewableAsync(caller, targetId, ct);
        RequireCurrentPage(page, "moved");
        RequireCurrentPage(target, "the target of a move");
        if (page.Id == target.Id) throw new BadRequestException("A page cannot be moved relative to itself.");
        await access.RequireEditAsync(caller, page, ct);
        await access.RequireEditAsync(caller, target, ct);

        await db.InTransactionAsync(async () =>
        {
            // Everything the move writes is decided on the page and target as they are under the tree lock, which also refuses
            // a target inside the page's own subtree (for before/after, whose parent would then be in it).
            (page, target) = await treeLock.LockAsync(page, target, ct);
            RequireCurrentPage(page, "moved");
            RequireCurrentPage(target, "the target of a move");
            var parentId = position == "append" ? target.Id : target.ParentId;
            var spaceChanges = target.SpaceId != page.SpaceId;
            if (spaceChanges && await tree.SubtreeTitleClashAsync(page.Id, target.SpaceId, ct))
                throw new BadRequestException(ContentRules.DuplicateTitleMessage(ContentRules.Page));
            var reorders = parentId == page.ParentId && !spaceChanges;
            var oldOrder = reorders && parentId is { } family && await webhooks.WantsChildrenReorderedAsync(ct)
                ? await tree.ChildPageOrderAsync(family, ct) : null;
            int newPosition;
            if (position == "append")
                newPosition = await store.NextPositionAsync(target.SpaceId, ContentRules.Page, target.Id, ct);
            else
            {
                newPosition = position == "before" ? target.Position : target.Position + 1;
                await tree.ShiftSiblingsAsync(target.SpaceId, parentId, newPosition, page.Id, ct);
            }
            if (!await tree.TryMoveAsync(page.Id, page.ParentId, parentId, newPosition, target.SpaceId, ct))
                throw new BadRequestException(ContentRules.DuplicateTitleMessage(ContentRules.Page));
            if (!reorders)
                await webhooks.MovedAsync(page, page.ParentId, parentId, caller, ct);
            else if (oldOrder is not null && parentId is { } parent)
            {
                // A move to where the page already was changes no order and announces nothing.
                var newOrder = await tree.ChildPageOrderAsync(parent, ct);
                if (!oldOrder.SequenceEqual(newOrder))
                {
                    var parentRecord = parent == target.Id ? target : await store.FindAsync(parent, ct);
                    if (parentRecord is not null) await webhooks.ChildrenReorderedAsync(parentRecord, oldOrder, newOrder, caller, ct);
                }
            }
            return true;
        }, ct);
        return page.Id;
    }

    /// <summary>
    /// Moves a page, with its subtree, to the end of the top level of a space (its own or another): the move v1 cannot
    /// name, since its target is a page. Needs edit permission on the page and the create-page permission of the space it
    /// goes to; raises <c>page_moved</c> as any move to another parent does. A page already at that top level stays put.
    /// Answers the moved page's id.
    /// </summary>
    public async Task<long> MoveToTopLevelAsync(Caller caller, string? pageId, string? spaceKey, CancellationToken ct = default)
    {
        var (page, _) = await access.ViewableAsync(caller, pageId, ct);
        RequireCurrentPage(page, "moved");
        await access.RequireEditAsync(caller, page, ct);
        if (string.IsNullOrWhiteSpace(spaceKey)) throw new BadRequestException("Name the space whose top level the page moves to.");
        var space = await spaces.ViewableAsync(caller, spaceKey.Trim(), ct);
        await spaces.RequireAsync(caller, space, new SpaceOperation("create", ContentRules.PermissionTarget(page.Type)), ct);

        await db.InTransactionAsync(async () =>
        {
            // Decided on the page as it is under the tree lock of both spaces (as the other moves are).
            await store.LockTreesAsync([page.SpaceId, space.Id], ct);
            var locked = await store.FindAsync(page.Id, ct);
            if (locked is null || locked.SpaceId != page.SpaceId)
                throw new ConflictException("The page was moved or removed meanwhile; read it again.");
            RequireCurrentPage(locked, "moved");
            var spaceChanges = locked.SpaceId != space.Id;
            if (!spaceChanges && locked.ParentId is null) return;
            if (spaceChanges && await tree.SubtreeTitleClashAsync(locked.Id, space.Id, ct))
                throw new BadRequestException(ContentRules.DuplicateTitleMessage(ContentRules.Page));
            var position = await store.NextPositionAsync(space.Id, locked.Type, null, ct);
            if (!await tree.TryMoveAsync(locked.Id, locked.ParentId, null, position, space.Id, ct))
                throw new BadRequestException(ContentRules.DuplicateTitleMessage(ContentRules.Page));
            await webhooks.MovedAsync(locked, locked.ParentId, null, caller, ct);
        }, ct);
        return page.Id;
    }

    /// <summary>Pages move in the page tree, and so do its folders, whiteboards, databases and smart links (into and out of folders).</summary>
    private static void RequireCurrentPage(ContentRecord record, string role)
    {
        if (!ContentRules.InPageTree(record.Type) || record.Status != ContentRules.Current)
            throw new BadRequestException($"Only current pages and folders can be {role}; content {record.Id} is a {record.Status} {record.Type}.");
    }
}
