using System.Xml.Linq;

namespace Quire.Core.Formats.View;

/// <summary>
/// A page or blog post a body names (<c>ri:page</c>, <c>ri:blog-post</c>): by id when the storage
/// carries <c>ri:content-id</c>, otherwise by space key, title and (blog posts) posting day.
/// Key and title are kept lower-cased, as titles are unique without regard to case.
/// </summary>
public sealed record PageTarget(string Type, string SpaceKeyLower, string TitleLower, string? PostingDay, long? Id)
{
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    /// <summary>The target of a <c>ri:page</c> or <c>ri:blog-post</c> element; its space defaults to the body's.</summary>
    public static PageTarget? From(XElement? resource, string contextSpaceKey)
    {
        if (resource is null) return null;
        var type = resource.Name == Ri + "page" ? "page" : resource.Name == Ri + "blog-post" ? "blogpost" : null;
        if (type is null) return null;
        var id = long.TryParse((string?)resource.Attribute(Ri + "content-id"), out var parsed) && parsed > 0 ? parsed : (long?)null;
        var title = (string?)resource.Attribute(Ri + "content-title") ?? "";
        if (id is null && title.Length == 0) return null;
        var key = (string?)resource.Attribute(Ri + "space-key") ?? contextSpaceKey;
        // Storage writes a blog post's day as yyyy/MM/dd; the database keeps yyyy-MM-dd.
        var day = ((string?)resource.Attribute(Ri + "posting-day"))?.Replace('/', '-');
        return new PageTarget(type, key.ToLowerInvariant(), title.ToLowerInvariant(), day, id);
    }

    /// <summary>The page or blog post element inside <paramref name="parent"/> (an attachment's owner, a macro parameter).</summary>
    public static PageTarget? Inside(XElement parent, string contextSpaceKey) =>
        From(parent.Elements().FirstOrDefault(e => e.Name == Ri + "page" || e.Name == Ri + "blog-post"), contextSpaceKey);
}

/// <summary>An attachment a body names: a file of its own content (<see cref="Owner"/> null) or of another page.</summary>
public sealed record AttachmentTarget(PageTarget? Owner, string FileNameLower);

/// <summary>
/// Everything one body refers to that only the database can answer, collected in one walk so that
/// the references of many bodies are loaded together (a query per kind, never per body or link).
/// </summary>
public sealed class ViewReferences
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    public HashSet<PageTarget> Pages { get; } = [];
    public HashSet<AttachmentTarget> Attachments { get; } = [];
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);
    public HashSet<string> SpacesLower { get; } = new(StringComparer.Ordinal);

    /// <summary>Pages whose children a children macro lists; null stands for the body's own content.</summary>
    public HashSet<PageTarget?> ChildrenOf { get; } = [];

    /// <summary>Headings or anchors: their ids start with the page's title, which must then be loaded.</summary>
    public bool NeedsTitle { get; private set; }

    /// <summary>How many entries, the weight of this object in a size-limited cache.</summary>
    public int Count => Pages.Count + Attachments.Count + Users.Count + SpacesLower.Count + ChildrenOf.Count;

    public static readonly ViewReferences None = new();

    /// <summary>The references of a parsed body; iterative, checking for cancellation every few thousand nodes.</summary>
    public static ViewReferences Collect(XElement root, string contextSpaceKey, CancellationToken ct)
    {
        var found = new ViewReferences();
        var seen = 0;
        foreach (var element in root.Descendants())
        {
            if (++seen % 4096 == 0) ct.ThrowIfCancellationRequested();
            if (element.Name.Namespace == XNamespace.None)
            {
                if (element.Name.LocalName is { Length: 2 } tag && tag[0] is 'h' or 'H' && char.IsAsciiDigit(tag[1])) found.NeedsTitle = true;
                continue;
            }
            if (element.Name == Ac + "link" && element.Attribute(Ac + "anchor") is not null) found.NeedsTitle = true;
            if (element.Name == Ri + "page" || element.Name == Ri + "blog-post")
            {
                if (PageTarget.From(element, contextSpaceKey) is { } page) found.Pages.Add(page);
            }
            else if (element.Name == Ri + "attachment")
            {
                if ((string?)element.Attribute(Ri + "filename") is { Length: > 0 } file)
                    found.Attachments.Add(new AttachmentTarget(PageTarget.Inside(element, contextSpaceKey), file.ToLowerInvariant()));
            }
            else if (element.Name == Ri + "user")
            {
                if ((string?)element.Attribute(Ri + "account-id") is { Length: > 0 } account) found.Users.Add(account);
            }
            else if (element.Name == Ri + "space")
            {
                if ((string?)element.Attribute(Ri + "space-key") is { Length: > 0 } key) found.SpacesLower.Add(key.ToLowerInvariant());
            }
            else if (MacroParameters.IsMacro(element) && MacroParameters.NameOf(element) == "anchor")
            {
                found.NeedsTitle = true;
            }
            else if (MacroParameters.IsMacro(element) && MacroParameters.NameOf(element) == "children")
            {
                var parameter = MacroParameters.Element(element, "page");
                found.ChildrenOf.Add(parameter is null ? null : PageTarget.Inside(parameter, contextSpaceKey));
            }
        }
        return found;
    }
}
