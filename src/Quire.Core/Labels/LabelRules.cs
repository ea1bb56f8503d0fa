using Quire.Core.Errors;
using Quire.Core.Security;

namespace Quire.Core.Labels;

/// <summary>A label as a client asked for it, before the rules below have checked it.</summary>
public sealed record NewLabel(string? Prefix, string? Name);

/// <summary>
/// What a label is, wherever it is attached (spaces, content): a prefix of <c>global</c>,
/// <c>my</c> or <c>team</c> and a lower-case name without spaces. <c>my</c> labels belong
/// to the user who adds them; the other prefixes are shared (owner 0).
/// </summary>
public static class LabelRules
{
    public const int MaxNameLength = 255;
    public const int MaxLabelsPerRequest = 100;
    public const string GlobalPrefix = "global";
    public const string MyPrefix = "my";
    public const string TeamPrefix = "team";

    /// <summary>Characters Confluence refuses in label names.</summary>
    private static readonly char[] Forbidden = [':', ';', ',', '.', '?', '&', '[', ']', '(', ')', '#', '^', '*', '@', '!', '<', '>', '"', '\'', '/', '\\'];

    public static long OwnerOf(Caller caller, string prefix) => prefix == MyPrefix ? caller.UserId : 0;

    public static string Prefix(string prefix) => prefix.Trim().ToLowerInvariant() switch
    {
        GlobalPrefix => GlobalPrefix,
        MyPrefix => MyPrefix,
        TeamPrefix => TeamPrefix,
        _ => throw new BadRequestException($"Label prefix must be one of global, my, team; not '{prefix}'."),
    };

    /// <summary>Confluence stores label names in lower case; it lower-cases what it is given rather than refusing it.</summary>
    public static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadRequestException("Label name is required.");
        var name = value.Trim().ToLowerInvariant();
        if (name.Length > MaxNameLength)
            throw new BadRequestException($"Label name must be at most {MaxNameLength} characters.");
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new BadRequestException($"Label name '{value}' is invalid: labels may not contain spaces.");
        if (name.IndexOfAny(Forbidden) >= 0)
            throw new BadRequestException($"Label name '{value}' contains a character labels may not have ({string.Join(' ', Forbidden)}).");
        return name;
    }

    /// <summary>
    /// A label named in a URL or query, where Confluence also accepts <c>prefix:name</c>
    /// (<c>my:favourite</c>); without a prefix the label is a <c>global</c> one.
    /// </summary>
    public static (string Prefix, string Name) Qualified(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadRequestException("A label name is required.");
        var colon = value.IndexOf(':');
        return colon < 0 ? (GlobalPrefix, Name(value)) : (Prefix(value[..colon]), Name(value[(colon + 1)..]));
    }

    /// <summary>Checks a request's labels: not too many, each valid; duplicates collapse.</summary>
    public static IReadOnlyList<(string Prefix, string Name)> Validate(IReadOnlyList<NewLabel?>? input)
    {
        if (input is null) throw new BadRequestException("The body must be an array of labels.");
        if (input.Count > MaxLabelsPerRequest)
            throw new BadRequestException($"At most {MaxLabelsPerRequest} labels may be added at once.");
        return input.Select(l => (Prefix: Prefix(l?.Prefix ?? GlobalPrefix), Name: Name(l?.Name))).Distinct().ToList();
    }
}
