using System.Globalization;

namespace Quire.Core.Formats.Adf;

/// <summary>The few inline-style declarations storage format carries meaning in (alignment, indentation, colours).</summary>
internal static class Css
{
    public static Dictionary<string, string> Parse(string? style)
    {
        var declarations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(style)) return declarations;
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon <= 0) continue;
            declarations[declaration[..colon].Trim().ToLowerInvariant()] = declaration[(colon + 1)..].Trim();
        }
        return declarations;
    }

    /// <summary>A length in pixels ("30px", "30.0px"), or null.</summary>
    public static double? Pixels(string value) =>
        value.EndsWith("px", StringComparison.Ordinal) &&
        double.TryParse(value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var pixels) && double.IsFinite(pixels)
            ? pixels : null;

    /// <summary>A colour as ADF's marks take it (#rrggbb, lower case), from #rrggbb, #rgb or rgb(r, g, b); else null.</summary>
    public static string? Colour(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.StartsWith('#') && value.Length == 7 && value[1..].All(char.IsAsciiHexDigit)) return value;
        if (value.StartsWith('#') && value.Length == 4 && value[1..].All(char.IsAsciiHexDigit))
            return $"#{value[1]}{value[1]}{value[2]}{value[2]}{value[3]}{value[3]}".ToLowerInvariant();
        if (value.StartsWith("rgb(", StringComparison.OrdinalIgnoreCase) && value.EndsWith(')'))
        {
            var parts = value[4..^1].Split(',');
            if (parts.Length == 3 && parts.All(p => byte.TryParse(p.Trim(), out _)))
                return "#" + string.Concat(parts.Select(p => byte.Parse(p.Trim(), CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture)));
        }
        return null;
    }
}
