using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Blobs;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Attachments;

/// <summary>
/// Attachments: content of type <c>attachment</c> on a page, blog post or custom content, each version
/// holding one blob. Uploads arrive in two steps: the bytes stream to the blob store first
/// (<see cref="ReceiveAsync"/>), then one transaction publishes them and writes the records,
/// so a refused or interrupted upload leaves no record and no visible file.
/// </summary>
public sealed class AttachmentService(
    DbSession db, ContentStore content, AttachmentStore attachments, ContentAccess access, SpaceAccess spaceAccess,
    IBlobStore blobs, BlobGate gate, TimeProvider time, Webhooks.ContentWebhooks webhooks, CustomContent.CustomContentTypeService customTypes)
{
    /// <summary>
    /// The page or blog post an upload goes to, checked before any byte is read: the caller
    /// must see it (404 otherwise), may add attachments in its space and passes its update
    /// restriction (403 otherwise).
    /// </summary>
    public async Task<ContentItem> ContainerForUploadAsync(Caller caller, string? containerId, string? status, CancellationToken ct = default)
    {
        var wanted = status ?? ContentRules.Current;
        if (wanted is not (ContentRules.Current or ContentRules.Draft))
            throw new BadRequestException($"Attachments are added to current or draft content, not '{status}'.");
        var (container, space) = await access.ViewableAsync(caller, containerId, ct);
        // Custom content takes attachments when its declaration lists them among its child types (Cloud's supportedChildTypes).
        var custom = ContentRules.IsCustom(container.Type);
        if ((!custom && container.Type is not (ContentRules.Page or ContentRules.BlogPost)) ||
            (custom && !(await customTypes.DeclaredAsync(container.Type, ct)).Contains(AttachmentRules.Type)))
            throw new BadRequestException($"Attachments belong to pages, blog posts and custom content that takes them, not to a {container.Type}.");
        if (container.Status != wanted)
            throw new NotFoundException($"No {wanted} content with id '{containerId}' was found.");
        await spaceAccess.RequireAsync(caller, space, new SpaceOperation("create", AttachmentRules.Type), ct);
        await access.RequireUpdateRestrictionAsync(caller, container, ct);
        return new ContentItem(container, space);
    }

    /// <summary>Streams one file's bytes aside; over <paramref name="maxBytes"/> answers 413 and keeps nothing.</summary>
    public async Task<ReceivedBlob> ReceiveAsync(Stream bytes, long maxBytes, CancellationToken ct = default)
    {
        try
        {
            return await blobs.ReceiveAsync(bytes, maxBytes, ct);
        }
        catch (BlobTooLargeException e)
        {
            throw new PayloadTooLargeException($"The file is larger than the maximum attachment size of {e.Limit} bytes.");
        }
    }

    /// <summary>Drops received bytes; harmless for bytes already published.</summary>
    public async Task DiscardAsync(IEnumerable<ReceivedBlob> received)
    {
        foreach (var blob in received) await blobs.DiscardAsync(blob);
    }

    /// <summary>
    /// Adds each file as a new attachment of the container. A name the container already has
    /// is refused (400), unless <paramref name="replaceExisting"/>, which makes a new version of it.
    /// Uploads to one container take turns (<see cref="PublishingAsync{T}"/>), so of twenty
    /// simultaneous uploads of one name with <paramref name="replaceExisting"/> the first creates
    /// the attachment and each later one makes its next version.
    /// </summary>
    public async Task<IReadOnlyList<ContentItem>> AddAsync(
        Caller caller, ContentItem container, AttachmentUpload upload, bool replaceExisting, CancellationToken ct = default)
    {
        var files = Validate(upload);
        var names = files.Select(f => f.Name.ToLowerInvariant()).ToList();
        var now = time.NowMillis();
        // A name already taken is refused before any byte is published, so a refused upload
        // usually costs nothing; the check that counts is the one under the lock below.
        // (Editing an existing attachment needs create/attachment in its space, which
        // ContainerForUploadAsync has checked for the container's space, where they all are.)
        if (!replaceExisting) RefuseTakenNames(files, await attachments.FindByNamesAsync(container.Content.Id, names, ct));
        var rows = await PublishingAsync(container.Content, files.Select(f => f.Incoming.Blob).ToList(), now, async () =>
        {
            var existing = new Dictionary<string, ContentRecord>();
            foreach (var found in await attachments.FindByNamesAsync(container.Content.Id, names, ct))
            {
                // Locked too: a version deletion or property change of the attachment, which do not
                // lock its page, is then either done or waits, and this writes on the version it left.
                if (await content.LockAsync(found.Id, ct) is { Status: ContentRules.Current } current && current.ContainerId == container.Content.Id)
                    existing[current.Title.ToLowerInvariant()] = current;
            }
            if (!replaceExisting) RefuseTakenNames(files, existing.Values);
            var written = new List<long>();
            foreach (var file in files)
            {
                if (existing.TryGetValue(file.Name.ToLowerInvariant(), out var current))
                {
                    written.Add(await NewVersionAsync(caller, container.Content, current, current.Title, file.Incoming.MediaType, file.Incoming.Blob,
                        file.Comment, upload.MinorEdit, now, ct));
                    continue;
                }
                var record = new ContentRecord
                {
                    Type = AttachmentRules.Type, Status = ContentRules.Current, SpaceId = container.Space.Id,
                    ContainerId = container.Content.Id, Title = file.Name, Version = 1, VersionMessage = file.Comment,
                    MinorEdit = upload.MinorEdit, CreatedBy = caller.UserId, CreatedAt = now, UpdatedBy = caller.UserId, UpdatedAt = now,
                };
                var id = await content.TryInsertAsync(record, ct)
                    ?? throw new BadRequestException(AttachmentRules.DuplicateNameMessage(file.Name)); // moved here meanwhile
                await attachments.InsertFileAsync(FileOf(id, 1, file.Incoming.Blob, file.Incoming.MediaType, file.Comment), ct);
                await AnnounceAsync(Webhooks.ContentChange.Created, record with { Id = id }, container.Content, caller, ct);
                written.Add(id);
            }
            // Read before the commit: the answer describes the versions this upload made, not
            // those of an upload that takes its turn right after.
            var rows = (await content.FindManyAsync(written, ct)).ToDictionary(r => r.Id);
            return written.Select(id => rows[id]).ToList();
        }, ct);
        return rows.Select(row => new ContentItem(row, container.Space)).ToList();
    }

    private static void RefuseTakenNames(IEnumerable<CheckedFile> files, IEnumerable<ContentRecord> existing)
    {
        var taken = existing.Select(a => a.Title.ToLowerInvariant()).ToHashSet();
        if (files.FirstOrDefault(f => taken.Contains(f.Name.ToLowerInvariant())) is { } file)
            throw new BadRequestException(AttachmentRules.DuplicateNameMessage(file.Name));
    }

    /// <summary>
    /// Makes the uploaded file (exactly one) the next version of the attachment: the next after
    /// whatever version earlier uploads made, since uploads to its page take turns.
    /// </summary>
    public async Task<ContentItem> UpdateDataAsync(
        Caller caller, ContentItem container, string? attachmentId, AttachmentUpload upload, CancellationToken ct = default)
    {
        var files = Validate(upload);
        if (files.Count != 1) throw new BadRequestException("Updating an attachment's data takes exactly one file.");
        var attachment = await AttachmentOfAsync(caller, container.Content.Id, attachmentId, ct);
        var file = files[0];
        var now = time.NowMillis();
        var written = await PublishingAsync(container.Content, [file.Incoming.Blob], now, async () =>
        {
            var current = await content.LockAsync(attachment.Id, ct);
            if (current is not { Status: ContentRules.Current } || current.ContainerId != container.Content.Id)
                throw new NotFoundException($"Content {container.Content.Id} has no attachment with id '{attachmentId}'.");
            await NewVersionAsync(
                caller, container.Content, current, current.Title, file.Incoming.MediaType, file.Incoming.Blob, file.Comment, upload.MinorEdit, now, ct);
            return (await content.FindManyAsync([attachment.Id], ct))[0]; // the version this upload made, read before the next one's turn
        }, ct);
        return new ContentItem(written, container.Space);
    }

    /// <summary>
    /// Changes an attachment's file name, media type, comment or page as a new version that
    /// keeps its bytes. The version must be the current one plus one (409 otherwise).
    /// </summary>
    public async Task<ContentItem> UpdatePropertiesAsync(
        Caller caller, string? containerId, string? attachmentId, AttachmentChanges changes, CancellationToken ct = default)
    {
        var (container, space) = await ContainerOfAttachmentsAsync(caller, containerId, ct);
        var attachment = await AttachmentOfAsync(caller, container.Id, attachmentId, ct);
        if (changes.Id is not null && ContentAccess.ParseId(changes.Id) != attachment.Id)
            throw new BadRequestException($"The id in the body ({changes.Id}) is not the attachment's ({attachmentId}).");
        if (changes.Type is not null && changes.Type != AttachmentRules.Type)
            throw new BadRequestException($"The type of an attachment is 'attachment', not '{changes.Type}'.");
        if (changes.VersionNumber is not { } number || number < 1)
            throw new BadRequestException("version.number must be given: the attachment's current version plus one.");
        if (number != attachment.Version + 1) throw new ConflictException(ContentRules.VersionConflictMessage(attachment.Version));
        await access.RequireEditAsync(caller, attachment, ct);

        var title = changes.Title is null ? attachment.Title : AttachmentRules.FileName(changes.Title);
        var target = (Content: container, Space: space);
        if (changes.ContainerId is not null && ContentAccess.ParseId(changes.ContainerId) != container.Id)
        {
            try
            {
                target = await access.ViewableAsync(caller, changes.ContainerId, ct);
            }
            catch (NotFoundException)
            {
                throw new BadRequestException($"The container {changes.ContainerId} was not found.");
            }
            if (target.Content.Type is not (ContentRules.Page or ContentRules.BlogPost) || target.Content.Status != ContentRules.Current)
                throw new ForbiddenException($"An attachment can only be moved to a current page or blog post, not to a {target.Content.Type}.");
            await spaceAccess.RequireAsync(caller, target.Space, new SpaceOperation("create", AttachmentRules.Type), ct);
            await access.RequireUpdateRestrictionAsync(caller, target.Content, ct);
        }
        var file = await attachments.FileAsync(attachment.Id, attachment.Version, ct)
                   ?? throw new NotFoundException($"Attachment {attachmentId} has no file.");
        var mediaType = string.IsNullOrWhiteSpace(changes.MediaType) ? file.MediaType : AttachmentRules.MediaType(changes.MediaType);
        var comment = changes.Comment is null ? file.Comment : AttachmentRules.Comment(changes.Comment);
        var now = time.NowMillis();

        await db.InTransactionAsync(async () =>
        {
            // Page and name change together, so the name is checked where the attachment is going.
            if (target.Content.Id != container.Id && !await attachments.TryMoveAsync(attachment.Id, container.Id, target.Content.Id, target.Space.Id, title, ct))
                throw new BadRequestException(AttachmentRules.DuplicateNameMessage(title));
            var moved = attachment with { ContainerId = target.Content.Id, SpaceId = target.Space.Id };
            var blob = new ReceivedBlob(file.BlobKey, file.FileSize, "");
            await NewVersionAsync(caller, target.Content, moved, title, mediaType, blob, comment, minorEdit: false, now, ct);
        }, ct);
        return new ContentItem((await content.FindAsync(attachment.Id, ct))!, target.Space);
    }

    /// <summary>The container (visible to the caller) and a page of its current attachments.</summary>
    public async Task<(ContentItem Container, Page<ContentRecord> Attachments)> ListAsync(
        Caller caller, string? containerId, string? fileName, string? mediaType, PageRequest page, CancellationToken ct = default)
    {
        var (container, space) = await ContainerOfAttachmentsAsync(caller, containerId, ct);
        var rows = await attachments.ListAsync(
            container.Id, string.IsNullOrWhiteSpace(fileName) ? null : fileName.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(mediaType) ? null : mediaType.Trim(), page.Start, page.FetchCount, ct);
        return (new ContentItem(container, space), Page<ContentRecord>.FromOverfetch(rows, page));
    }

    /// <summary>Opens the bytes of an attachment version (the current one by default) for the caller to read.</summary>
    public async Task<AttachmentDownload> OpenAsync(Caller caller, string? containerId, string? attachmentId, int? version, CancellationToken ct = default)
    {
        var (container, _) = await ContainerOfAttachmentsAsync(caller, containerId, ct);
        return await OpenVersionAsync(await AttachmentOfAsync(caller, container.Id, attachmentId, ct), version, ct);
    }

    /// <summary>Opens an attachment by its page and file name, as <c>_links.download</c> addresses it.</summary>
    public async Task<AttachmentDownload> OpenByNameAsync(
        Caller caller, string? containerId, string fileName, int? version, CancellationToken ct = default)
    {
        var (container, _) = await ContainerOfAttachmentsAsync(caller, containerId, ct);
        var attachment = (await attachments.FindByNamesAsync(container.Id, [fileName.ToLowerInvariant()], ct)).FirstOrDefault()
                         ?? throw new NotFoundException($"Content {containerId} has no attachment named '{fileName}'.");
        return await OpenVersionAsync(attachment, version, ct);
    }

    private async Task<AttachmentDownload> OpenVersionAsync(ContentRecord attachment, int? version, CancellationToken ct)
    {
        var number = version ?? attachment.Version;
        if (number < 1 || number > attachment.Version)
            throw new BadRequestException($"Attachment {attachment.Id} has versions 1 to {attachment.Version}; {number} is not one of them.");
        var file = await attachments.FileAsync(attachment.Id, number, ct)
                   ?? throw new NotFoundException($"Version {number} of attachment {attachment.Id} was deleted.");
        var stream = await blobs.OpenReadAsync(file.BlobKey, file.FileSize, ct)
                     ?? throw new InvalidOperationException($"The bytes of blob {file.BlobKey} are missing from the blob store.");
        return new AttachmentDownload(attachment, file, stream);
    }

    /// <summary>
    /// A page or blog post whose attachments the caller may see: trashed content shows none
    /// (as in Confluence, its attachments go to the trash with it).
    /// </summary>
    private async Task<(ContentRecord Content, SpaceRecord Space)> ContainerOfAttachmentsAsync(Caller caller, string? containerId, CancellationToken ct)
    {
        var found = await access.ViewableAsync(caller, containerId, ct);
        if (found.Content.Status is ContentRules.Trashed or ContentRules.Historical)
            throw new NotFoundException($"No content with id '{containerId}' was found.");
        return found;
    }

    /// <summary>
    /// Publishes received bytes and writes their records in one transaction, holding the blobs'
    /// keys against collection meanwhile. The transaction starts by locking the container's row,
    /// so uploads to one page take turns and each sees the attachments and versions the one
    /// before it wrote (the blobs' keys are held first, as a collection holds them, so the two
    /// never wait on each other in opposite order). A container trashed or deleted meanwhile
    /// answers 404. Should the transaction fail, bytes it published that no record holds are
    /// taken back at once, so nothing is left on disk for nobody.
    /// </summary>
    private async Task<T> PublishingAsync<T>(
        ContentRecord container, IReadOnlyList<ReceivedBlob> received, long now, Func<Task<T>> write, CancellationToken ct)
    {
        await using var hold = await gate.HoldAsync(received.Select(b => b.Key), ct);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                if (await content.LockAsync(container.Id, ct) is not { } locked || locked.Status != container.Status)
                    throw new NotFoundException($"No {container.Status} content with id '{container.Id}' was found.");
                foreach (var blob in received.DistinctBy(b => b.Key)) await blobs.PublishAsync(blob, now, ct);
                return await write();
            }, ct);
        }
        catch
        {
            foreach (var blob in received.DistinctBy(b => b.Key)) await blobs.RevertPublishAsync(blob, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The current attachment with this id on this container; anything else is 404, like missing content.</summary>
    private async Task<ContentRecord> AttachmentOfAsync(Caller caller, long containerId, string? attachmentId, CancellationToken ct)
    {
        var (attachment, _) = await access.ViewableAsync(caller, attachmentId, ct);
        if (attachment.Type != AttachmentRules.Type || attachment.ContainerId != containerId || attachment.Status != ContentRules.Current)
            throw new NotFoundException($"Content {containerId} has no attachment with id '{attachmentId}'.");
        return attachment;
    }

    /// <summary>Archives the attachment's current state and writes the next version with the given file, on <paramref name="container"/>.</summary>
    private async Task<long> NewVersionAsync(
        Caller caller, ContentRecord container, ContentRecord current, string title, string mediaType, ReceivedBlob blob, string comment, bool minorEdit,
        long now, CancellationToken ct)
    {
        var next = current with
        {
            Title = title, Version = current.Version + 1, VersionMessage = comment, MinorEdit = minorEdit,
            UpdatedBy = caller.UserId, UpdatedAt = now,
        };
        switch (await content.TryUpdateAsync(next, current, ct))
        {
            case ContentWriteOutcome.VersionConflict:
                throw new ConflictException(ContentRules.VersionConflictMessage((await content.FindAsync(current.Id, ct))?.Version ?? current.Version));
            case ContentWriteOutcome.TitleTaken:
                throw new BadRequestException(AttachmentRules.DuplicateNameMessage(title));
        }
        await content.InsertVersionAsync(ContentService.Archived(current), ct);
        await attachments.InsertFileAsync(FileOf(current.Id, next.Version, blob, mediaType, comment), ct);
        // New bytes and changed properties alike are a new version of the attachment: attachment_updated.
        await AnnounceAsync(Webhooks.ContentChange.Updated, next, container, caller, ct);
        return current.Id;
    }

    /// <summary>Raises the attachment's event, unless it is on a draft: Cloud announces nothing about drafts.</summary>
    private Task AnnounceAsync(Webhooks.ContentChange change, ContentRecord attachment, ContentRecord container, Caller caller, CancellationToken ct) =>
        container.Status == ContentRules.Draft ? Task.CompletedTask : webhooks.RaiseAsync(change, attachment, caller, ct);

    private static AttachmentFileRecord FileOf(long contentId, int version, ReceivedBlob blob, string mediaType, string comment) => new()
    {
        ContentId = contentId, Version = version, BlobKey = blob.Key, FileSize = blob.Size, MediaType = mediaType, Comment = comment,
    };

    private sealed record CheckedFile(IncomingFile Incoming, string Name, string Comment);

    private static List<CheckedFile> Validate(AttachmentUpload upload)
    {
        if (upload.Files.Count == 0) throw new BadRequestException("The request has no 'file' part: there is nothing to attach.");
        if (upload.Files.Count > AttachmentRules.MaxFilesPerRequest)
            throw new BadRequestException($"At most {AttachmentRules.MaxFilesPerRequest} files may be attached at once.");
        if (upload.Comments.Count != 0 && upload.Comments.Count != upload.Files.Count)
            throw new BadRequestException("When comments are given, every file needs one, in the order of the files.");
        var files = upload.Files.Select((f, i) => new CheckedFile(
            f, AttachmentRules.FileName(f.FileName), AttachmentRules.Comment(upload.Comments.Count == 0 ? null : upload.Comments[i]))).ToList();
        if (files.GroupBy(f => f.Name.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new BadRequestException($"The file name '{twice.First().Name}' is given more than once.");
        return files;
    }
}
