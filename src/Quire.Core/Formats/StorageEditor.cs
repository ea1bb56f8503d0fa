using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Quire.Core.Errors;

namespace Quire.Core.Formats;

/// <summary>
/// The <c>editor</c> representation: the XHTML Confluence's (legacy) editor works on, where a
/// macro is a <c>table.wysiwyg-macro</c> carrying its name, id and parameters in
/// <c>data-macro-*</c> attributes and its body in a <c>td.wysiwyg-macro-body</c>, a page link an
/// <c>a</c> with <c>data-linked-resource-type="page"</c>, and an image an
/// <c>img.confluence-embedded-image</c>. Plain XHTML is the same in both. Converting to editor
/// and back gives the storage again for macros, page links, external and attached images.
/// </summary>
/// <remarks>
/// An editor body a client sends is read as XHTML by the same bounded, linear reader as storage
/// (HTML's void elements may omit their slash), not by an HTML5 parser: AngleSharp's tree
/// builder costs the square of the nesting (10,000 nested divs: 4 s; 10,000 repeated
/// <c>&lt;i&gt;&lt;b&gt;&lt;u&gt;</c>: 9 s), which a 5 MB body turns into hours of CPU.
/// </remarks>
public static partial class StorageEditor
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;
    private static readonly XNamespace At = StorageFormat.AtNamespace;

    /// <summary>HTML's void elements written without their closing slash (<c>&lt;br&gt;</c>), which XML needs.</summary>
    [GeneratedRegex(@"<(area|br|col|embed|hr|img|input|source|track|wbr)(\s[^<>]*)?>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex VoidElement();

    public static string ToEditor(string storage, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        var root = StorageFormat.Parse(storage, cancellationToken);
        var html = string.Concat(root.Nodes().Select(Editor).Select(n => n.ToString(SaveOptions.DisableFormatting)));
        cancellationToken.ThrowIfCancellationRequested();
        return HtmlPolicy.Sanitize(html);
    }

    /// <summary>The editor form of a node. Recursive: the parser has bounded the depth.</summary>
    private static XNode Editor(XNode node)
    {
        if (node is not XElement element) return node is XText text ? new XText(text.Value) : new XText("");
        if (element.Name == Ac + "structured-macro") return Macro(element);
        if (element.Name == Ac + "link" && element.Element(Ri + "page") is { } page)
        {
            var title = (string?)page.Attribute(Ri + "content-title") ?? "";
            var a = new XElement("a", new XAttribute("href", "#"), new XAttribute("data-linked-resource-type", "page"),
                new XAttribute("data-content-title", title));
            if ((string?)page.Attribute(Ri + "space-key") is { } key) a.Add(new XAttribute("data-space-key", key));
            a.Add(element.Element(Ac + "plain-text-link-body")?.Value ?? element.Element(Ac + "link-body")?.Value ?? title);
            return a;
        }
        if (element.Name == Ac + "image")
        {
            var img = new XElement("img", new XAttribute("class", "confluence-embedded-image"));
            if ((string?)element.Element(Ri + "url")?.Attribute(Ri + "value") is { } url && HtmlPolicy.IsSafeUrl(url))
                img.Add(new XAttribute("src", url), new XAttribute("data-image-src", url));
            else if ((string?)element.Element(Ri + "attachment")?.Attribute(Ri + "filename") is { } file)
                img.Add(new XAttribute("src", "#"), new XAttribute("data-linked-resource-default-alias", file));
            return img;
        }
        var copy = new XElement(element.Name.Namespace == XNamespace.None ? element.Name : element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None));
        copy.Add(element.Nodes().Select(Editor));
        return copy;
    }

    private static XElement Macro(XElement macro)
    {
        var parameters = string.Join('|', macro.Elements(Ac + "parameter")
            .Select(p => Escape((string?)p.Attribute(Ac + "name") ?? "") + "=" + Escape(p.Value)));
        var table = new XElement("table", new XAttribute("class", "wysiwyg-macro"),
            new XAttribute("data-macro-name", (string?)macro.Attribute(Ac + "name") ?? ""),
            new XAttribute("data-macro-parameters", parameters));
        if ((string?)macro.Attribute(Ac + "macro-id") is { } id) table.Add(new XAttribute("data-macro-id", id));
        if ((string?)macro.Attribute(Ac + "schema-version") is { } version) table.Add(new XAttribute("data-macro-schema-version", version));
        var cell = new XElement("td", new XAttribute("class", "wysiwyg-macro-body"));
        string type;
        if (macro.Element(Ac + "rich-text-body") is { } rich)
        {
            type = "RICH_TEXT";
            cell.Add(rich.Nodes().Select(Editor));
        }
        else if (macro.Element(Ac + "plain-text-body") is { } plain)
        {
            type = "PLAIN_TEXT";
            cell.Add(new XElement("pre", plain.Value));
        }
        else type = "NONE";
        table.Add(new XAttribute("data-macro-body-type", type));
        table.Add(new XElement("tbody", new XElement("tr", cell)));
        return table;
    }

    /// <summary>The storage format of an editor body; 400 for anything that does not make well-formed storage.</summary>
    public static string ToStorage(string editor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(editor)) return "";
        var xhtml = VoidElement().Replace(editor, m => m.Value.EndsWith("/>", StringComparison.Ordinal) ? m.Value : m.Value[..^1] + " />");
        XElement root;
        try
        {
            root = StorageFormat.Parse(xhtml, cancellationToken);
        }
        catch (XmlException)
        {
            var problem = StorageFormat.Validate(xhtml, cancellationToken)?.Message ?? "it is not well formed";
            throw new BadRequestException("The editor body is not well-formed XHTML: " + problem);
        }
        var output = new StringBuilder();
        foreach (var node in root.Nodes()) Storage(node, output);
        var storage = output.ToString();
        if (StorageFormat.Validate(storage, cancellationToken) is { } error)
            throw new BadRequestException("The editor body does not make valid storage format: " + error.Message);
        return storage;
    }

    /// <summary>Writes the storage form of an editor node. Recursive: the parser has bounded the depth.</summary>
    private static void Storage(XNode node, StringBuilder output)
    {
        switch (node)
        {
            case XText text:
                output.Append(WebUtility.HtmlEncode(text.Value));
                return;
            case not XElement:
                return;
        }
        var element = (XElement)node;
        var name = Qualified(element.Name);
        if (name == "table" && HasClass(element, "wysiwyg-macro"))
        {
            MacroStorage(element, output);
            return;
        }
        if (name == "a" && (string?)element.Attribute("data-linked-resource-type") == "page")
        {
            output.Append("<ac:link><ri:page ri:content-title=\"").Append(Attr((string?)element.Attribute("data-content-title") ?? element.Value)).Append('"');
            if ((string?)element.Attribute("data-space-key") is { } key) output.Append(" ri:space-key=\"").Append(Attr(key)).Append('"');
            output.Append(" /><ac:plain-text-link-body><![CDATA[").Append(element.Value.Replace("]]>", "]]]]><![CDATA[>")).Append("]]></ac:plain-text-link-body></ac:link>");
            return;
        }
        if (name == "img" && HasClass(element, "confluence-embedded-image"))
        {
            output.Append("<ac:image>");
            if ((string?)element.Attribute("data-linked-resource-default-alias") is { } file)
                output.Append("<ri:attachment ri:filename=\"").Append(Attr(file)).Append("\" />");
            else
                output.Append("<ri:url ri:value=\"").Append(Attr((string?)element.Attribute("data-image-src") ?? (string?)element.Attribute("src") ?? "")).Append("\" />");
            output.Append("</ac:image>");
            return;
        }
        output.Append('<').Append(name);
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            output.Append(' ').Append(Qualified(attribute.Name)).Append("=\"").Append(Attr(attribute.Value)).Append('"');
        if (IsVoid(name) && element.IsEmpty)
        {
            output.Append(" />");
            return;
        }
        output.Append('>');
        foreach (var child in element.Nodes()) Storage(child, output);
        output.Append("</").Append(name).Append('>');
    }

    private static void MacroStorage(XElement table, StringBuilder output)
    {
        output.Append("<ac:structured-macro ac:name=\"").Append(Attr((string?)table.Attribute("data-macro-name") ?? "")).Append('"');
        if ((string?)table.Attribute("data-macro-schema-version") is { } version) output.Append(" ac:schema-version=\"").Append(Attr(version)).Append('"');
        if ((string?)table.Attribute("data-macro-id") is { } id) output.Append(" ac:macro-id=\"").Append(Attr(id)).Append('"');
        output.Append('>');
        foreach (var (key, value) in Parameters((string?)table.Attribute("data-macro-parameters") ?? ""))
            output.Append("<ac:parameter ac:name=\"").Append(Attr(key)).Append("\">").Append(WebUtility.HtmlEncode(value)).Append("</ac:parameter>");
        // The first body cell in document order is the table's own; nested macros' cells come after it.
        var cell = table.Descendants("td").FirstOrDefault(td => HasClass(td, "wysiwyg-macro-body"));
        switch ((string?)table.Attribute("data-macro-body-type"))
        {
            case "PLAIN_TEXT":
                var text = cell?.Descendants("pre").FirstOrDefault()?.Value ?? cell?.Value ?? "";
                output.Append("<ac:plain-text-body><![CDATA[").Append(text.Replace("]]>", "]]]]><![CDATA[>")).Append("]]></ac:plain-text-body>");
                break;
            case "RICH_TEXT":
                output.Append("<ac:rich-text-body>");
                if (cell is not null) foreach (var child in cell.Nodes()) Storage(child, output);
                output.Append("</ac:rich-text-body>");
                break;
        }
        output.Append("</ac:structured-macro>");
    }

    private static bool HasClass(XElement element, string name) =>
        ((string?)element.Attribute("class"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name) == true;

    /// <summary>An element or attribute name as storage writes it: Confluence's prefixes, else the local name.</summary>
    private static string Qualified(XName name)
    {
        if (name.Namespace == Ac) return "ac:" + name.LocalName;
        if (name.Namespace == Ri) return "ri:" + name.LocalName;
        if (name.Namespace == At) return "at:" + name.LocalName;
        return name.LocalName;
    }

    /// <summary>Macro parameters as <c>key=value|key=value</c>, with <c>\</c> escaping <c>|</c>, <c>=</c> and itself.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("|", "\\|").Replace("=", "\\=");

    private static IEnumerable<(string Key, string Value)> Parameters(string encoded)
    {
        var key = new StringBuilder();
        var value = new StringBuilder();
        var inValue = false;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '\\' && i + 1 < encoded.Length) { (inValue ? value : key).Append(encoded[++i]); continue; }
            if (c == '=' && !inValue) { inValue = true; continue; }
            if (c == '|')
            {
                if (key.Length > 0) yield return (key.ToString(), value.ToString());
                key.Clear(); value.Clear(); inValue = false;
                continue;
            }
            (inValue ? value : key).Append(c);
        }
        if (key.Length > 0) yield return (key.ToString(), value.ToString());
    }

    private static string Attr(string value) => WebUtility.HtmlEncode(value);

    private static bool IsVoid(string name) => name is "br" or "hr" or "img" or "col" or "input" or "area" or "base" or "wbr";
}
