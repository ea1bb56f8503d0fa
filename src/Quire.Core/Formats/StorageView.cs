using System.Xml;
using System.Xml.Linq;

namespace Quire.Core.Formats;

/// <summary>
/// The <c>view</c> representation of a storage body: Confluence's own elements turned
/// into plain HTML (links to pages, images, code blocks; other macros keep only their
/// rich text), then sanitized by <see cref="HtmlPolicy"/>. Full macro rendering is a later
/// piece of work.
/// </summary>
public static class StorageView
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    public static string Render(string storage, string spaceKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage, cancellationToken);
        }
        catch (XmlException)
        {
            // Stored bodies were validated on write; one that is not (older rows) is shown as text.
            return System.Net.WebUtility.HtmlEncode(storage);
        }
        var html = new XElement("root");
        foreach (var node in root.Nodes()) Convert(node, html, spaceKey);
        cancellationToken.ThrowIfCancellationRequested();
        var text = string.Concat(html.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        return HtmlPolicy.Sanitize(text);
    }

    /// <summary>
    /// Adds what <paramref name="node"/> shows to <paramref name="output"/>. Recursive: the
    /// parser has bounded the depth (<see cref="StorageFormat.MaxDepth"/>).
    /// </summary>
    private static void Convert(XNode node, XContainer output, string spaceKey)
    {
        if (node is not XElement element)
        {
            if (node is XText text) output.Add(new XText(text.Value));
            return;
        }
        if (element.Name.Namespace != XNamespace.None)
        {
            ConvertConfluence(element, output, spaceKey);
            return;
        }
        var copy = new XElement(element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None)
                .Select(a => new XAttribute(a.Name.LocalName, a.Value)));
        foreach (var child in element.Nodes()) Convert(child, copy, spaceKey);
        output.Add(copy);
    }

    private static void ConvertConfluence(XElement element, XContainer output, string spaceKey)
    {
        if (element.Name == Ac + "link")
        {
            var page = element.Element(Ri + "page");
            var title = (string?)page?.Attribute(Ri + "content-title");
            var key = (string?)page?.Attribute(Ri + "space-key") ?? spaceKey;
            var text = element.Element(Ac + "plain-text-link-body")?.Value ?? element.Element(Ac + "link-body")?.Value ?? title ?? "";
            var href = title is null ? null : $"/wiki/display/{Uri.EscapeDataString(key)}/{Uri.EscapeDataString(title)}";
            output.Add(href is null ? new XText(text) : new XElement("a", new XAttribute("href", href), text));
            return;
        }
        if (element.Name == Ac + "image")
        {
            var url = (string?)element.Element(Ri + "url")?.Attribute(Ri + "value");
            if (url is not null) output.Add(new XElement("img", new XAttribute("src", url)));
            return;
        }
        if (element.Name == Ac + "plain-text-body")
        {
            output.Add(new XElement("pre", element.Value));
            return;
        }
        if (element.Name == Ac + "parameter") return;
        // Any other macro or resource: keep what it holds for a reader, drop the wrapper.
        foreach (var child in element.Nodes()) Convert(child, output, spaceKey);
    }
}
