namespace Quire.Storage;

/// <summary>Small helpers for SQL that both engines read the same way.</summary>
public static class Sql
{
    /// <summary>
    /// A LIKE pattern (with ESCAPE '\') matching values that contain <paramref name="text"/>,
    /// lower-cased to match the *_lower columns; null stays null.
    /// </summary>
    public static string? ContainsPattern(string? text) =>
        text is null ? null : "%" + EscapeLike(text.ToLowerInvariant()) + "%";

    public static string? PrefixPattern(string? text) =>
        text is null ? null : EscapeLike(text.ToLowerInvariant()) + "%";

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
