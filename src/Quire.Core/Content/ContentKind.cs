using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// What v2 calls a piece of content by its URL: <c>/pages</c>, <c>/blogposts</c>, <c>/attachments</c>,
/// <c>/footer-comments</c>, <c>/inline-comments</c>, and the page tree's other kinds <c>/folders</c>,
/// <c>/whiteboards</c>, <c>/databases</c>, <c>/embeds</c> (smart links). Quire stores them as content types,
/// and a comment's kind is its location (a comment stored without one is a footer comment, as v1 writes it).
/// </summary>
public enum ContentKind { Page, BlogPost, Attachment, FooterComment, InlineComment, Folder, Whiteboard, Database, Embed }

public static class ContentKinds
{
    /// <summary>The kind of a content row; null for a type v2 does not serve.</summary>
    public static ContentKind? Of(ContentRecord record) => Of(record.Type, record.CommentLocation);

    /// <summary>The kind of content of this type and (for comments) location.</summary>
    public static ContentKind? Of(string type, string? commentLocation) => type switch
    {
        ContentRules.Page => ContentKind.Page,
        ContentRules.BlogPost => ContentKind.BlogPost,
        ContentRules.Attachment => ContentKind.Attachment,
        ContentRules.Comment => commentLocation == ContentRules.Inline ? ContentKind.InlineComment : ContentKind.FooterComment,
        ContentRules.Folder => ContentKind.Folder,
        ContentRules.Whiteboard => ContentKind.Whiteboard,
        ContentRules.Database => ContentKind.Database,
        ContentRules.Embed => ContentKind.Embed,
        _ => null,
    };

    /// <summary>A test for rows of one kind, for the per-kind routes.</summary>
    public static Func<ContentRecord, bool> Matching(ContentKind kind) => record => Of(record) == kind;

    /// <summary>The kind as v2 names it in answers (convert-ids-to-types, ancestors' <c>type</c>): page, blogpost, attachment,
    /// footer-comment, inline-comment, folder, whiteboard, database, embed.</summary>
    public static string Name(this ContentKind kind) => kind switch
    {
        ContentKind.FooterComment => "footer-comment",
        ContentKind.InlineComment => "inline-comment",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether the row is of this kind: a v2 URL naming another kind's id answers 404, as Cloud does.</summary>
    public static bool Is(this ContentRecord record, ContentKind kind) => Of(record) == kind;

    /// <summary>The kind as messages name it ("footer comment").</summary>
    public static string Describe(this ContentKind kind) => kind switch
    {
        ContentKind.FooterComment => "footer comment",
        ContentKind.InlineComment => "inline comment",
        ContentKind.BlogPost => "blog post",
        ContentKind.Embed => "smart link",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
