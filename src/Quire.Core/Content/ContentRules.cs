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

    public static readonly IReadOnlySet<string> Types = new HashSet<string> { Page, BlogPost, Comment };

    public static string Type(string? type) =>
        type is not null && Types.Contains(type)
            ? type
            : throw new BadRequestException($"Content type '{type}' is not supported; use page, blogpost or comment.");

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
