using Quire.Core.Errors;

namespace Quire.Core.Spaces;

/// <summary>What makes space keys, names, descriptions and statuses acceptable.</summary>
public static class SpaceRules
{
    public const int MaxKeyLength = 255;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 32_768;

    public const string Global = "global";
    public const string Personal = "personal";
    public const string Current = "current";
    public const string Archived = "archived";

    /// <summary>
    /// A global space key: ASCII letters and digits only, as Confluence requires. Kept ASCII
    /// so keys are safe in URLs and lower-case the same way in every engine.
    /// </summary>
    public static string GlobalKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadRequestException("key is required.");
        var key = value.Trim();
        if (key.Length > MaxKeyLength)
            throw new BadRequestException($"Space key must be at most {MaxKeyLength} characters.");
        if (!key.All(char.IsAsciiLetterOrDigit))
            throw new BadRequestException($"Space key '{key}' is invalid: it may contain only letters and digits.");
        return key;
    }

    public static bool IsPersonalKey(string? value) => value?.TrimStart().StartsWith('~') == true;

    public static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadRequestException("name is required.");
        var name = value.Trim();
        if (name.Length > MaxNameLength)
            throw new BadRequestException($"Space name must be at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl))
            throw new BadRequestException("Space name must not contain control characters.");
        return name;
    }

    public static string Description(string? value)
    {
        var description = value ?? "";
        if (description.Length > MaxDescriptionLength)
            throw new BadRequestException($"Space description must be at most {MaxDescriptionLength} characters.");
        return description;
    }

    public static string Status(string value) => value switch
    {
        Current or Archived => value,
        _ => throw new BadRequestException($"status must be '{Current}' or '{Archived}', not '{value}'."),
    };

    public static string Type(string value) => value switch
    {
        Global or Personal => value,
        _ => throw new BadRequestException($"type must be '{Global}' or '{Personal}', not '{value}'."),
    };
}
