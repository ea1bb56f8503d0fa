namespace Quire.Server.Web;

/// <summary>
/// Addresses of the web interface's pages, absolute paths on the site (the API's <c>_links.webui</c> are the
/// same paths without <c>/wiki</c>: <see cref="Quire.Core.Content.ContentWebLinks"/>).
/// </summary>
public static class WebLinks
{
    public const string Wiki = "/wiki";

    public static string Space(string key) => $"{Wiki}/spaces/{Uri.EscapeDataString(key)}";

    /// <summary>The children of <paramref name="id"/> in the space's page tree: a page, or with <c>fragment=1</c> just the list.</summary>
    public static string PageTree(string key, long id) => $"{Space(key)}/pagetree/{id}";

    /// <summary>A <c>webui</c> link from the API (relative to <c>/wiki</c>) as a path on the site.</summary>
    public static string FromWebui(string webui) => Wiki + webui;

    /// <summary>A draft's editor: the <c>editui</c> of pages and blog posts (<see cref="Quire.Core.Content.ContentWebLinks.Editui"/>), by id.</summary>
    public static string ResumeDraft(long id) => $"{Wiki}/pages/resumedraft.action?draftId={id}";

    /// <summary>The page that asks, then deletes an attachment.</summary>
    public static string RemoveAttachment(long attachmentId) => $"{Wiki}/pages/removeattachment.action?attachmentId={attachmentId}";
}
