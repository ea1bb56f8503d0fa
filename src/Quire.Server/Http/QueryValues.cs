namespace Quire.Server.Http;

public static class QueryValues
{
    /// <summary>
    /// A multi-valued query parameter as Confluence takes it: repeated
    /// (<c>accountId=a&amp;accountId=b</c>) or comma-separated (<c>accountId=a,b</c>).
    /// </summary>
    public static IReadOnlyList<string> Multi(HttpRequest request, string name) =>
        request.Query[name]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>A parameter or field that is absent, empty or blank counts as not given; otherwise trimmed.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
