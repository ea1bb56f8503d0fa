using System.Globalization;
using Quire.Core.Errors;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2 ids arrive as strings (path segments, JSON members, repeated query values) and must be
/// whole numbers: anything else is a 400 naming the parameter, as Cloud answers, not a 404.
/// </summary>
public static class V2Ids
{
    public static long Parse(string? value, string name)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw new BadRequestException($"{name} must be a positive whole number; '{Shorten(value)}' is not.");
    }

    /// <summary>A repeated or comma-separated id filter (<c>id=1&amp;id=2</c>, <c>id=1,2</c>); null when absent; at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<long>? ParseList(Microsoft.Extensions.Primitives.StringValues values, string name, int max = 250)
    {
        if (values.Count == 0) return null;
        var ids = new List<long>();
        foreach (var value in values)
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(Parse(part, name));
            if (ids.Count > max) throw new BadRequestException($"At most {max} values of {name} may be given.");
        }
        return ids.Count == 0 ? null : ids;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "...";
}
