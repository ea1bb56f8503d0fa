using Quire.Core.Errors;

namespace Quire.Core.Classification;

/// <summary>The values a classification level may take (the spec's enums), checked before anything is stored.</summary>
public static class ClassificationLevelRules
{
    public const string Draft = "DRAFT";
    public const string Published = "PUBLISHED";
    public const string Archived = "ARCHIVED";
    public const int MaxNameLength = 255;
    public const int MaxTextLength = 2000;

    public static readonly IReadOnlyList<string> Statuses = [Draft, Published, Archived];

    /// <summary>The spec's <c>ClassificationLevelColor</c>.</summary>
    public static readonly IReadOnlyList<string> Colors =
        ["RED", "RED_BOLD", "ORANGE", "YELLOW", "GREEN", "BLUE", "NAVY", "TEAL", "PURPLE", "GREY", "LIME"];

    public static string Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new BadRequestException("A classification level needs a name.");
        return trimmed.Length <= MaxNameLength ? trimmed : throw new BadRequestException($"A level's name must not be longer than {MaxNameLength} characters.");
    }

    public static string Color(string? color) =>
        color is not null && Colors.Contains(color.Trim().ToUpperInvariant())
            ? color.Trim().ToUpperInvariant()
            : throw new BadRequestException($"color must be one of {string.Join(", ", Colors)}; '{color}' is not.");

    public static string Status(string? status) =>
        status is not null && Statuses.Contains(status.Trim().ToUpperInvariant())
            ? status.Trim().ToUpperInvariant()
            : throw new BadRequestException($"status must be one of {string.Join(", ", Statuses)}; '{status}' is not.");

    /// <summary>A description or guideline: null when blank.</summary>
    public static string? Text(string? text, string name)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return trimmed.Length <= MaxTextLength ? trimmed : throw new BadRequestException($"{name} must not be longer than {MaxTextLength} characters.");
    }

    /// <summary>
    /// A level goes from draft to published and between published and archived; once published it
    /// never becomes a draft again, since content and defaults may have carried it.
    /// </summary>
    public static void RequireTransition(string from, string to)
    {
        if (to == Draft && from != Draft)
            throw new BadRequestException($"A {from.ToLowerInvariant()} level cannot become a draft again.");
    }
}
