using Quire.Core.Attachments;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>Lists, reads, restores and deletes the versions of a piece of content.</summary>
public sealed class ContentVersionService(
    DbSession db, ContentStore store, ContentAccess access, ContentService content, AttachmentStore attachments, BlobCollector blobs)
{
    /// <summary>The content and a page of its versions, newest first (the current one included).</summary>
    public async Task<(ContentItem Content, Page<ContentVersionRecord> Versions)> ListAsync(
        Caller caller, string? id, PageRequest page, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        var rows = await store.VersionsAsync(record.Id, page.Start, page.FetchCount, ct);
        return (new ContentItem(record, space), Page<ContentVersionRecord>.FromOverfetch(rows, page));
    }

    /// <summary>
    /// The content, if it is of the kind the route names (404 otherwise, as for missing content), and one page
    /// of a keyset walk over its versions (v2): the key is the version number, which orders them by date.
    /// </summary>
    public async Task<(ContentItem Content, KeysetPage<ContentVersionRecord> Versions)> ListAfterAsync(
        Caller caller, string? id, Func<ContentRecord, bool> isOfRoute, bool newestFirst, KeysetRequest page, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        if (!isOfRoute(record)) throw new NotFoundException($"No content with id '{id}' was found.");
        var after = page.After is { } key ? (int?)Math.Clamp(key.Id, int.MinValue, int.MaxValue) : null;
        var rows = await store.VersionsAfterAsync(record.Id, newestFirst, after, page.FetchCount, ct);
        return (new ContentItem(record, space), KeysetPage<ContentVersionRecord>.FromOverfetch(rows, page, v => new Keyset(null, v.Number)));
    }

    public async Task<(ContentItem Content, ContentVersionRecord Version)> GetAsync(
        Caller caller, string? id, int number, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        var version = (await store.VersionsAsync([record.Id], [number], ct)).FirstOrDefault()
            ?? throw new NotFoundException($"Content {id} has no version {number}.");
        return (new ContentItem(record, space), version);
    }

    /// <summary>
    /// Makes version <paramref name="number"/> the content of a new version. Its title comes
    /// back only when asked (<c>restoreTitle</c>, default false, as the spec says).
    /// </summary>
    public async Task<ContentItem> RestoreAsync(
        Caller caller, string? id, int number, string? message, bool restoreTitle, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        await access.RequireEditAsync(caller, record, ct);
        if (record.Type == ContentRules.Attachment)
            throw new BadRequestException("An attachment's earlier version is restored by uploading it again as new data.");
        if (number == record.Version) throw new BadRequestException($"Version {number} is already the current version.");
        var old = (await store.VersionsAsync([record.Id], [number], ct)).FirstOrDefault()
            ?? throw new NotFoundException($"Content {id} has no version {number}.");
        var changes = new ContentChanges(
            record.Version + 1, message ?? $"Restored from version {number}", false, record.Type,
            restoreTitle ? old.Title : record.Title, null, null, new BodyInput(old.BodyStorage, "storage"));
        return await content.UpdateAsync(caller, id, changes, ct);
    }

    /// <summary>
    /// Deletes an earlier version; the current one cannot go (400). The later versions, the
    /// current one included, are numbered one lower, as in Confluence Cloud.
    /// </summary>
    public async Task DeleteAsync(Caller caller, string? id, int number, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        await access.RequireEditAsync(caller, record, ct);
        var freed = await db.InTransactionAsync(async () =>
        {
            // Held until the commit: an update or upload meanwhile either came first or waits, so
            // the numbers moved here are all there are and none is given twice.
            var current = await store.LockAsync(record.Id, ct) ?? throw new NotFoundException($"No content with id '{id}' was found.");
            if (number == current.Version) throw new BadRequestException("The current version cannot be deleted.");
            // An attachment version takes its file along; its bytes go if no other version holds them.
            var file = current.Type == ContentRules.Attachment ? await attachments.FileAsync(record.Id, number, ct) : null;
            if (!await store.DeleteVersionAsync(record.Id, number, ct))
                throw new NotFoundException($"Content {id} has no version {number}.");
            if (file is not null) await attachments.DeleteFileAsync(record.Id, number, ct);
            return file?.BlobKey;
        }, ct);
        if (freed is not null) await blobs.CollectAsync([freed], ct);
    }
}
