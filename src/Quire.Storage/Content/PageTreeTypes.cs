namespace Quire.Storage.Content;

/// <summary>
/// The content types a space's page tree holds: pages and v2's folders, whiteboards, databases and smart links (embeds),
/// which nest under one another freely and share one order of siblings. Tree queries name them through <see cref="Sql"/>.
/// </summary>
public static class PageTreeTypes
{
    public static readonly IReadOnlyList<string> All = ["page", "folder", "whiteboard", "database", "embed"];

    /// <summary>The types as a SQL list, for <c>type IN {Sql}</c>: constants, so a statement's text stays the same for every call.</summary>
    public const string Sql = "('page', 'folder', 'whiteboard', 'database', 'embed')";

    public static bool Contains(string? type) => type is not null && All.Contains(type);
}
