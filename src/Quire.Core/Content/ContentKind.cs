using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// v2's kinds of content as a type the compiler checks: what <c>/pages</c>, <c>/blogposts</c>, <c>/attachments</c>,
/// <c>/footer-comments</c> and <c>/inline-comments</c> name. Which kind a row is stays decided in one place,
/// <see cref="ContentKinds.Of(ContentRecord)"/> (a comment's kind is its location).
/// </summary>
public enum ContentKind { Page, BlogPost, Attachment, FooterComment, InlineComment }

public static class ContentKindExtensions
{
    /// <summary>The kind of a content row; null for a type v2's part 1 does not serve.</summary>
    public static ContentKind? KindOf(this ContentRecord record) => ContentKinds.Of(record) switch
    {
        ContentRules.Page => ContentKind.Page,
        ContentRules.BlogPost => ContentKind.BlogPost,
        ContentRules.Attachment => ContentKind.Attachment,
        ContentKinds.FooterComment => ContentKind.FooterComment,
        ContentKinds.InlineComment => ContentKind.InlineComment,
        _ => null,
    };

    /// <summary>Whether the row is of this kind: a v2 URL naming another kind's id answers 404, as Cloud does.</summary>
    public static bool Is(this ContentRecord record, ContentKind kind) => record.KindOf() == kind;

    /// <summary>The kind as messages name it ("footer comment").</summary>
    public static string Describe(this ContentKind kind) => kind switch
    {
        ContentKind.FooterComment => "footer comment",
        ContentKind.InlineComment => "inline comment",
        ContentKind.BlogPost => "blog post",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
