using Quire.Core.Comments;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.ApiV2.Attachment;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Comment;

/// <summary>
/// The v2 <c>Comment</c> group: footer and inline comments of pages, blog posts and attachments, all
/// comments of each kind, one by id, replies, and creating, editing (and resolving) and deleting them.
/// They are v1's comments (<see cref="CommentService"/> over <c>ContentService</c>): a footer comment is
/// one without the inline location. Custom content's comments come with part 2.
/// </summary>
public static class CommentApi
{

    /// <remarks>The spec names a comment's path parameter <c>comment-id</c>; the routes call it <c>id</c> like every other
    /// (the name is not part of the URL), and errors still name it <c>comment-id</c>.</remarks>
    public static RouteGroupBuilder MapCommentApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/footer-comments", GetPageFooterComments);
        v2.MapGet("/pages/{id}/inline-comments", GetPageInlineComments);
        v2.MapGet("/blogposts/{id}/footer-comments", GetBlogPostFooterComments);
        v2.MapGet("/blogposts/{id}/inline-comments", GetBlogPostInlineComments);
        v2.MapGet("/attachments/{id}/footer-comments", GetAttachmentComments);
        v2.MapGet("/custom-content/{id}/footer-comments", GetCustomContentComments);
        v2.MapGet("/footer-comments", GetFooterComments);
        v2.MapPost("/footer-comments", CreateFooterComment);
        v2.MapGet("/footer-comments/{id}", GetFooterCommentById);
        v2.MapPut("/footer-comments/{id}", UpdateFooterComment);
        v2.MapDelete("/footer-comments/{id}", DeleteFooterComment);
        v2.MapGet("/footer-comments/{id}/children", GetFooterCommentChildren);
        v2.MapGet("/inline-comments", GetInlineComments);
        v2.MapPost("/inline-comments", CreateInlineComment);
        v2.MapGet("/inline-comments/{id}", GetInlineCommentById);
        v2.MapPut("/inline-comments/{id}", UpdateInlineComment);
        v2.MapDelete("/inline-comments/{id}", DeleteInlineComment);
        v2.MapGet("/inline-comments/{id}/children", GetInlineCommentChildren);
        return v2;
    }

    // Listings of a container's top-level comments.

    private static Task<MultiEntityResult<V2CommentJson>> GetPageFooterComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, id, ContentRules.Page, ContentKind.FooterComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetPageInlineComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, id, ContentRules.Page, ContentKind.InlineComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetBlogPostFooterComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, id, ContentRules.BlogPost, ContentKind.FooterComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetBlogPostInlineComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, id, ContentRules.BlogPost, ContentKind.InlineComment, ct);

    /// <summary>An attachment's footer comments (attachments take no inline comments), hidden with the attachment's page.</summary>
    private static Task<MultiEntityResult<V2CommentJson>> GetAttachmentComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, V2Links.Id(Attachment.V2AttachmentIds.Parse(id, "id")), ContentRules.Attachment, ContentKind.FooterComment, ct);

    /// <summary>Custom content's footer comments (it takes no inline comments), hidden with the custom content.</summary>
    private static Task<MultiEntityResult<V2CommentJson>> GetCustomContentComments(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.OfContainerAsync(request, id, ContentRules.CustomContent, ContentKind.FooterComment, ct);

    // Every comment of a kind, and the replies to one.

    private static Task<MultiEntityResult<V2CommentJson>> GetFooterComments(HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.AllAsync(request, ContentKind.FooterComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetInlineComments(HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.AllAsync(request, ContentKind.InlineComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetFooterCommentChildren(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.RepliesAsync(request, id, ContentKind.FooterComment, ct);

    private static Task<MultiEntityResult<V2CommentJson>> GetInlineCommentChildren(string id, HttpRequest request, CommentListing listing, CancellationToken ct) =>
        listing.RepliesAsync(request, id, ContentKind.InlineComment, ct);

    // One comment.

    private static Task<V2CommentJson> GetFooterCommentById(
        string id, int? version, HttpRequest request, Caller caller,
        CommentService comments, V2CommentRenderer renderer, V2ContentIncludes includes, CancellationToken ct) =>
        GetAsync(id, ContentKind.FooterComment, version, request, caller, comments, renderer, includes, ct);

    private static Task<V2CommentJson> GetInlineCommentById(
        string id, int? version, HttpRequest request, Caller caller,
        CommentService comments, V2CommentRenderer renderer, V2ContentIncludes includes, CancellationToken ct) =>
        GetAsync(id, ContentKind.InlineComment, version, request, caller, comments, renderer, includes, ct);

    private static async Task<IResult> CreateFooterComment(
        FooterCommentCreateRequest? body, Caller caller, CommentService comments, V2CommentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be the footer comment to create.");
        // An attachment id comes with or without its "att" prefix, as in the attachment routes.
        var attachmentId = body.AttachmentId is { } a ? V2AttachmentIds.Digits(a) : null;
        var input = new NewComment(ContentKind.FooterComment, body.PageId, body.BlogPostId, body.ParentCommentId, attachmentId,
            V2BodyWrite.Parse(body.Body), null, body.CustomContentId);
        return await CreatedAsync(input, caller, comments, renderer, ct);
    }

    private static async Task<IResult> CreateInlineComment(
        InlineCommentCreateRequest? body, Caller caller, CommentService comments, V2CommentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be the inline comment to create.");
        var selection = body.InlineCommentProperties is { } p ? new InlineSelection(p.TextSelection, p.TextSelectionMatchCount, p.TextSelectionMatchIndex) : null;
        var input = new NewComment(ContentKind.InlineComment, body.PageId, body.BlogPostId, body.ParentCommentId, null, V2BodyWrite.Parse(body.Body), selection);
        return await CreatedAsync(input, caller, comments, renderer, ct);
    }

    private static Task<V2CommentJson> UpdateFooterComment(
        string id, CommentUpdateRequest? body, Caller caller,
        CommentService comments, V2CommentRenderer renderer, CancellationToken ct)
    {
        if (body?.Resolved is not null) throw new BadRequestException("Only inline comments are resolved.");
        return UpdateAsync(id, ContentKind.FooterComment, body, caller, comments, renderer, ct);
    }

    private static Task<V2CommentJson> UpdateInlineComment(
        string id, CommentUpdateRequest? body, Caller caller,
        CommentService comments, V2CommentRenderer renderer, CancellationToken ct) =>
        UpdateAsync(id, ContentKind.InlineComment, body, caller, comments, renderer, ct);

    private static Task<IResult> DeleteFooterComment(
        string id, Caller caller, CommentService comments, CancellationToken ct) =>
        DeleteAsync(id, ContentKind.FooterComment, caller, comments, ct);

    private static Task<IResult> DeleteInlineComment(
        string id, Caller caller, CommentService comments, CancellationToken ct) =>
        DeleteAsync(id, ContentKind.InlineComment, caller, comments, ct);

    /// <summary>
    /// A comment at its current or an asked version, with the current version and a body in <c>body-format</c>; its
    /// <c>include-*</c> members (operations, likes, versions, properties) through <see cref="V2ContentIncludes"/>.
    /// </summary>
    private static async Task<V2CommentJson> GetAsync(
        string id, ContentKind kind, int? version, HttpRequest request, Caller caller,
        CommentService comments, V2CommentRenderer renderer, V2ContentIncludes includes, CancellationToken ct)
    {
        V2Ids.Parse(id, "comment-id");
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Single);
        var includeVersion = V2Query.Flag(request, "include-version", absent: true);
        var item = await comments.GetAsync(caller, id, kind, version, ct);
        var json = (await renderer.RenderAsync([item], caller, format, includeVersion, single: true, ct))[0];
        await includes.ApplyAsync(request, json, item, kind, $"/{(kind == ContentKind.FooterComment ? "footer" : "inline")}-comments/{json.Id}", ct,
            propertiesPath: $"/comments/{json.Id}");
        return json;
    }

    /// <summary>A new comment answers 201 with itself, its body in the representation it was written in.</summary>
    private static async Task<IResult> CreatedAsync(NewComment input, Caller caller, CommentService comments, V2CommentRenderer renderer, CancellationToken ct)
    {
        var created = await comments.CreateAsync(caller, input, ct);
        var json = (await renderer.RenderAsync([created], caller, V2BodyFormat.AnswerFor(input.Body), includeVersion: true, single: true, ct))[0];
        return Results.Json(json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<V2CommentJson> UpdateAsync(
        string id, ContentKind kind, CommentUpdateRequest? body, Caller caller, CommentService comments, V2CommentRenderer renderer, CancellationToken ct)
    {
        V2Ids.Parse(id, "comment-id");
        if (body is null) throw new BadRequestException("The request body must be the comment's new version.");
        var changes = new CommentChanges(body.Version?.Number, body.Version?.Message, V2BodyWrite.Parse(body.Body), body.Resolved);
        var updated = await comments.UpdateAsync(caller, id, kind, changes, ct);
        return (await renderer.RenderAsync([updated], caller, V2BodyFormat.AnswerFor(changes.Body), includeVersion: true, single: true, ct))[0];
    }

    private static async Task<IResult> DeleteAsync(string id, ContentKind kind, Caller caller, CommentService comments, CancellationToken ct)
    {
        V2Ids.Parse(id, "comment-id");
        await comments.DeleteAsync(caller, id, kind, ct);
        return Results.NoContent();
    }
}
