using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Content;

namespace Quire.Server.Web.Pages.Spaces;

/// <summary>
/// <c>/spaces/KEY/pagetree/ID</c>: the children of a node of the page tree. The tree's script fetches it with
/// <c>fragment=1</c> (just the list) when a node is expanded; without script, the node's link opens it as a page.
/// </summary>
public sealed class PageTreeModel(PageTreeReader tree) : WebPageModel
{
    public ContentItem? Parent { get; private set; }
    public string ParentHref { get; private set; } = "";
    public PageTreeLevel Level { get; private set; } = new([], null);
    public bool Fragment { get; private set; }

    public async Task<IActionResult> OnGetAsync(string spaceKey, long id, string? after, int fragment, CancellationToken ct)
    {
        var (parent, level) = await tree.ChildrenAsync(Caller, id, after, ct);
        if (!string.Equals(parent.Space.Key, spaceKey, StringComparison.OrdinalIgnoreCase))
            return ErrorPage(StatusCodes.Status404NotFound, "There is no such page in this space.");
        (Parent, Level, Fragment) = (parent, level, fragment == 1);
        ParentHref = WebLinks.FromWebui(ContentWebLinks.Webui(parent.Content, parent.Space.Key));
        return Page();
    }
}
