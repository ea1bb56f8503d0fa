using System.Globalization;
using Quire.Core.Attachments;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Watches;

namespace Quire.Core.Content;

/// <summary>
/// Creates, reads, changes, trashes and lists pages, blog posts and comments, the page tree's folders, whiteboards, databases
/// and smart links, and custom content of declared types.
/// </summary>
public sealed class ContentService(
    DbSession db, ContentStore store, ContentAccess access, SpaceAccess spaceAccess, AttachmentStore attachments, BlobCollector blobs,
    BodyIndexer bodies, WatchStore watches, TimeProvider time, PageTreeLock treeLock, ContentBody.BodyConverter converter,
    Storage.Users.UserStore users, Webhooks.ContentWebhooks webhooks, CustomContent.CustomContentTypeService customTypes)
{
    public const int MaxStatuses = 10;

    /// <summary>Creates a page, blog post or comment (v1's types: v1 creates nothing else).</summary>
    public Task<ContentItem> CreateAsync(Caller caller, NewContent input, CancellationToken ct = default) =>
        CreateOfTypeAsync(caller, ContentRules.Type(input.Type), input, ct);

    /// <summary>
    /// Creates a folder, whiteboard, database or smart link (v2's own operations): content of the page tree without an
    /// editor body, which hangs under a page or another of them in its space, or at the top of the space.
    /// </summary>
    public Task<ContentItem> CreateInTreeAsync(Caller caller, NewContent input, CancellationToken ct = default) =>
        ContentRules.IsTreeKind(input.Type)
            ? CreateOfTypeAsync(caller, input.Type!, input, ct)
            : throw new BadRequestException($"'{input.Type}' is not a folder, whiteboard, database or smart link.");

    private async Task<ContentItem> CreateOfTypeAsync(Caller caller, string type, NewContent input, CancellationToken ct)
    {
        var status = input.Status ?? ContentRules.Current;
        if (status is not (ContentRules.Current or ContentRules.Draft))
            throw new BadRequestException($"New content may be created as current or draft, not '{status}'.");
        var body = await converter.ToStorageAsync(input.Body?.Value, input.Body?.Representation, contentId: null, ct);

        SpaceRecord space;
        ContentRecord? container = null;
        string title;
        if (ContentRules.IsCustom(type))
        {
            (space, container) = await CustomContainerAsync(caller, await customTypes.DeclaredAsync(type, ct), input, ct);
            title = status == ContentRules.Draft && string.IsNullOrEmpty(input.Title) ? "" : ContentRules.Title(input.Title, "custom content");
        }
        else if (type == ContentRules.Comment)
        {
            if (input.ContainerId is not { } containerId)
                throw new BadRequestException("A comment needs a container: the page, blog post or attachment it is on.");
            (container, space) = await access.ViewableAsync(caller, containerId.ToString(CultureInfo.InvariantCulture), ct);
            await RequireCommentableAsync(container, ct);
            if (input.SpaceKey is not null && !string.Equals(input.SpaceKey, space.Key, StringComparison.OrdinalIgnoreCase))
                throw new BadRequestException("A comment must be in the space of its container.");
            title = Truncate("Re: " + container.Title);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.SpaceKey)) throw new BadRequestException($"A {type} needs space.key.");
            space = await spaceAccess.ViewableAsync(caller, input.SpaceKey, ct);
            // A draft may start untitled (v2's create says the title is required unless the page is a draft); publishing needs one.
            title = status == ContentRules.Draft && string.IsNullOrEmpty(input.Title) ? "" : ContentRules.Title(input.Title, type);
        }
        await spaceAccess.RequireAsync(caller, space, new SpaceOperation("create", ContentRules.PermissionTarget(type)), ct);

        var location = CommentLocation(type, input.Location, input.InlineProperties);
        var parentId = await ParentForNewAsync(caller, type, space, container, input.ParentId, ct);
        var derived = DerivedBody.From(body);

        var now = time.NowMillis();
        var created = await db.InTransactionAsync(async () =>
        {
            var record = new ContentRecord
            {
                Type = type, Status = status, SpaceId = space.Id, ParentId = parentId, ContainerId = container?.Id,
                Title = title, BodyStorage = body, Version = 1, CommentLocation = location,
                InlineProperties = location == ContentRules.Inline ? input.InlineProperties : null,
                PostingDay = type == ContentRules.BlogPost ? DateTimeOffset.FromUnixTimeMilliseconds(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                // Custom content has no place in the page tree, so no position to take.
                Position = ContentRules.IsCustom(type) ? 0 : await store.NextPositionAsync(space.Id, type, parentId, ct),
                CreatedBy = caller.UserId, CreatedAt = now, UpdatedBy = caller.UserId, UpdatedAt = now,
            };
            var inserted = await store.TryInsertAsync(record, derived.SearchText, ct)
                           ?? throw new BadRequestException(ContentRules.DuplicateTitleMessage(type));
            await bodies.InsertedAsync(inserted, derived, caller.UserId, now, ct);
            // The creator of a page or blog post watches it from the start, as Confluence Cloud's
            // default ("watch content I create"); comments are not watched in themselves.
            if (type is ContentRules.Page or ContentRules.BlogPost) await watches.AddAsync(Watched.Content(inserted), caller.UserId, now, ct);
            record = record with { Id = inserted };
            await webhooks.RaiseAsync(Webhooks.ContentChange.Created, record, space, caller, ct);
            return record;
        }, ct);
        // The row as inserted is the answer: every column was written from this record (the others keep their defaults, which
        // the record's are), so reading it back, after the commit and on a pooled connection whose page cache that commit
        // had dropped (a few reads from the file per creation), gave the same record (ContentCreationAnswerTests).
        return new ContentItem(created, space);
    }

    public async Task<ContentItem> UpdateAsync(Caller caller, string? id, ContentChanges changes, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        await access.RequireEditAsync(caller, record, ct);
        if (record.Type == ContentRules.Attachment)
        {
            if (record.Status == ContentRules.Trashed && changes.Status == ContentRules.Current)
                return await RestoreAttachmentAsync(caller, record, space, changes, ct);
            throw new BadRequestException("An attachment is changed through /content/{id}/child/attachment/{attachmentId} (properties) and its /data (bytes).");
        }

        if (changes.VersionNumber is not { } number) throw new BadRequestException("version.number is required: the current version plus one.");
        if (changes.Type is not null && changes.Type != record.Type)
            throw new BadRequestException($"The type of content cannot change (it is a {record.Type}).");
        var status = TargetStatus(record, changes.Status);
        // Publishing a draft makes it the content's first published state, as in Confluence: the
        // draft keeps its number (the client names it) and leaves no earlier version behind.
        var publishing = record.Status == ContentRules.Draft;
        var expected = publishing ? record.Version : record.Version + 1;
        if (number != expected) throw new ConflictException(ContentRules.VersionConflictMessage(record.Version));

        var title = record.Type == ContentRules.Comment ? changes.Title ?? record.Title : ContentRules.Title(changes.Title, record.Type);
        var body = changes.Body is null ? record.BodyStorage : await converter.ToStorageAsync(changes.Body.Value, changes.Body.Representation, record.Id, ct);
        var newOwner = await NewOwnerAsync(caller, record, space, changes.OwnerAccountId, ct);
        var newParent = changes.ParentId is { } askedParent && askedParent != record.ParentId
            ? await ParentForMoveAsync(caller, record, space, askedParent, ct)
            : null;
        var derived = publishing || body != record.BodyStorage ? DerivedBody.From(body) : null;

        var now = time.NowMillis();
        await db.InTransactionAsync(async () =>
        {
            // A new parent is checked (no cycle) and its place taken under the tree lock, on the page as it is now.
            var previous = record;
            var (parentId, position) = (record.ParentId, record.Position);
            if (newParent is not null)
            {
                (previous, var parent) = await treeLock.LockAsync(record, newParent, ct);
                if (previous.Status != record.Status) throw new ConflictException($"Content {record.Id} was changed by someone else; read it again.");
                RequireTreeParent(parent, space);
                (parentId, position) = (parent.Id, await store.NextPositionAsync(space.Id, record.Type, parent.Id, ct));
            }
            var updated = previous with
            {
                Status = status, Title = title, BodyStorage = body, ParentId = parentId, Position = position, Version = number,
                VersionMessage = changes.VersionMessage ?? "", MinorEdit = changes.MinorEdit,
                StatusBeforeTrash = status == ContentRules.Trashed ? previous.StatusBeforeTrash : null,
                UpdatedBy = caller.UserId, UpdatedAt = now,
                OwnerId = newOwner ?? previous.OwnerId,
                LastOwnerId = newOwner is null ? previous.LastOwnerId : previous.Owner,
            };
            // Titles are unique among a space's pages and a day's blog posts; comments, the tree kinds and custom content repeat them freely.
            if (status == ContentRules.Current && ContentRules.HasUniqueTitle(record.Type) && await store.TitleTakenAsync(updated, ct))
                throw new BadRequestException(ContentRules.DuplicateTitleMessage(record.Type));
            switch (await store.TryUpdateAsync(updated, record with { ParentId = previous.ParentId }, ct))
            {
                case ContentWriteOutcome.VersionConflict:
                    var latest = await store.FindAsync(record.Id, ct);
                    throw new ConflictException(ContentRules.VersionConflictMessage(latest?.Version ?? record.Version));
                case ContentWriteOutcome.TitleTaken:
                    throw new BadRequestException(ContentRules.DuplicateTitleMessage(record.Type));
            }
            if (!publishing) await store.InsertVersionAsync(Archived(previous), ct);
            // A draft saved again keeps its version, so a save landing between this read and the write is not a conflict:
            // publishing always indexes the body it writes, never trusting that the one read first is what was indexed.
            if (publishing || body != previous.BodyStorage)
                await bodies.WrittenAsync(record.Id, derived ?? DerivedBody.From(body), caller.UserId, now, ct);
            // Publishing a draft is its creation for webhooks, as in Cloud; restoring from the trash is its own event.
            var change = publishing ? Webhooks.ContentChange.Created
                : record.Status == ContentRules.Trashed ? Webhooks.ContentChange.Restored : Webhooks.ContentChange.Updated;
            await webhooks.RaiseAsync(change, updated, space, caller, ct);
            if (newParent is not null && change == Webhooks.ContentChange.Updated)
                await webhooks.MovedAsync(updated, previous.ParentId, updated.ParentId, caller, ct);
        }, ct);
        return new ContentItem((await store.FindAsync(record.Id, ct))!, space);
    }

    /// <summary>
    /// Takes a trashed attachment out of the trash, as v1 restores any trashed content: status
    /// current. An attachment's versions are its files, so restoring writes no version of its own:
    /// the number sent may be the current one or the next (Cloud's rule for content), and stays.
    /// A file of the same name uploaded to the page meanwhile keeps its name: 400.
    /// </summary>
    private async Task<ContentItem> RestoreAttachmentAsync(
        Caller caller, ContentRecord attachment, SpaceRecord space, ContentChanges changes, CancellationToken ct)
    {
        if (changes.VersionNumber is not { } number || (number != attachment.Version && number != attachment.Version + 1))
            throw new ConflictException(ContentRules.VersionConflictMessage(attachment.Version));
        var restored = attachment with
        {
            Status = attachment.StatusBeforeTrash ?? ContentRules.Current, StatusBeforeTrash = null, UpdatedAt = time.NowMillis(),
        };
        await db.InTransactionAsync(async () =>
        {
            switch (await store.TryUpdateAsync(restored, attachment, ct))
            {
                case ContentWriteOutcome.VersionConflict:
                    throw new ConflictException($"Content {attachment.Id} was changed by someone else; read it again.");
                case ContentWriteOutcome.TitleTaken:
                    throw new BadRequestException(
                        $"Cannot restore attachment '{attachment.Title}': an attachment with the same file name is on the page now.");
            }
            await webhooks.RaiseAsync(Webhooks.ContentChange.Restored, restored, caller, ct);
        }, ct);
        return new ContentItem((await store.FindAsync(attachment.Id, ct))!, space);
    }

    /// <summary>
    /// The user an update hands the content to (v2's <c>ownerId</c>), or null when ownership stays:
    /// the owner may give it away, and a space or site admin may move it; the new owner must exist.
    /// </summary>
    private async Task<long?> NewOwnerAsync(Caller caller, ContentRecord record, SpaceRecord space, string? accountId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(accountId)) return null;
        var user = await users.FindByAccountIdAsync(accountId, ct)
            ?? throw new BadRequestException($"ownerId '{accountId}' is not the account id of a user.");
        if (user.Id == record.Owner) return null;
        if (record.Owner != caller.UserId && !caller.IsSiteAdmin && !await spaceAccess.CanAsync(caller, space, SpaceOperation.Administer, ct))
            throw new ForbiddenException("Only the owner of this content or an admin of its space may hand it to someone else.");
        return user.Id;
    }

    /// <summary>
    /// Publishes the caller's draft through create (<c>id</c> and <c>status: current</c>): the
    /// draft becomes current with the title and body given, or its own where none are.
    /// </summary>
    public async Task<ContentItem> PublishDraftAsync(Caller caller, string? id, NewContent input, CancellationToken ct = default)
    {
        var (draft, _) = await access.ViewableAsync(caller, id, ct);
        if (draft.Status != ContentRules.Draft) throw new BadRequestException($"Content {id} is not a draft, so it cannot be published.");
        if ((input.Status ?? ContentRules.Current) != ContentRules.Current)
            throw new BadRequestException("A draft is published with status current.");
        var changes = new ContentChanges(draft.Version, null, false, input.Type, input.Title ?? draft.Title, ContentRules.Current, input.ParentId, input.Body);
        return await UpdateAsync(caller, id, changes, ct);
    }

    /// <summary>
    /// Changes the title and body of the caller's page or blog post draft, which stays a draft (the web editor's
    /// "Save draft"; the API refuses to update a draft other than by publishing it). A draft is seen by its author
    /// alone and has no versions, so this keeps its number, writes no history and raises no webhook: publishing it
    /// (<see cref="UpdateAsync"/> with status current) is its creation for everybody else. A draft may stay untitled.
    /// </summary>
    public async Task<ContentItem> SaveDraftAsync(Caller caller, string? id, string? title, BodyInput body, CancellationToken ct = default)
    {
        var (draft, space) = await access.ViewableAsync(caller, id, ct);
        if (draft.Status != ContentRules.Draft || draft.Type is not (ContentRules.Page or ContentRules.BlogPost))
            throw new BadRequestException($"Content {draft.Id} is not a page or blog post draft.");
        await access.RequireEditAsync(caller, draft, ct);
        var storage = await converter.ToStorageAsync(body.Value, body.Representation, draft.Id, ct);
        var derived = storage != draft.BodyStorage ? DerivedBody.From(storage) : null;
        var now = time.NowMillis();
        var saved = draft with
        {
            Title = string.IsNullOrEmpty(title) ? "" : ContentRules.Title(title, draft.Type), BodyStorage = storage,
            UpdatedBy = caller.UserId, UpdatedAt = now,
        };
        await db.InTransactionAsync(async () =>
        {
            switch (await store.TrySaveDraftAsync(saved, ct))
            {
                case ContentWriteOutcome.VersionConflict:
                    throw new ConflictException($"Draft {draft.Id} was published or discarded meanwhile; open it again.");
                case ContentWriteOutcome.TitleTaken:
                    throw new BadRequestException(ContentRules.DuplicateTitleMessage(draft.Type));
            }
            if (derived is not null) await bodies.WrittenAsync(draft.Id, derived, caller.UserId, now, ct);
        }, ct);
        return new ContentItem((await store.FindAsync(draft.Id, ct))!, space);
    }

    /// <summary>
    /// Publishes a page draft "created from a blueprint" (<c>/content/blueprint/instance/{draftId}</c>).
    /// Quire runs no blueprints, so any page draft of the caller's qualifies. The request names
    /// version 1 (409 otherwise), a title (400 without), the type page and, optionally, the
    /// draft's own space (a draft does not change space here) and a new parent (the last ancestor).
    /// </summary>
    public async Task<ContentItem> PublishBlueprintDraftAsync(
        Caller caller, string? draftId, string? draftStatus, BlueprintDraftPublish input, CancellationToken ct = default)
    {
        if ((draftStatus ?? ContentRules.Draft) != ContentRules.Draft)
            throw new BadRequestException($"The status of a draft to publish is draft, not '{draftStatus}'.");
        var (draft, space) = await access.ViewableAsync(caller, draftId, ct);
        if (draft.Status != ContentRules.Draft || draft.Type != ContentRules.Page)
            throw new BadRequestException($"Content {draftId} is not a page draft, so it cannot be published as one.");
        if (input.Type is not ContentRules.Page) throw new BadRequestException("type must be page.");
        if ((input.Status ?? ContentRules.Current) != ContentRules.Current) throw new BadRequestException("status must be current, or left out.");
        if (string.IsNullOrWhiteSpace(input.Title)) throw new BadRequestException("A title is required: send the draft's own title to keep it.");
        if (input.VersionNumber != 1) throw new ConflictException("The version of a published blueprint draft must be 1.");
        if (input.SpaceKey is { } key && !key.Equals(space.Key, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"The draft is in space '{space.Key}' and is published there, not in '{key}'.");
        var changes = new ContentChanges(draft.Version, null, false, ContentRules.Page, input.Title, ContentRules.Current, input.ParentId, null);
        return await UpdateAsync(caller, draftId, changes, ct);
    }

    /// <summary>
    /// Current pages and blog posts go to the trash; trashed ones are purged when the caller
    /// says <c>status=trashed</c>; comments and drafts are deleted at once.
    /// </summary>
    public async Task DeleteAsync(Caller caller, string? id, string? status, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        // A draft is only ever seen by its author, who may discard it without the space's delete permission.
        if (record.Status != ContentRules.Draft) await access.RequireDeleteAsync(caller, record, ct);
        var purge = status == ContentRules.Trashed;
        if (record.Status == ContentRules.Trashed && !purge)
            throw new NotFoundException($"No current content with id '{id}' was found; to purge it from the trash, set status=trashed.");
        if (purge && record.Status != ContentRules.Trashed)
            throw new BadRequestException($"Content {id} is not in the trash, so it cannot be purged.");

        var removes = purge || record.Type == ContentRules.Comment || record.Status == ContentRules.Draft;
        // The attachment bytes a purge may free (its own, or those of the attachments it holds), found before their records go.
        var blobKeys = removes ? await attachments.BlobKeysUnderAsync(record.Id, ct) : [];
        await db.InTransactionAsync(async () =>
        {
            // A removal describes the content before it goes; a trashing, as the trash holds it.
            if (removes) await webhooks.RaiseAsync(Webhooks.ContentChange.Removed, record, caller, ct);
            var done = removes ? await store.PurgeAsync(record.Id, ct) : await store.TrashAsync(record, time.NowMillis(), ct);
            if (!done) throw new ConflictException($"Content {id} was changed by someone else; read it again.");
            if (!removes) await webhooks.RaiseAsync(Webhooks.ContentChange.Trashed, record, caller, ct);
        }, ct);
        await blobs.CollectAsync(blobKeys, ct);
    }

    /// <summary>The content the caller may read that matches the query, ordered by id; filtered in one query.</summary>
    public async Task<Page<ContentRecord>> ListAsync(Caller caller, ContentQuery query, PageRequest page, CancellationToken ct = default)
    {
        var type = ContentRules.Type(query.Type ?? ContentRules.Page);
        if (query.Statuses.Count > MaxStatuses) throw new BadRequestException($"At most {MaxStatuses} statuses may be given.");
        var statuses = query.Statuses.Count == 0 ? [ContentRules.Current] : query.Statuses;
        if (query.PostingDay is not null &&
            !DateOnly.TryParseExact(query.PostingDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new BadRequestException("postingDay must be a date as yyyy-mm-dd.");
        var filter = new ContentFilter(
            type, statuses.Contains("any") ? null : statuses, query.SpaceKey?.ToLowerInvariant(), query.Title?.ToLowerInvariant(), query.PostingDay);
        var rows = await store.ListAsync(filter, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return Page<ContentRecord>.FromOverfetch(rows, page);
    }

    /// <summary>The state an update replaces, as it goes into content_versions.</summary>
    public static ContentVersionRecord Archived(ContentRecord record) => new()
    {
        ContentId = record.Id, Number = record.Version, Title = record.Title, Status = record.Status, BodyStorage = record.BodyStorage,
        ParentId = record.ParentId, Message = record.VersionMessage, MinorEdit = record.MinorEdit,
        CreatedBy = record.UpdatedBy, CreatedAt = record.UpdatedAt,
    };

    /// <summary>
    /// What an update may do to the status: keep current content current, restore trashed
    /// content or publish a draft (status current). Everything else is refused.
    /// </summary>
    private static string TargetStatus(ContentRecord record, string? requested)
    {
        var status = requested ?? (record.Status == ContentRules.Draft ? ContentRules.Draft : ContentRules.Current);
        if (status != ContentRules.Current)
            throw new BadRequestException(record.Status switch
            {
                ContentRules.Draft => "Updating draft content is not supported; publish it with status current.",
                _ => $"An update cannot set the status to '{status}'; delete content to trash it.",
            });
        if (record.Status == ContentRules.Trashed && requested is null)
            throw new BadRequestException("Trashed content can only be restored, with status current.");
        return status;
    }

    private static string? CommentLocation(string type, string? location, string? inlineProperties)
    {
        if (type != ContentRules.Comment)
        {
            if (location is not null) throw new BadRequestException("Only comments have a location.");
            return null;
        }
        var resolved = location ?? ContentRules.Footer;
        if (resolved is not (ContentRules.Footer or ContentRules.Inline))
            throw new BadRequestException($"A comment's location is footer or inline, not '{location}'.");
        if (resolved == ContentRules.Footer && inlineProperties is not null)
            throw new BadRequestException("Inline properties belong to inline comments.");
        return resolved;
    }

    /// <summary>
    /// Comments go on a current page or blog post, or on a current attachment of one (as Confluence's attachment preview
    /// takes them); an attachment of a trashed or draft page takes none, as that page itself would not.
    /// </summary>
    private async Task RequireCommentableAsync(ContentRecord container, CancellationToken ct)
    {
        const string message = "A comment's container must be a current page, blog post, or attachment of one, or custom content that takes comments.";
        var custom = ContentRules.IsCustom(container.Type);
        if ((!custom && container.Type is not (ContentRules.Page or ContentRules.BlogPost or ContentRules.Attachment)) || container.Status != ContentRules.Current)
            throw new BadRequestException(message);
        if (custom && !(await customTypes.DeclaredAsync(container.Type, ct)).Contains(ContentRules.Comment))
            throw new BadRequestException($"Custom content of type '{container.Type}' takes no comments (its declaration's childTypes).");
        if (container.ContainerId is { } pageId && (await store.FindAsync(pageId, ct))?.Status != ContentRules.Current)
            throw new BadRequestException(message);
    }

    /// <summary>
    /// Where new custom content lives, by its declaration: the space (no container) or a current page, blog post or custom content
    /// the caller may see, of a type the declaration lists; custom content in custom content also needs the container's type to
    /// list it among its child types, as Cloud's <c>supportedChildTypes</c>. A container the caller cannot see is 404.
    /// </summary>
    private async Task<(SpaceRecord Space, ContentRecord? Container)> CustomContainerAsync(
        Caller caller, CustomContent.CustomContentType declared, NewContent input, CancellationToken ct)
    {
        if (input.ParentId is not null) throw new BadRequestException("Custom content has a container, not a parent.");
        if (input.ContainerId is not { } containerId)
        {
            if (string.IsNullOrWhiteSpace(input.SpaceKey)) throw new BadRequestException("Custom content needs a space or a container.");
            if (!declared.LivesIn(CustomContent.CustomContentType.Space))
                throw new BadRequestException($"Custom content of type '{declared.Key}' cannot live directly in a space; give its container.");
            return (await spaceAccess.ViewableAsync(caller, input.SpaceKey, ct), null);
        }
        var (container, space) = await access.ViewableAsync(caller, containerId.ToString(CultureInfo.InvariantCulture), ct);
        if (input.SpaceKey is not null && !string.Equals(input.SpaceKey, space.Key, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException("Custom content must be in the space of its container.");
        if (!declared.LivesIn(container.Type))
            throw new BadRequestException($"Custom content of type '{declared.Key}' cannot live in a {container.Type} (its declaration's containerTypes: {string.Join(", ", declared.ContainerTypes)}).");
        if (container.Status != ContentRules.Current) throw new BadRequestException($"The container {container.Id} is not current.");
        // The read rule hides what hangs off containers up to ReadRule.MaxContainerDepth levels; custom content two containers
        // deep leaves room for a comment on one of its attachments, so nothing deeper is written.
        if (container.ContainerId is { } above && (await store.FindAsync(above, ct))?.ContainerId is not null)
            throw new BadRequestException(
                $"Custom content nests at most two levels deep (in a space, page or blog post, in custom content there, and in custom content in that); {container.Id} is already two deep.");
        if (ContentRules.IsCustom(container.Type) && !(await customTypes.DeclaredAsync(container.Type, ct)).Contains(declared.Key))
            throw new BadRequestException($"Custom content of type '{container.Type}' takes no children of type '{declared.Key}' (its declaration's childTypes).");
        return (space, container);
    }

    /// <summary>
    /// A new page's (or folder's, whiteboard's...) parent is a current page or other page-tree content of its space; a reply's
    /// parent is a comment on the same container.
    /// </summary>
    private async Task<long?> ParentForNewAsync(
        Caller caller, string type, SpaceRecord space, ContentRecord? container, long? parentId, CancellationToken ct)
    {
        if (parentId is not { } id) return null;
        if (type == ContentRules.BlogPost) throw new BadRequestException("A blog post cannot have a parent.");
        var parent = await ParentAsync(caller, id, ct);
        if (type == ContentRules.Comment)
            return parent.Type == ContentRules.Comment && parent.ContainerId == container!.Id
                ? parent.Id
                : throw new BadRequestException("A reply's parent must be a comment on the same page.");
        RequireTreeParent(parent, space);
        return parent.Id;
    }

    /// <summary>
    /// The new parent of a page, as the caller sees it before the transaction; whether it lies in the page's own subtree
    /// is decided under the tree lock (<see cref="PageTreeLock"/>), where it is checked again with this rule.
    /// </summary>
    private async Task<ContentRecord> ParentForMoveAsync(Caller caller, ContentRecord record, SpaceRecord space, long parentId, CancellationToken ct)
    {
        if (!ContentRules.InPageTree(record.Type)) throw new BadRequestException($"A {record.Type} cannot be moved under a parent page.");
        if (parentId == record.Id) throw new BadRequestException($"A {record.Type} cannot be its own parent.");
        var parent = await ParentAsync(caller, parentId, ct);
        RequireTreeParent(parent, space);
        return parent;
    }

    /// <summary>A parent in the page tree: a current page, folder, whiteboard, database or smart link of the same space (Cloud nests them freely).</summary>
    private static void RequireTreeParent(ContentRecord parent, SpaceRecord space)
    {
        if (!ContentRules.InPageTree(parent.Type) || parent.Status != ContentRules.Current || parent.SpaceId != space.Id)
            throw new BadRequestException($"The parent {parent.Id} must be a current page or folder in space {space.Key}.");
    }

    /// <summary>A parent the caller cannot see is as unknown as a missing one: 400, without saying which.</summary>
    private async Task<ContentRecord> ParentAsync(Caller caller, long id, CancellationToken ct)
    {
        try
        {
            return (await access.ViewableAsync(caller, id.ToString(CultureInfo.InvariantCulture), ct)).Content;
        }
        catch (NotFoundException)
        {
            throw new BadRequestException($"The parent content {id} was not found.");
        }
    }

    private static string Truncate(string title) => title.Length <= ContentRules.MaxTitleLength ? title : title[..ContentRules.MaxTitleLength];
}
