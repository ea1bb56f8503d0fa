using System.Xml;
using System.Xml.Linq;
using Ganss.Xss;

namespace Quire.Core.Formats;

/// <summary>
/// The <c>view</c> representation of a storage body: Confluence's own elements turned
/// into plain HTML (links to pages, images, code blocks; other macros keep only their
/// rich text), then sanitized so no script, event handler or <c>javascript:</c> URL
/// survives. Full macro rendering is a later piece of work.
/// </summary>
public static class StorageView
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    // Configured once, then shared: the library documents Sanitize() as thread-safe while no one changes its settings.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string storage, string spaceKey)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        XElement root;
        try
        {
            root = Parse(storage);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException)
        {
            // Stored bodies were validated on write; one that is not (older rows) is shown as text.
            return System.Net.WebUtility.HtmlEncode(storage);
        }
        var html = string.Concat(root.Nodes().SelectMany(n => Convert(n, spaceKey)).Select(n => n.ToString(SaveOptions.DisableFormatting)));
        return Sanitizer.Sanitize(html);
    }

    internal static XElement Parse(string storage)
    {
        using var reader = StorageFormat.CreateReader(StorageFormat.ResolveEntities(storage));
        var root = new XElement("root");
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.None) { reader.Read(); continue; }
            var node = XNode.ReadFrom(reader);
            root.Add(node);
        }
        return root;
    }

    private static IEnumerable<XNode> Convert(XNode node, string spaceKey)
    {
        if (node is not XElement element)
        {
            if (node is XText or XCData) yield return new XText(((XText)node).Value);
            yield break;
        }
        var ns = element.Name.Namespace;
        if (ns == Ac || ns == Ri || ns.NamespaceName.Length > 0)
        {
            foreach (var converted in ConvertConfluence(element, spaceKey)) yield return converted;
            yield break;
        }
        var copy = new XElement(element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None)
                .Select(a => new XAttribute(a.Name.LocalName, a.Value)));
        foreach (var child in element.Nodes().SelectMany(n => Convert(n, spaceKey))) copy.Add(child);
        yield return copy;
    }

    private static IEnumerable<XNode> ConvertConfluence(XElement element, string spaceKey)
    {
        if (element.Name == Ac + "link")
        {
            var page = element.Element(Ri + "page");
            var title = (string?)page?.Attribute(Ri + "content-title");
            var key = (string?)page?.Attribute(Ri + "space-key") ?? spaceKey;
            var text = element.Element(Ac + "plain-text-link-body")?.Value ?? element.Element(Ac + "link-body")?.Value ?? title ?? "";
            var href = title is null ? null : $"/wiki/display/{Uri.EscapeDataString(key)}/{Uri.EscapeDataString(title)}";
            yield return href is null ? new XText(text) : new XElement("a", new XAttribute("href", href), text);
            yield break;
        }
        if (element.Name == Ac + "image")
        {
            var url = (string?)element.Element(Ri + "url")?.Attribute(Ri + "value");
            if (url is not null) yield return new XElement("img", new XAttribute("src", url));
            yield break;
        }
        if (element.Name == Ac + "plain-text-body")
        {
            yield return new XElement("pre", element.Value);
            yield break;
        }
        if (element.Name == Ac + "parameter") yield break;
        // Any other macro or resource: keep what it holds for a reader, drop the wrapper.
        foreach (var child in element.Nodes().SelectMany(n => Convert(n, spaceKey))) yield return child;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        return sanitizer;
    }
}
