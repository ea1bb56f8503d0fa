namespace Quire.Storage.CustomContent;

/// <summary>
/// A declared custom content type (a row of <c>custom_content_types</c>): its key, its name, where its content may live and
/// what may hang off it (comma-separated lists, as the declaration gives them), and its body representation.
/// </summary>
public sealed class CustomContentTypeRecord
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string ContainerTypes { get; init; }
    public required string ChildTypes { get; init; }
    public required string BodyType { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>
/// Custom content type keys as Cloud spells them: <c>ac:{appKey}:{moduleKey}</c> (Connect) or
/// <c>forge:{appId}:{environment}:{moduleKey}</c> (Forge). Content whose type has one of these prefixes is custom content;
/// no built-in type has a colon, so the prefix alone tells them apart without reading the declarations.
/// </summary>
public static class CustomContentKeys
{
    /// <summary>
    /// What a listing names for "custom content of any type" (v2's <c>/custom-content/{id}/children</c>, whose children may be of
    /// several types): no type is spelled so, since every custom type key has a colon.
    /// </summary>
    public const string AnyType = "custom-content";

    /// <summary>The SQL condition "the row's type is a custom content type key", over content alias <paramref name="alias"/>.</summary>
    public static string Condition(string alias) => $"({alias}.type LIKE 'ac:%' OR {alias}.type LIKE 'forge:%')";

    public static bool Is(string? type) =>
        type is not null && (type.StartsWith("ac:", StringComparison.Ordinal) || type.StartsWith("forge:", StringComparison.Ordinal));
}
