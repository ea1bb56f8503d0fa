using System.Text.Json.Nodes;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Comments;
using Quire.Storage.Content;

namespace Quire.Core.Comments;

/// <summary>
/// v2's footer and inline comments over the same comments v1 writes: a footer comment is a comment
/// without the inline location, an inline comment one with it and its inline properties
/// (<c>markerRef</c>, <c>originalSelection</c>, as v1's <c>extensions.inlineProperties</c> hold them).
/// Creating, editing and deleting go through <see cref="ContentService"/>, so permissions, versions and
/// body formats are v1's; what v2 adds is the kind check (a footer comment's id under
/// <c>/inline-comments</c> is 404), the places a comment is created from, the marker a new inline comment
/// writes into its page's body (<see cref="InlineCommentMarkers"/>), and inline comments' resolution
/// (<see cref="CommentResolutionStore"/>; dangling is kept by <see cref="InlineCommentDangling"/>).
/// </summary>
public sealed class CommentService(
    DbSession db, ContentService content, ContentReader reader, ContentAccess access, CommentResolutionStore resolutions, ContentStore store,
    TimeProvider time)
{
    /// <summary>The comment (at <paramref name="version"/>, or its current one) if the caller sees it and it is of this kind; 404 otherwise.</summary>
    public async Task<ContentItem> GetAsync(Caller caller, string? id, ContentKind kind, int? version, CancellationToken ct = default)
    {
        var item = await reader.GetAsync(caller, id, [], version, ct);
        return item.Content.Is(kind) ? item : throw NotFound(kind, id);
    }

    public async Task<ContentItem> CreateAsync(Caller caller, NewComment input, CancellationToken ct = default)
    {
        var inline = input.Kind == ContentKind.InlineComment;
        var places = new[] { input.PageId, input.BlogPostId, input.ParentCommentId, input.AttachmentId, input.CustomContentId }.Count(p => p is not null);
        if (places != 1)
            throw new BadRequestException(inline
                ? "Give exactly one of pageId, blogPostId (a new inline comment) or parentCommentId (a reply)."
                : "Give exactly one of pageId, blogPostId, attachmentId, customContentId (a new footer comment) or parentCommentId (a reply).");
        if ((input.AttachmentId ?? input.CustomContentId) is not null && inline)
            throw new BadRequestException("Inline comments are made on pages and blog posts, not attachments or custom content.");
        if (string.IsNullOrEmpty(input.Body?.Value)) throw new BadRequestException("A comment needs a body.");

        long containerId;
        long? parentId = null;
        string? inlineProperties = null;
        if (input.ParentCommentId is not null)
        {
            var (parent, _) = await access.ViewableAsync(caller, input.ParentCommentId, ct);
            if (parent.Type != ContentRules.Comment) throw new NotFoundException($"No comment with id '{input.ParentCommentId}' was found.");
            if (!parent.Is(input.Kind))
                throw new BadRequestException($"A reply is of its parent's kind: comment {parent.Id} is not a {(inline ? "n inline" : " footer")} comment.");
            (containerId, parentId) = (parent.ContainerId!.Value, parent.Id);
        }
        else
        {
            var (expected, id) = input.PageId is not null ? (ContentRules.Page, input.PageId)
                : input.AttachmentId is not null ? (ContentRules.Attachment, input.AttachmentId)
                : input.CustomContentId is not null ? (ContentRules.CustomContent, input.CustomContentId)
                : (ContentRules.BlogPost, input.BlogPostId);
            var (container, _) = await access.ViewableAsync(caller, id, ct);
            if (!ContentRules.IsOfType(container.Type, expected)) throw new NotFoundException($"No {expected} with id '{id}' was found.");
            containerId = container.Id;
            if (inline) inlineProperties = InlineProperties(input.Selection);
        }
        var create = new NewContent(
            ContentRules.Comment, null, null, null, parentId, containerId, input.Body,
            inline ? ContentRules.Inline : ContentRules.Footer, inlineProperties);
        if (inlineProperties is null) return await content.CreateAsync(caller, create, ct);
        // A new inline comment highlights its text in the page: the marker and the comment are written together, or neither.
        return await db.InTransactionAsync(async () =>
        {
            await HighlightAsync(containerId, input.Selection!, InlineCommentDangling.MarkerRef(inlineProperties)!, ct);
            return await content.CreateAsync(caller, create, ct);
        }, ct);
    }

    /// <summary>
    /// Wraps the selected occurrence of the text in the page's current body in the comment's marker (400 when it is not there),
    /// on the page row held for the transaction, so two comments highlighting at once both keep their markers.
    /// </summary>
    private async Task HighlightAsync(long pageId, InlineSelection selection, string markerRef, CancellationToken ct)
    {
        var page = await store.LockAsync(pageId, ct) ?? throw new NotFoundException($"No content with id '{pageId}' was found.");
        var marked = InlineCommentMarkers.Mark(page.BodyStorage, selection.TextSelection!, selection.MatchIndex ?? 0, markerRef, ct);
        if (!await store.TryWriteHighlightAsync(page.Id, page.Version, marked, ct))
            throw new ConflictException($"Content {page.Id} was changed by someone else; read it again.");
    }

    /// <summary>
    /// A new version of the body (the current version plus one, as every content update) and, for a top-level inline
    /// comment, its resolution; both or either, in one transaction, everything checked before anything is written.
    /// </summary>
    public async Task<ContentItem> UpdateAsync(Caller caller, string? id, ContentKind kind, CommentChanges changes, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        if (!record.Is(kind)) throw NotFound(kind, id);
        if (changes.Body is null && changes.Resolved is null)
            throw new BadRequestException(kind == ContentKind.InlineComment
                ? "Send a body with version.number, or resolved." : "Send a body with version.number.");
        string? resolution = null;
        if (changes.Resolved is { } resolved)
        {
            if (record.ParentId is not null) throw new BadRequestException("Only a top-level inline comment is resolved or reopened, not a reply.");
            await access.RequireEditAsync(caller, record, ct);
            var now = (await resolutions.ForManyAsync([record.Id], ct)).FirstOrDefault()?.Status;
            // As the spec says: a comment whose highlight is gone from the page is neither resolved nor reopened.
            if (now == CommentResolutionStore.Dangling)
                throw new BadRequestException("The comment is dangling (its highlighted text is gone from the page), so it cannot be resolved or reopened.");
            // Matching the state it is in changes nothing, as the spec says.
            resolution = resolved
                ? now == CommentResolutionStore.Resolved ? null : CommentResolutionStore.Resolved
                : now == CommentResolutionStore.Resolved ? CommentResolutionStore.Reopened : null;
        }
        return await db.InTransactionAsync(async () =>
        {
            var item = changes.Body is null
                ? new ContentItem(record, space)
                : await content.UpdateAsync(caller, id, new ContentChanges(
                    changes.VersionNumber, changes.VersionMessage, false, null, null, null, null, changes.Body), ct);
            if (resolution is not null) await resolutions.SetAsync(record.Id, resolution, caller.UserId, time.NowMillis(), ct);
            return item;
        }, ct);
    }

    /// <summary>Deletes the comment for good (comments have no trash), with its replies, as v1 does.</summary>
    public async Task DeleteAsync(Caller caller, string? id, ContentKind kind, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        if (!record.Is(kind)) throw NotFound(kind, id);
        await content.DeleteAsync(caller, id, null, ct);
    }

    /// <summary>The resolutions of a page of comments, by comment id (an inline comment without one is open).</summary>
    public async Task<IReadOnlyDictionary<long, CommentResolutionRecord>> ResolutionsAsync(
        IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        (await resolutions.ForManyAsync(ids, ct)).ToDictionary(r => r.ContentId);

    /// <summary>
    /// A top-level inline comment's properties as v1 stores them: the selected text as <c>originalSelection</c>, a new
    /// <c>markerRef</c> naming the highlight, and which occurrence of the text is meant.
    /// </summary>
    private static string InlineProperties(InlineSelection? selection)
    {
        if (string.IsNullOrEmpty(selection?.TextSelection))
            throw new BadRequestException("A new inline comment needs inlineCommentProperties.textSelection: the text it highlights.");
        var count = selection.MatchCount ?? 1;
        var index = selection.MatchIndex ?? 0;
        if (count < 1 || index < 0 || index >= count)
            throw new BadRequestException(
                "inlineCommentProperties.textSelectionMatchCount must be at least 1 and textSelectionMatchIndex between 0 and one less than it.");
        return new JsonObject
        {
            ["originalSelection"] = selection.TextSelection,
            ["markerRef"] = Guid.NewGuid().ToString(),
            ["textSelectionMatchCount"] = count,
            ["textSelectionMatchIndex"] = index,
        }.ToJsonString();
    }

    private static NotFoundException NotFound(ContentKind kind, string? id) => new($"No {kind.Describe()} with id '{id}' was found.");
}
