using Quire.Core.Content;

namespace Quire.Core.Comments;

/// <summary>
/// The text an inline comment highlights (v2's <c>inlineCommentProperties</c>): the selected text and,
/// when it occurs more than once in the page, which occurrence (zero-based) of how many.
/// </summary>
public sealed record InlineSelection(string? TextSelection, int? MatchCount, int? MatchIndex);

/// <summary>
/// A v2 comment create: where it goes (exactly one of a page, a blog post, a parent comment to reply
/// to, an attachment or custom content), its body and, for a top-level inline comment, the selection it highlights.
/// </summary>
public sealed record NewComment(
    ContentKind Kind, string? PageId, string? BlogPostId, string? ParentCommentId, string? AttachmentId, BodyInput? Body,
    InlineSelection? Selection, string? CustomContentId = null);

/// <summary>A v2 comment update: a new version of the body, and for inline comments whether it is resolved (null: unchanged).</summary>
public sealed record CommentChanges(int? VersionNumber, string? VersionMessage, BodyInput? Body, bool? Resolved);
