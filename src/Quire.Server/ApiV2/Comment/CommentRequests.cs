using System.Text.Json;

namespace Quire.Server.ApiV2.Comment;

/// <summary>The body of <c>POST /footer-comments</c> (the spec's <c>CreateFooterCommentModel</c>).</summary>
public sealed record FooterCommentCreateRequest(
    string? BlogPostId, string? PageId, string? ParentCommentId, string? AttachmentId, string? CustomContentId, JsonElement? Body);

/// <summary>The body of <c>POST /inline-comments</c> (the spec's <c>CreateInlineCommentModel</c>).</summary>
public sealed record InlineCommentCreateRequest(
    string? BlogPostId, string? PageId, string? ParentCommentId, JsonElement? Body, InlineCommentPropertiesRequest? InlineCommentProperties);

/// <summary>What a new inline comment highlights: the text, and which of its occurrences.</summary>
public sealed record InlineCommentPropertiesRequest(string? TextSelection, int? TextSelectionMatchCount, int? TextSelectionMatchIndex);

/// <summary>The body of <c>PUT /footer-comments/{id}</c> and <c>PUT /inline-comments/{id}</c> (<c>resolved</c>: inline only).</summary>
public sealed record CommentUpdateRequest(CommentVersionRequest? Version, JsonElement? Body, bool? Resolved);

public sealed record CommentVersionRequest(int? Number, string? Message);
