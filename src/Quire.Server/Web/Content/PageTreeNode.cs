using Quire.Core.Content;
using Quire.Storage.Content;

namespace Quire.Server.Web.Content;

/// <summary>
/// One entry of the page tree: the content, its address, where its children are fetched from, and whether it has children
/// the viewer may see (only then does it show an expand control).
/// </summary>
public sealed record PageTreeNode(long Id, string Title, string Type, string Href, string ChildrenHref, bool HasChildren)
{
    public static PageTreeNode Of(ContentRecord content, string spaceKey, bool hasChildren) => new(
        content.Id, content.Title, content.Type,
        WebLinks.FromWebui(ContentWebLinks.Webui(content, spaceKey)),
        WebLinks.PageTree(spaceKey, content.Id), hasChildren);
}

/// <summary>One level of the tree as a list: its nodes, and the address of the rest when the level was capped.</summary>
public sealed record PageTreeLevel(IReadOnlyList<PageTreeNode> Nodes, string? MoreHref);
