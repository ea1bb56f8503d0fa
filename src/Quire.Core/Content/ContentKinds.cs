using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// The content kinds v2 names where v1 has one type: v1's <c>comment</c> is a <c>footer-comment</c> or an
/// <c>inline-comment</c> by its location. v2's routes are per kind, so a route answers 404 for content of
/// another kind, as for missing content.
/// </summary>
public static class ContentKinds
{
    public const string FooterComment = "footer-comment";
    public const string InlineComment = "inline-comment";

    /// <summary>The v2 kind of a row (page, blogpost, attachment, footer-comment, inline-comment).</summary>
    public static string Of(string type, string? commentLocation) =>
        type != ContentRules.Comment ? type : commentLocation == ContentRules.Inline ? InlineComment : FooterComment;

    public static string Of(ContentRecord record) => Of(record.Type, record.CommentLocation);

    /// <summary>A test for rows of one v2 kind, for the per-kind routes.</summary>
    public static Func<ContentRecord, bool> Is(string kind) => record => Of(record) == kind;
}
