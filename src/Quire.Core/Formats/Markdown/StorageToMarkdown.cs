using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Quire.Core.Formats.Markdown;

/// <summary>
/// A stored body as Markdown for the web editor, such that saving it unchanged through
/// <see cref="MarkdownToStorage"/> gives the same storage back (up to HTML's insignificant white
/// space). Each top-level block that Markdown can say (paragraphs, headings, simple lists, quotes,
/// rules, plain tables, links, emphasis, inline code, URL images, the code macro) is written as
/// Markdown, and only when converting that Markdown back gives the block again; any other block
/// (other macros, page links, attached images, layouts, styled elements, task lists) is written as
/// a fenced <see cref="MarkdownToStorage.StorageFence"/> block holding its storage, which an edit
/// keeps untouched.
/// </summary>
public static partial class StorageToMarkdown
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    private static readonly HashSet<string> BlockNames = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "hr", "pre", "div", "ac:structured-macro", "ac:layout", "ac:task-list", "ac:adf-extension"];

    [GeneratedRegex("[ \t\r\n]+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(\d+)([.)])")]
    private static partial Regex OrderedMarker();

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRuns();

    public static string Convert(string? storage, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(storage)) return "";
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage, cancellationToken);
        }
        catch (XmlException)
        {
            return Fence(storage); // only older rows can be malformed: kept whole, as they are
        }
        var blocks = new List<string>();
        var inlineRun = new List<XNode>();
        foreach (var node in root.Nodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is XElement element && BlockNames.Contains(Qualified(element.Name)))
            {
                FlushInline(inlineRun, blocks);
                blocks.Add(Verified(element, cancellationToken));
            }
            else if (node is XText text && text is not XCData && string.IsNullOrWhiteSpace(text.Value) && inlineRun.Count == 0) continue;
            else inlineRun.Add(node);
        }
        FlushInline(inlineRun, blocks);
        return string.Join("\n\n", blocks) + "\n";
    }

    /// <summary>Text and inline elements directly at the top level (no paragraph): storage, as they are.</summary>
    private static void FlushInline(List<XNode> run, List<string> blocks)
    {
        while (run.Count > 0 && run[^1] is XText { Value: var v } t && t is not XCData && string.IsNullOrWhiteSpace(v)) run.RemoveAt(run.Count - 1);
        if (run.Count > 0) blocks.Add(Fence(StorageFormat.Write(run)));
        run.Clear();
    }

    /// <summary>The block as Markdown when that converts back to the same block; as a storage fence otherwise.</summary>
    private static string Verified(XElement element, CancellationToken cancellationToken)
    {
        var original = StorageFormat.Write([element]);
        if (Block(element) is { } markdown)
        {
            try
            {
                if (Normalized(MarkdownToStorage.Convert(markdown, cancellationToken)) == Normalized(original)) return markdown;
            }
            catch (Errors.QuireException)
            {
                // not Markdown after all: kept as storage below
            }
        }
        return Fence(original);
    }

    /// <summary>Storage with white space collapsed in text (not CDATA) and trimmed at the edges of blocks, as HTML shows it.</summary>
    public static string Normalized(string storage)
    {
        var root = StorageFormat.Parse(storage);
        foreach (var text in root.DescendantNodes().OfType<XText>().Where(t => t is not XCData).ToList())
        {
            var value = WhiteSpace().Replace(text.Value, " ");
            if (text.Parent is { } parent && parent != root && IsTextBlock(parent))
            {
                if (text.PreviousNode is null) value = value.TrimStart();
                if (text.NextNode is null) value = value.TrimEnd();
            }
            if (value.Length == 0) text.Remove();
            else text.Value = value;
        }
        foreach (var text in root.Nodes().OfType<XText>().Where(t => t is not XCData && string.IsNullOrWhiteSpace(t.Value)).ToList()) text.Remove();
        return StorageFormat.Write(root.Nodes());
    }

    private static bool IsTextBlock(XElement element) => element.Name.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li" or "td" or "th";

    /// <summary>A fenced storage block whose fence is longer than any run of backticks inside.</summary>
    private static string Fence(string storage)
    {
        var fence = FenceFor(storage);
        return $"{fence}{MarkdownToStorage.StorageFence}\n{storage}\n{fence}";
    }

    private static string FenceFor(string content) =>
        new('`', Math.Max(3, BacktickRuns().Matches(content).Select(m => m.Length).DefaultIfEmpty(0).Max() + 1));

    /// <summary>Markdown for a block, or null when Markdown cannot say it.</summary>
    private static string? Block(XElement element)
    {
        if (element.Attributes().Any(a => !a.IsNamespaceDeclaration) && element.Name.Namespace == XNamespace.None) return null;
        switch (Qualified(element.Name))
        {
            case "p":
                return Inline(element.Nodes(), allowBreaks: true) is { Length: > 0 } text ? EscapeLineStarts(text) : null;
            case var h when h.Length == 2 && h[0] == 'h' && h[1] is >= '1' and <= '6':
                return Inline(element.Nodes(), allowBreaks: false) is { Length: > 0 } heading
                    ? new string('#', h[1] - '0') + " " + heading
                    : null;
            case "hr":
                return element.IsEmpty ? "---" : null;
            case "ul" or "ol":
                return List(element);
            case "blockquote":
                var parts = new List<string>();
                foreach (var node in element.Nodes())
                {
                    if (node is XText t && t is not XCData && string.IsNullOrWhiteSpace(t.Value)) continue;
                    if (node is not XElement child || Block(child) is not { } part) return null;
                    parts.Add(part);
                }
                if (parts.Count == 0) return null;
                return string.Join("\n", string.Join("\n\n", parts).Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line));
            case "table":
                return Table(element);
            case "ac:structured-macro":
                return CodeMacro(element);
            default:
                return null;
        }
    }

    private static string? List(XElement list)
    {
        var ordered = list.Name.LocalName == "ol";
        var lines = new List<string>();
        var number = 1;
        foreach (var node in list.Nodes())
        {
            if (node is XText t && t is not XCData && string.IsNullOrWhiteSpace(t.Value)) continue;
            if (node is not XElement { Name.LocalName: "li" } item || item.Name.Namespace != XNamespace.None || item.HasAttributes) return null;
            var marker = ordered ? $"{number++}. " : "- ";
            var indent = new string(' ', marker.Length);
            var nested = item.Elements().LastOrDefault() is { Name.LocalName: "ul" or "ol" } last && last.Name.Namespace == XNamespace.None ? last : null;
            var inline = Inline(item.Nodes().Where(n => n != nested), allowBreaks: false);
            if (inline is null) return null;
            lines.Add(marker + EscapeLineStarts(inline));
            if (nested is not null)
            {
                if (nested.HasAttributes || List(nested) is not { } inner) return null;
                lines.AddRange(inner.Split('\n').Select(l => indent + l));
            }
        }
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static string? Table(XElement table)
    {
        if (table.Elements().Count() != 1 || table.Element("tbody") is not { HasAttributes: false } body) return null;
        var rows = body.Elements().ToList();
        if (rows.Count < 1 || rows.Any(r => r.Name.LocalName != "tr" || r.Name.Namespace != XNamespace.None || r.HasAttributes)) return null;
        var header = rows[0].Elements().ToList();
        if (header.Count == 0 || header.Any(c => c.Name != "th" || c.HasAttributes)) return null;
        var lines = new List<string>();
        string? Row(IEnumerable<XElement> cells, string name)
        {
            var texts = new List<string>();
            foreach (var cell in cells)
            {
                if (cell.Name != name || cell.HasAttributes || Inline(cell.Nodes(), allowBreaks: false) is not { } text) return null;
                texts.Add(text);
            }
            return "| " + string.Join(" | ", texts) + " |";
        }
        if (Row(header, "th") is not { } head) return null;
        lines.Add(head);
        lines.Add("|" + string.Concat(Enumerable.Repeat(" --- |", header.Count)));
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Elements().ToList();
            if (cells.Count != header.Count || Row(cells, "td") is not { } line) return null;
            lines.Add(line);
        }
        return string.Join("\n", lines);
    }

    /// <summary>The code macro with at most a language and a plain-text body, as a fenced code block.</summary>
    private static string? CodeMacro(XElement macro)
    {
        if ((string?)macro.Attribute(Ac + "name") != "code" || macro.Attributes().Count() != 1) return null;
        string? language = null;
        string? code = null;
        foreach (var node in macro.Nodes())
        {
            if (node is XText t && t is not XCData && string.IsNullOrWhiteSpace(t.Value)) continue;
            if (node is XElement { } p && p.Name == Ac + "parameter" && (string?)p.Attribute(Ac + "name") == "language" && language is null) language = p.Value;
            else if (node is XElement { } b && b.Name == Ac + "plain-text-body" && code is null) code = b.Value;
            else return null;
        }
        if (code is null || (language is not null && (language.Length == 0 || language.Any(c => char.IsWhiteSpace(c) || c == '`')))) return null;
        if (language == MarkdownToStorage.StorageFence) return null;
        var fence = FenceFor(code);
        return $"{fence}{language}\n{code}\n{fence}";
    }

    /// <summary>Inline nodes as Markdown, or null when one of them has no Markdown form.</summary>
    private static string? Inline(IEnumerable<XNode> nodes, bool allowBreaks)
    {
        var output = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XCData:
                    return null;
                case XText text:
                    output.Append(EscapeText(WhiteSpace().Replace(text.Value, " ")));
                    break;
                case XElement element:
                    if (InlineElement(element, allowBreaks) is not { } markdown) return null;
                    output.Append(markdown);
                    break;
                default:
                    return null;
            }
        }
        return output.ToString().Trim(' ');
    }

    private static string? InlineElement(XElement element, bool allowBreaks)
    {
        var name = Qualified(element.Name);
        if (name == "ac:image") return Image(element);
        if (element.Name.Namespace != XNamespace.None) return null;
        if (name == "a")
        {
            if (element.Attributes().Count() != 1 || (string?)element.Attribute("href") is not { Length: > 0 } href) return null;
            if (href.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '\\')) return null;
            return Inline(element.Nodes(), false) is { Length: > 0 } label ? $"[{label}]({href})" : null;
        }
        if (element.HasAttributes) return null;
        switch (name)
        {
            case "br":
                return allowBreaks && element.IsEmpty ? "\\\n" : null;
            case "code":
                if (element.Nodes().Any(n => n is not XText || n is XCData)) return null;
                var code = element.Value;
                if (code.Length == 0 || code.Contains('\n')) return null;
                var ticks = new string('`', BacktickRuns().Matches(code).Select(m => m.Length).DefaultIfEmpty(0).Max() + 1);
                var pad = code.StartsWith('`') || code.EndsWith('`') || (code.StartsWith(' ') && code.EndsWith(' ')) ? " " : "";
                return ticks + pad + code + pad + ticks;
            case "strong" or "em" or "del":
                var inner = Inline(element.Nodes(), false);
                if (inner is not { Length: > 0 } || inner != inner.Trim()) return null;
                var mark = name switch { "strong" => "**", "em" => "*", _ => "~~" };
                return mark + inner + mark;
            default:
                return null;
        }
    }

    /// <summary>An image from a URL (with its alt text) as <c>![alt](url)</c>; attached images stay storage.</summary>
    private static string? Image(XElement image)
    {
        if (image.Attributes().Any(a => a.Name != Ac + "alt") || image.Elements().Count() != 1) return null;
        if (image.Element(Ri + "url") is not { } url || (string?)url.Attribute(Ri + "value") is not { Length: > 0 } src) return null;
        if (src.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '\\')) return null;
        return $"![{EscapeText((string?)image.Attribute(Ac + "alt") ?? "")}]({src})";
    }

    /// <summary>Text with every character Markdown could read as syntax escaped.</summary>
    private static string EscapeText(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '~' or '!' or '|') output.Append('\\');
            output.Append(c);
        }
        return output.ToString();
    }

    /// <summary>Escapes what would start a heading, list, quote or rule at the start of a line.</summary>
    private static string EscapeLineStarts(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(line =>
        {
            if (line.Length > 0 && line[0] is '#' or '-' or '+' or '=') return "\\" + line;
            return OrderedMarker().Replace(line, "$1\\$2");
        }));

    private static string Qualified(XName name) =>
        name.Namespace == Ac ? "ac:" + name.LocalName : name.Namespace == Ri ? "ri:" + name.LocalName : name.LocalName;
}
