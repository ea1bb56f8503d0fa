using Quire.Core.Content;
using Quire.Storage.Content;

namespace Quire.Server.Web.Content;

/// <summary>One entry of the page tree: the content, its address, and where its children are fetched from.</summary>
public sealed record PageTreeNode(long Id, string Title, string Type, string Href, string ChildrenHref)
{
    public static PageTreeNode Of(ContentRecord content, string spaceKey) => new(
        content.Id, content.Title, content.Type,
        WebLinks.FromWebui(ContentWebLinks.Webui(content, spaceKey)),
        WebLinks.PageTree(spaceKey, content.Id));
}

/// <summary>One level of the tree as a list: its nodes, and the address of the rest when the level was capped.</summary>
public sealed record PageTreeLevel(IReadOnlyList<PageTreeNode> Nodes, string? MoreHref);
