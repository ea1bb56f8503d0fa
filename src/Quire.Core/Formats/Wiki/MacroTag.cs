namespace Quire.Core.Formats.Wiki;

/// <summary>
/// A macro tag in wiki markup: <c>{name}</c> or <c>{name:parameters}</c>, where parameters are
/// <c>a=1|b=2</c> or one unnamed value (<c>{code:java}</c>). The same tag without parameters
/// also closes a macro with a body (<c>{panel}...{panel}</c>).
/// </summary>
internal sealed record MacroTag(string Name, string? RawParameters, int Start, int End)
{
    public bool IsBare => RawParameters is null;

    /// <summary>
    /// The tag starting at <paramref name="at"/>, or null. A brace after a backslash is escaped
    /// and a double brace is monospace, so neither starts a tag. Parameters stop at a brace or a
    /// line end, so each character is read by at most two attempts.
    /// </summary>
    public static MacroTag? TryRead(string text, int at)
    {
        if (at >= text.Length || text[at] != '{') return null;
        if (at > 0 && text[at - 1] is '{' or '\\') return null;
        var nameEnd = at + 1;
        if (nameEnd >= text.Length || !char.IsAsciiLetter(text[nameEnd])) return null;
        while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '-' or '_')) nameEnd++;
        if (nameEnd >= text.Length) return null;
        var name = text[(at + 1)..nameEnd].ToLowerInvariant();
        if (text[nameEnd] == '}') return new MacroTag(name, null, at, nameEnd + 1);
        if (text[nameEnd] != ':') return null;
        var end = nameEnd + 1;
        while (end < text.Length && text[end] is not ('}' or '{' or '\n')) end++;
        if (end >= text.Length || text[end] != '}') return null;
        return new MacroTag(name, text[(nameEnd + 1)..end], at, end + 1);
    }

    /// <summary>
    /// The parameters in order: <c>name=value</c> pairs split on <c>|</c>; a part without
    /// <c>=</c> is the unnamed parameter, stored under <paramref name="defaultName"/>.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Parameters(string defaultName)
    {
        var parameters = new List<(string Name, string Value)>();
        if (string.IsNullOrWhiteSpace(RawParameters)) return parameters;
        foreach (var part in RawParameters.Split('|'))
        {
            var equals = part.IndexOf('=');
            if (equals > 0) parameters.Add((part[..equals].Trim(), part[(equals + 1)..].Trim()));
            else if (part.Trim() is { Length: > 0 } value) parameters.Add((defaultName, value));
        }
        return parameters;
    }
}

/// <summary>
/// Where every bare tag (<c>{name}</c>) stands, read once before converting, so finding the tag
/// that closes a macro is a binary search rather than a scan of the rest of the text for
/// every opener (text of many unknown macros would otherwise cost the square of its length).
/// </summary>
internal sealed class MacroTagIndex
{
    private readonly Dictionary<string, List<int>> _bareTags = new(StringComparer.Ordinal);

    public MacroTagIndex(string text, CancellationToken cancellationToken)
    {
        var seen = 0;
        for (var at = text.IndexOf('{'); at >= 0; at = text.IndexOf('{', at + 1))
        {
            if (++seen % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            if (MacroTag.TryRead(text, at) is not { IsBare: true } tag) continue;
            if (!_bareTags.TryGetValue(tag.Name, out var positions)) _bareTags[tag.Name] = positions = [];
            positions.Add(at);
        }
    }

    /// <summary>The first bare <c>{name}</c> starting in [<paramref name="from"/>, <paramref name="before"/>), or -1.</summary>
    public int NextBare(string name, int from, int before)
    {
        if (!_bareTags.TryGetValue(name, out var positions)) return -1;
        var index = positions.BinarySearch(from);
        if (index < 0) index = ~index;
        return index < positions.Count && positions[index] < before ? positions[index] : -1;
    }
}
