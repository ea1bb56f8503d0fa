using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>How copied titles are rewritten: <c>search</c> replaced by <c>replace</c>, then <c>prefix</c> put in front.</summary>
public sealed record TitleOptions(string? Prefix, string? Search, string? Replace)
{
    public string Apply(string title) =>
        (Prefix ?? "") + (string.IsNullOrEmpty(Search) ? title : title.Replace(Search, Replace ?? "", StringComparison.Ordinal));
}

/// <summary>A copyPageHierarchy request; custom content has nothing to copy in Quire yet; permissions are page restrictions.</summary>
public sealed record HierarchyCopyRequest(
    string? DestinationPageId, TitleOptions Titles, bool CopyDescendants, bool CopyLabels, bool CopyProperties, bool CopyAttachments = false,
    bool CopyPermissions = false);

/// <summary>
/// Checks a hierarchy copy when it is asked for (visibility, permission, titles) and queues it;
/// <see cref="PageHierarchyCopyHandler"/> does the copying.
/// </summary>
public sealed class PageHierarchyCopyService(
    ContentAccess access, Spaces.SpaceAccess spaceAccess, ContentStore store, ContentTreeStore tree, LongTaskService tasks, LongTaskSignal signal)
{
    public async Task<Storage.Tasks.LongTaskRecord> EnqueueAsync(Caller caller, string? id, HierarchyCopyRequest request, CancellationToken ct = default)
    {
        var (source, _) = await access.ViewableAsync(caller, id, ct);
        if (source.Type != ContentRules.Page || source.Status != ContentRules.Current)
            throw new BadRequestException($"Only a current page's hierarchy can be copied; content {id} is a {source.Status} {source.Type}.");
        if (string.IsNullOrWhiteSpace(request.DestinationPageId)) throw new BadRequestException("destinationPageId is required.");
        var (destination, destinationSpace) = await access.ViewableAsync(caller, request.DestinationPageId, ct);
        if (destination.Type != ContentRules.Page || destination.Status != ContentRules.Current)
            throw new BadRequestException($"The destination {request.DestinationPageId} must be a current page.");
        await access.RequireEditAsync(caller, destination, ct);
        if (request.CopyAttachments)
            await spaceAccess.RequireAsync(caller, destinationSpace, new Spaces.SpaceOperation("create", ContentRules.Attachment), ct);
        if (destination.Id == source.Id || (await store.AncestorsAsync([destination.Id], ct: ct)).Any(a => a.Id == source.Id))
            throw new BadRequestException("A page hierarchy cannot be copied into itself.");

        // Refuse clashing titles now, with a clear 400, rather than as a failed task later.
        var pages = await tree.PageTreeAsync(source.Id, request.CopyDescendants, Spaces.SpaceAccess.ViewerOf(caller), ct);
        var titles = pages.Select(p => request.Titles.Apply(p.Title)).ToList();
        if (titles.FirstOrDefault(t => t.Length > ContentRules.MaxTitleLength) is { } tooLong)
            throw new BadRequestException($"The copied title '{tooLong[..40]}...' would be longer than {ContentRules.MaxTitleLength} characters.");
        var lower = titles.Select(t => t.ToLowerInvariant()).ToList();
        if (lower.Distinct().Count() != lower.Count)
            throw new BadRequestException("The title options would give two copied pages the same title.");
        var taken = await tree.TakenTitlesAsync(destination.SpaceId, lower, ct);
        if (taken.Count > 0)
            throw new BadRequestException($"A page titled '{taken[0]}' already exists in the destination space; use titleOptions to rename the copies.");

        var payload = new PageHierarchyCopyHandler.Payload(
            source.Id, destination.Id, caller.UserId, request.Titles.Prefix, request.Titles.Search, request.Titles.Replace,
            request.CopyDescendants, request.CopyLabels, request.CopyProperties, request.CopyAttachments, request.CopyPermissions);
        var task = await tasks.EnqueueAsync(PageHierarchyCopyHandler.TaskType, PageHierarchyCopyHandler.NameKey, payload, caller.UserId, ct);
        signal.Notify();
        return task;
    }
}

/// <summary>
/// Copies a page and its descendants under the destination page in one transaction: a rerun
/// after a crash starts from nothing, and a title taken meanwhile fails the task with nothing copied.
/// </summary>
public sealed class PageHierarchyCopyHandler(
    DbSession db, ContentStore store, ContentTreeStore tree, ContentCopyStore copies, Storage.Restrictions.ContentRestrictionStore restrictions,
    Viewers viewers, BodyIndexer bodies, Storage.Watches.WatchStore watches, TimeProvider time, Storage.Users.UserStore users,
    Webhooks.ContentWebhooks webhooks)
    : ILongTaskHandler
{
    public const string TaskType = "page-hierarchy-copy";
    public const string NameKey = "com.atlassian.confluence.pages.hierarchy.copy";

    public sealed record Payload(
        long SourceId, long DestinationId, long OwnerId, string? Prefix, string? Search, string? Replace,
        bool CopyDescendants, bool CopyLabels, bool CopyProperties, bool CopyAttachments = false, bool CopyPermissions = false);

    public string Type => TaskType;

    public async Task RunAsync(LongTaskContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(context.Task.Payload)
                      ?? throw new InvalidOperationException("The task has no page hierarchy to copy.");
        var titles = new TitleOptions(payload.Prefix, payload.Search, payload.Replace);
        var pages = await tree.PageTreeAsync(payload.SourceId, payload.CopyDescendants, await viewers.OfUserAsync(payload.OwnerId, ct), ct);
        var destination = await store.FindAsync(payload.DestinationId, ct);
        if (pages.Count == 0 || destination is null || destination.Status != ContentRules.Current)
            throw new NotFoundException("The source page or the destination page no longer exists.");
        await context.ReportAsync(0, $"Copying {pages.Count} pages.");
        // The copies are announced as the task's owner's (page_created each); only their account id is needed.
        var owner = await users.FindByIdAsync(payload.OwnerId, ct);
        var actor = owner is null ? null : new Caller(owner, new HashSet<string>(), isSiteAdmin: false);

        await db.InTransactionAsync(async () =>
        {
            // Each copy's parent is the copy of its original's parent; pages come parents first.
            var copied = new Dictionary<long, long> { [pages[0].ParentId ?? 0] = destination.Id };
            var created = new List<ContentRecord>();
            var now = time.NowMillis();
            foreach (var page in pages)
            {
                if (!copied.TryGetValue(page.ParentId ?? 0, out var parentId)) continue;
                var title = titles.Apply(page.Title);
                var record = page with
                {
                    SpaceId = destination.SpaceId, ParentId = parentId, Title = title, Version = 1, VersionMessage = "", MinorEdit = false,
                    Position = page.Id == payload.SourceId
                        ? await store.NextPositionAsync(destination.SpaceId, ContentRules.Page, destination.Id, ct) : page.Position,
                    CreatedBy = payload.OwnerId, CreatedAt = now, UpdatedBy = payload.OwnerId, UpdatedAt = now,
                };
                var id = await store.TryInsertAsync(record, ct)
                         ?? throw new BadRequestException($"A page titled '{title}' already exists in the destination space; nothing was copied.");
                await bodies.WrittenAsync(id, record.BodyStorage, payload.OwnerId, now, ct);
                // The copies are the owner's new pages, watched by their creator as every new page is.
                await watches.AddAsync(Storage.Watches.Watched.Content(id), payload.OwnerId, now, ct);
                if (payload.CopyLabels) await copies.CopyLabelsAsync(page.Id, id, now, ct);
                if (payload.CopyProperties) await copies.CopyPropertiesAsync(page.Id, id, payload.OwnerId, now, ct);
                if (payload.CopyAttachments) await copies.CopyAttachmentsAsync(page.Id, id, destination.SpaceId, payload.OwnerId, now, ct);
                if (payload.CopyPermissions) await restrictions.CopyAsync(page.Id, id, ct);
                copied[page.Id] = id;
                created.Add(record with { Id = id });
            }
            await webhooks.CreatedManyAsync(created, actor, ct);
        }, ct);
        await context.ReportAsync(99, $"Copied {pages.Count} pages.");
    }
}
