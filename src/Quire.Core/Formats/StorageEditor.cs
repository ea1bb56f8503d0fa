using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
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
public static class StorageEditor
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;
    private const int MaxDepth = 200;

    public static string ToEditor(string storage)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        var root = StorageView.Parse(storage);
        return string.Concat(root.Nodes().Select(n => Editor(n, 0)).Select(n => n.ToString(SaveOptions.DisableFormatting)));
    }

    private static XNode Editor(XNode node, int depth)
    {
        if (depth > MaxDepth) throw new BadRequestException($"The body nests deeper than {MaxDepth} elements.");
        if (node is not XElement element) return node is XText text ? new XText(text.Value) : new XText("");
        if (element.Name == Ac + "structured-macro") return Macro(element, depth);
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
            if ((string?)element.Element(Ri + "url")?.Attribute(Ri + "value") is { } url)
                img.Add(new XAttribute("src", url), new XAttribute("data-image-src", url));
            else if ((string?)element.Element(Ri + "attachment")?.Attribute(Ri + "filename") is { } file)
                img.Add(new XAttribute("src", "#"), new XAttribute("data-linked-resource-default-alias", file));
            return img;
        }
        var copy = new XElement(element.Name.Namespace == XNamespace.None ? element.Name : element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None));
        copy.Add(element.Nodes().Select(n => Editor(n, depth + 1)));
        return copy;
    }

    private static XElement Macro(XElement macro, int depth)
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
            cell.Add(rich.Nodes().Select(n => Editor(n, depth + 1)));
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
    public static string ToStorage(string editor)
    {
        if (string.IsNullOrWhiteSpace(editor)) return "";
        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = false }).ParseDocument("<body>" + editor + "</body>");
        var output = new StringBuilder();
        foreach (var node in document.Body!.ChildNodes) Storage(node, output, 0);
        var storage = output.ToString();
        if (StorageFormat.Validate(storage) is { } error) throw new BadRequestException("The editor body does not make valid storage format: " + error.Message);
        return storage;
    }

    private static void Storage(INode node, StringBuilder output, int depth)
    {
        if (depth > MaxDepth) throw new BadRequestException($"The body nests deeper than {MaxDepth} elements.");
        switch (node)
        {
            case IText text:
                output.Append(WebUtility.HtmlEncode(text.Data));
                return;
            case not IElement:
                return;
        }
        var element = (IElement)node;
        var name = element.LocalName;
        if (name == "table" && element.ClassList.Contains("wysiwyg-macro"))
        {
            MacroStorage(element, output, depth);
            return;
        }
        if (name == "a" && element.GetAttribute("data-linked-resource-type") == "page")
        {
            output.Append("<ac:link><ri:page ri:content-title=\"").Append(Attr(element.GetAttribute("data-content-title") ?? element.TextContent)).Append('"');
            if (element.GetAttribute("data-space-key") is { } key) output.Append(" ri:space-key=\"").Append(Attr(key)).Append('"');
            output.Append(" /><ac:plain-text-link-body><![CDATA[").Append(element.TextContent.Replace("]]>", "]]]]><![CDATA[>")).Append("]]></ac:plain-text-link-body></ac:link>");
            return;
        }
        if (name == "img" && element.ClassList.Contains("confluence-embedded-image"))
        {
            output.Append("<ac:image>");
            if (element.GetAttribute("data-linked-resource-default-alias") is { } file)
                output.Append("<ri:attachment ri:filename=\"").Append(Attr(file)).Append("\" />");
            else
                output.Append("<ri:url ri:value=\"").Append(Attr(element.GetAttribute("data-image-src") ?? element.GetAttribute("src") ?? "")).Append("\" />");
            output.Append("</ac:image>");
            return;
        }
        output.Append('<').Append(name);
        foreach (var attribute in element.Attributes)
            output.Append(' ').Append(attribute.Name).Append("=\"").Append(Attr(attribute.Value)).Append('"');
        if (IsVoid(name) && element.ChildNodes.Length == 0)
        {
            output.Append(" />");
            return;
        }
        output.Append('>');
        foreach (var child in element.ChildNodes) Storage(child, output, depth + 1);
        output.Append("</").Append(name).Append('>');
    }

    private static void MacroStorage(IElement table, StringBuilder output, int depth)
    {
        output.Append("<ac:structured-macro ac:name=\"").Append(Attr(table.GetAttribute("data-macro-name") ?? "")).Append('"');
        if (table.GetAttribute("data-macro-schema-version") is { } version) output.Append(" ac:schema-version=\"").Append(Attr(version)).Append('"');
        if (table.GetAttribute("data-macro-id") is { } id) output.Append(" ac:macro-id=\"").Append(Attr(id)).Append('"');
        output.Append('>');
        foreach (var (key, value) in Parameters(table.GetAttribute("data-macro-parameters") ?? ""))
            output.Append("<ac:parameter ac:name=\"").Append(Attr(key)).Append("\">").Append(WebUtility.HtmlEncode(value)).Append("</ac:parameter>");
        var cell = table.QuerySelector("td.wysiwyg-macro-body");
        switch (table.GetAttribute("data-macro-body-type"))
        {
            case "PLAIN_TEXT":
                var text = cell?.QuerySelector("pre")?.TextContent ?? cell?.TextContent ?? "";
                output.Append("<ac:plain-text-body><![CDATA[").Append(text.Replace("]]>", "]]]]><![CDATA[>")).Append("]]></ac:plain-text-body>");
                break;
            case "RICH_TEXT":
                output.Append("<ac:rich-text-body>");
                if (cell is not null) foreach (var child in cell.ChildNodes) Storage(child, output, depth + 1);
                output.Append("</ac:rich-text-body>");
                break;
        }
        output.Append("</ac:structured-macro>");
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
