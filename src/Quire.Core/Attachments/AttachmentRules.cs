using System.Globalization;
using System.Text.RegularExpressions;
using Quire.Core.Errors;

namespace Quire.Core.Attachments;

/// <summary>What an attachment's file name and comment may be, checked before anything is stored.</summary>
public static partial class AttachmentRules
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
        // Control and format characters (a right-to-left override can disguise "exe.txt") and
        // what invalid encodings decode to (lone surrogates, U+FFFD) are no part of a file name.
        if (name.Any(c => char.IsControl(c) || c == '\uFFFD' ||
                          CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) || !IsWellFormedUtf16(name))
            throw new BadRequestException("An attachment's file name must not contain control, format or undecodable characters.");
        if (name.Length > MaxFileNameLength)
            throw new BadRequestException($"An attachment's file name must not be longer than {MaxFileNameLength} characters.");
        return name;
    }

    /// <summary>A media type as RFC 6838 names them (type/subtype, restricted characters), lower-cased.</summary>
    public static string MediaType(string value)
    {
        var type = value.Trim().ToLowerInvariant();
        if (type.Length > 255 || !MediaTypePattern().IsMatch(type))
            throw new BadRequestException($"'{value}' is not a media type (type/subtype, e.g. text/plain).");
        return type;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex MediaTypePattern();

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(value[i])) return false;
        }
        return true;
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
