using Quire.Core.Errors;
using Quire.Core.Formats;

namespace Quire.Core.Content;

/// <summary>The values content may take, checked before anything is stored.</summary>
public static class ContentRules
{
    public const string Page = "page";
    public const string BlogPost = "blogpost";
    public const string Comment = "comment";
    /// <summary>Attachments are content too, but are created through the attachment operations.</summary>
    public const string Attachment = "attachment";
    /// <summary>The page tree's other kinds (v2 part 2): no editor body, created through their own v2 operations.</summary>
    public const string Folder = "folder";
    public const string Whiteboard = "whiteboard";
    public const string Database = "database";
    /// <summary>A smart link in the content tree; v2 calls the kind "embed" in types and URLs.</summary>
    public const string Embed = "embed";
    public const string Current = "current";
    public const string Draft = "draft";
    public const string Trashed = "trashed";
    public const string Historical = "historical";
    public const string Footer = "footer";
    public const string Inline = "inline";
    public const int MaxTitleLength = 255;

    /// <summary>
    /// v2's name for custom content of any declared type, where a path names the kind rather than the type
    /// (<c>/custom-content/{id}/properties</c>): see <see cref="IsOfType"/>.
    /// </summary>
    public const string CustomContent = Storage.CustomContent.CustomContentKeys.AnyType;

    public static readonly IReadOnlySet<string> Types = new HashSet<string> { Page, BlogPost, Comment };

    /// <summary>The kinds that live in a space's page tree beside pages (v2's folders, whiteboards, databases, smart links).</summary>
    public static readonly IReadOnlyList<string> TreeKinds = [Folder, Whiteboard, Database, Embed];

    public static bool IsTreeKind(string? type) => type is Folder or Whiteboard or Database or Embed;

    /// <summary>Whether the type lives in a page tree: pages and the tree kinds, which nest under one another in any order, as in Cloud.</summary>
    public static bool InPageTree(string? type) => type == Page || IsTreeKind(type);

    /// <summary>Pages (per space) and blog posts (per space and day) need unique titles; the tree kinds do not, as in Cloud.</summary>
    public static bool HasUniqueTitle(string type) => type is Page or BlogPost;

    /// <summary>A type content may be created or listed with: a built-in one, or a custom content type key (whether it is declared is the caller's check).</summary>
    public static string Type(string? type) =>
        type is not null && (Types.Contains(type) || IsCustom(type))
            ? type
            : throw new BadRequestException($"Content type '{type}' is not supported; use page, blogpost, comment or a declared custom content type.");

    /// <summary>Whether the type is a custom content type key (<c>ac:...</c>, <c>forge:...</c>).</summary>
    public static bool IsCustom(string? type) => Storage.CustomContent.CustomContentKeys.Is(type);

    /// <summary>Whether content of <paramref name="actual"/> type is what a path asking for <paramref name="asked"/> finds (<see cref="CustomContent"/> finds every custom type).</summary>
    public static bool IsOfType(string actual, string asked) => asked == CustomContent ? IsCustom(actual) : actual == asked;

    /// <summary>
    /// The space permission target that governs content of the type. Quire's spaces grant page, blog post, comment and
    /// attachment rights; the tree kinds (who may add pages may add folders) and custom content (Quire has no app-defined
    /// permissions; Cloud's apps may declare their own) are created, edited and deleted with the space's page rights.
    /// </summary>
    public static string PermissionTarget(string type) => IsTreeKind(type) || IsCustom(type) ? Page : type;

    public static string Title(string? title, string type)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new BadRequestException($"A {type} must have a title.");
        if (title.Length > MaxTitleLength) throw new BadRequestException($"A title must not be longer than {MaxTitleLength} characters.");
        return title;
    }

    /// <summary>The storage body exactly as sent, once it is known to be well formed.</summary>
    public static string StorageBody(string? value, string? representation, CancellationToken cancellationToken = default)
    {
        if (value is null) return "";
        if (representation is not null && representation != "storage")
            throw new BadRequestException($"Body representation '{representation}' is not supported; send body.storage with representation 'storage'.");
        if (StorageFormat.Validate(value, cancellationToken) is { } error) throw new BadRequestException(error.Message);
        return value;
    }

    public static string DuplicateTitleMessage(string type) => type == BlogPost
        ? "A blog post with this title already exists: A blog post with the same TITLE has already been posted in this space on this day"
        : "A page with this title already exists: A page already exists with the same TITLE in this space";

    public static string VersionConflictMessage(int current) =>
        $"Version must be incremented on update. Current version is: {current}";
}
