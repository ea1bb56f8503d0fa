using Quire.Core.Errors;

namespace Quire.Server.ApiV2.Common;

/// <summary>v2's list-valued query parameters: repeated (<c>status=a&amp;status=b</c>) or comma-separated (<c>status=a,b</c>).</summary>
public static class V2Query
{
    /// <summary>The values given for <paramref name="name"/>, each one of <paramref name="allowed"/> (400 otherwise); <paramref name="defaults"/> when none.</summary>
    public static IReadOnlyList<string> Values(HttpRequest request, string name, IReadOnlyCollection<string> allowed, IReadOnlyList<string> defaults)
    {
        var values = request.Query[name]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        if (values.Count == 0) return defaults;
        foreach (var value in values)
            if (!allowed.Contains(value))
                throw new BadRequestException($"{name} must be among {string.Join(", ", allowed)}; '{(value.Length > 40 ? value[..40] + "..." : value)}' is not.");
        return values;
    }

    /// <summary>A boolean flag (<c>purge</c>, <c>root-level</c>, <c>include-*</c>): true, false, or absent (<paramref name="absent"/>); anything else is a 400.</summary>
    public static bool Flag(HttpRequest request, string name, bool absent = false) => request.Query[name].ToString() switch
    {
        "" => absent,
        "false" => false,
        "true" => true,
        var other => throw new BadRequestException($"{name} must be true or false; '{(other.Length > 40 ? other[..40] + "..." : other)}' is not."),
    };
}
