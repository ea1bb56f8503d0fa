using Quire.Core.Errors;

namespace Quire.Core.Attachments;

/// <summary>What an attachment's file name and comment may be, checked before anything is stored.</summary>
public static class AttachmentRules
{
    public const string Type = "attachment";
    public const int MaxFileNameLength = 255;
    public const int MaxCommentLength = 255;
    public const int MaxFilesPerRequest = 100;

    /// <summary>
    /// A file name is a name, not a path: a client that sends a path (as old browsers did)
    /// gets its last segment. Names that are empty, dots only, or contain control characters
    /// are refused; the name never reaches a file system (bytes are stored by hash).
    /// </summary>
    public static string FileName(string? raw)
    {
        var name = (raw ?? "").Trim();
        var separator = name.LastIndexOfAny(['/', '\\']);
        if (separator >= 0) name = name[(separator + 1)..].Trim();
        if (name.Length == 0 || name.All(c => c == '.'))
            throw new BadRequestException($"'{raw}' is not a valid file name for an attachment.");
        if (name.Any(char.IsControl))
            throw new BadRequestException("An attachment's file name must not contain control characters.");
        if (name.Length > MaxFileNameLength)
            throw new BadRequestException($"An attachment's file name must not be longer than {MaxFileNameLength} characters.");
        return name;
    }

    public static string Comment(string? comment)
    {
        var value = comment ?? "";
        if (value.Length > MaxCommentLength)
            throw new BadRequestException($"An attachment comment must not be longer than {MaxCommentLength} characters.");
        return value;
    }

    public static string DuplicateNameMessage(string fileName) =>
        $"Cannot add a new attachment with same file name as an existing attachment: {fileName}";
}
