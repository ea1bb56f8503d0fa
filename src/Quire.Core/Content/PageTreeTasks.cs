using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>Checks and queues the asynchronous page operations: trashing a page tree and archiving pages.</summary>
public sealed class PageTreeTaskService(ContentAccess access, SpaceAccess spaceAccess, LongTaskService tasks, LongTaskSignal signal)
{
    /// <summary>The most pages one archive request may name.</summary>
    public const int MaxArchivePages = 300;

    public async Task<Storage.Tasks.LongTaskRecord> DeletePageTreeAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        var (page, _) = await access.ViewableAsync(caller, id, ct);
        if (page.Type != ContentRules.Page || page.Status != ContentRules.Current)
            throw new BadRequestException($"Only the tree of a current page can be deleted; content {id} is a {page.Status} {page.Type}.");
        await access.RequireDeleteAsync(caller, page, ct);
        return await EnqueueAsync(PageTreeTrashHandler.TaskType, PageTreeTrashHandler.NameKey, new PageTreeTrashHandler.Payload(page.Id), caller, ct);
    }

    /// <summary>Every id must name a current page the caller may see and archive; otherwise nothing is queued.</summary>
    public async Task<Storage.Tasks.LongTaskRecord> ArchiveAsync(Caller caller, IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) throw new BadRequestException("pages must name at least one page to archive.");
        if (ids.Count > MaxArchivePages) throw new BadRequestException($"At most {MaxArchivePages} pages may be archived at once.");
        var pageIds = new List<long>();
        foreach (var id in ids.Distinct())
        {
            ContentItem item;
            try
            {
                var (record, space) = await access.ViewableAsync(caller, id, ct);
                item = new ContentItem(record, space);
            }
            catch (NotFoundException)
            {
                throw new BadRequestException($"No page with id '{id}' was found.");
            }
            if (item.Content.Type != ContentRules.Page || item.Content.Status != ContentRules.Current)
                throw new BadRequestException($"Only current pages can be archived; content {id} is a {item.Content.Status} {item.Content.Type}.");
            await spaceAccess.RequireAsync(caller, item.Space, new SpaceOperation("archive", ContentRules.Page), ct);
            pageIds.Add(item.Content.Id);
        }
        return await EnqueueAsync(PageArchiveHandler.TaskType, PageArchiveHandler.NameKey, new PageArchiveHandler.Payload(pageIds), caller, ct);
    }

    private async Task<Storage.Tasks.LongTaskRecord> EnqueueAsync(string type, string nameKey, object payload, Caller caller, CancellationToken ct)
    {
        var task = await tasks.EnqueueAsync(type, nameKey, payload, caller.UserId, ct);
        signal.Notify();
        return task;
    }
}

/// <summary>Trashes a page and all its descendants, folders and the pages in them included (deletePageTree).</summary>
public sealed class PageTreeTrashHandler(
    DbSession db, ContentTreeStore tree, Viewers viewers, TimeProvider time, Storage.Users.UserStore users, Webhooks.ContentWebhooks webhooks)
    : ILongTaskHandler
{
    public const string TaskType = "page-tree-delete";
    public const string NameKey = "com.atlassian.confluence.pages.tree.delete";

    public sealed record Payload(long PageId);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task has no page tree to delete.");
        await context.ReportAsync(0, $"Moving the page tree of {payload.PageId} to the trash.");
        var owner = await viewers.OfUserAsync(context.Task.OwnerId, ct);
        // Each item trashed is announced (page_trashed, content_trashed for a folder...) as the task's owner's change, in the same transaction.
        var ownerRecord = context.Task.OwnerId is { } ownerId ? await users.FindByIdAsync(ownerId, ct) : null;
        var actor = ownerRecord is null ? null : new Caller(ownerRecord, new HashSet<string>(), isSiteAdmin: false);
        var trashed = await db.InTransactionAsync(async () =>
        {
            var items = await tree.TrashPageTreeAsync(payload.PageId, time.NowMillis(), owner, ct);
            await webhooks.TreeItemsAsync(Webhooks.ContentChange.Trashed, items, actor, ct);
            return items.Count;
        }, ct);
        await context.ReportAsync(99, $"{trashed} pages and folders moved to the trash.");
    }
}

/// <summary>Archives the pages of an archivePages request.</summary>
public sealed class PageArchiveHandler(DbSession db, ContentTreeStore tree) : ILongTaskHandler
{
    public const string TaskType = "page-archive";
    public const string NameKey = "com.atlassian.confluence.pages.archive";

    public sealed record Payload(IReadOnlyList<long> PageIds);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task has no pages to archive.");
        await context.ReportAsync(0, $"Archiving {payload.PageIds.Count} pages.");
        var archived = await db.InTransactionAsync(() => tree.ArchivePagesAsync(payload.PageIds, ct), ct);
        await context.ReportAsync(99, $"{archived} pages archived.");
    }
}
