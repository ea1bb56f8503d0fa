namespace Quire.Core.Formats.View;

/// <summary>
/// Where a body is rendered: its content (0 for a body not yet saved) and that content's title
/// (headings' ids start with it, as Confluence makes them), the space links resolve in, the prefix
/// of every URL (<c>/wiki</c> for view, the site's absolute base for export_view), and what the
/// database answered for the viewer.
/// </summary>
public sealed record ViewContext(
    long ContentId, string Title, string SpaceKey, string LinkBase, ViewResolutions Resolutions, bool ResolveUsers = true)
{
    /// <summary>A context with nothing resolved: links show the storage's own text.</summary>
    public static ViewContext Unresolved(string spaceKey) => new(0, "", spaceKey, ViewUrls.Context, ViewResolutions.None, ResolveUsers: false);
}

/// <summary>The URLs Confluence gives the things a body links to, under a prefix (relative <c>/wiki</c> or absolute).</summary>
public static class ViewUrls
{
    public const string Context = "/wiki";

    /// <summary>A page's or blog post's <c>_links.webui</c> under the prefix: spaces/KEY/pages/ID/Title.</summary>
    public static string Page(string linkBase, ResolvedPage page)
    {
        var key = Uri.EscapeDataString(page.SpaceKey);
        var title = Uri.EscapeDataString(page.Title).Replace("%20", "+");
        return page.Type == "blogpost" && page.PostingDay is { } day
            ? $"{linkBase}/spaces/{key}/blog/{day.Replace('-', '/')}/{page.Id}/{title}"
            : $"{linkBase}/spaces/{key}/pages/{page.Id}/{title}";
    }

    /// <summary>An attachment's <c>_links.download</c> under the prefix.</summary>
    public static string Download(string linkBase, ResolvedAttachment file) =>
        $"{linkBase}/download/attachments/{file.ContainerId}/{Uri.EscapeDataString(file.FileName)}" +
        $"?version={file.Version}&modificationDate={file.UpdatedAt}&api=v2";

    public static string Person(string linkBase, string accountId) => $"{linkBase}/people/{Uri.EscapeDataString(accountId)}";

    public static string Space(string linkBase, string key) => $"{linkBase}/spaces/{Uri.EscapeDataString(key)}";
}
