using System.Globalization;
using System.Xml.Linq;
using Quire.Core.ContentBody;

namespace Quire.Core.Formats.View;

/// <summary>The HTML of a body (not yet sanitized) and what it embeds.</summary>
public sealed record ViewHtml(string Html, IReadOnlyList<EmbeddedItem> Embedded);

/// <summary>
/// Storage format to Confluence's view HTML: plain XHTML is kept (tables wrapped and classed,
/// headings given ids), and Confluence's elements (macros, links, images, emoticons, task lists,
/// layouts, dates) become the markup Confluence Cloud renders for them. Links resolve only through
/// <see cref="ViewResolutions"/>, which hold nothing the viewer may not see. The output is not yet
/// sanitized: <see cref="HtmlPolicy"/> applies after. Recursive over the parsed tree, whose depth
/// <see cref="StorageFormat.Parse"/> bounds; linear in the body's size.
/// </summary>
public sealed partial class ViewRenderer
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;

    private const int CancellationStride = 4096;

    private readonly ViewContext _context;
    private readonly CancellationToken _ct;
    private readonly HtmlWriter _out;
    private readonly List<EmbeddedItem> _embedded = [];
    private readonly HeadingIds _headings;
    private int _visited;
    private int _expanders;

    private ViewRenderer(XElement root, ViewContext context, int capacity, CancellationToken ct)
    {
        _context = context;
        _ct = ct;
        _out = new HtmlWriter(capacity);
        _headings = HeadingIds.Of(root, context.Title, ct);
    }

    /// <summary>The view HTML of a parsed body (<see cref="StorageFormat.Parse"/>).</summary>
    public static ViewHtml Render(XElement root, ViewContext context, CancellationToken ct = default, int capacityHint = 256)
    {
        var renderer = new ViewRenderer(root, context, capacityHint, ct);
        renderer.Children(root);
        ct.ThrowIfCancellationRequested();
        return new ViewHtml(renderer._out.ToString(), renderer._embedded.Distinct().ToList());
    }

    private void Children(XContainer parent)
    {
        foreach (var node in parent.Nodes()) Node(node);
    }

    private void Node(XNode node)
    {
        if (++_visited % CancellationStride == 0) _ct.ThrowIfCancellationRequested();
        switch (node)
        {
            case XText text: // CDATA included
                _out.Text(text.Value);
                break;
            case XElement element when element.Name.Namespace == XNamespace.None:
                Html(element);
                break;
            case XElement element:
                Confluence(element);
                break;
        }
    }

    /// <summary>An XHTML element, kept with its plain attributes; the policy removes what is unsafe.</summary>
    private void Html(XElement element)
    {
        var tag = element.Name.LocalName.ToLowerInvariant();
        switch (tag)
        {
            case "table":
                _out.Open("div", ("class", "table-wrap"));
                Copy(element, tag, extraClass: "confluenceTable");
                _out.Close("div");
                return;
            case "th":
                Copy(element, tag, extraClass: "confluenceTh");
                return;
            case "td":
                Copy(element, tag, extraClass: "confluenceTd");
                return;
            case "time":
                Time(element);
                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Copy(element, tag, id: _headings.IdOf(element));
                return;
            default:
                Copy(element, tag);
                return;
        }
    }

    private void Copy(XElement element, string tag, string? extraClass = null, string? id = null)
    {
        _out.Start(tag);
        var classWritten = false;
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.Namespace != XNamespace.None) continue;
            var name = attribute.Name.LocalName;
            // The ids of a view are Quire's (headings, anchors, expand), never a body's: an id a body
            // chose ("location", "cookie") could shadow the names of a page that embeds the view.
            if (name.Equals("id", StringComparison.OrdinalIgnoreCase)) continue;
            if (extraClass is not null && name.Equals("class", StringComparison.OrdinalIgnoreCase))
            {
                _out.Attribute("class", $"{attribute.Value} {extraClass}".Trim());
                classWritten = true;
                continue;
            }
            _out.Attribute(name, attribute.Value);
        }
        if (extraClass is not null && !classWritten) _out.Attribute("class", extraClass);
        _out.Attribute("id", id).EndOpen();
        if (HtmlWriter.IsVoid(tag)) return;
        Children(element);
        _out.Close(tag);
    }

    /// <summary><c>&lt;time datetime="2024-01-15" /&gt;</c> shows its date, as Confluence formats it ("15 Jan 2024").</summary>
    private void Time(XElement element)
    {
        var value = (string?)element.Attribute("datetime") ?? "";
        var shown = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd MMM yyyy", CultureInfo.InvariantCulture)
            : value;
        _out.Element("time", shown, ("datetime", value));
    }

    /// <summary>An <c>ac:</c>, <c>ri:</c> or <c>at:</c> element.</summary>
    private void Confluence(XElement element)
    {
        if (element.Name.Namespace != Ac)
        {
            // ri: resources say what a link or image points at and show nothing themselves; at: template parts keep their content.
            if (element.Name.Namespace != Ri) Children(element);
            return;
        }
        switch (element.Name.LocalName)
        {
            case "structured-macro" or "macro":
                Macro(element);
                break;
            case "link":
                Link(element);
                break;
            case "image":
                Image(element);
                break;
            case "emoticon":
                Emoticon(element);
                break;
            case "task-list":
                TaskList(element);
                break;
            case "layout":
                Layout(element);
                break;
            case "adf-extension":
                // A Cloud editor node Quire does not know: its fallback is the storage Confluence shows for it.
                if (element.Element(Ac + "adf-fallback") is { } fallback) Children(fallback);
                break;
            case "inline-comment-marker":
                _out.Open("span", ("class", "inline-comment-marker"), ("data-ref", (string?)element.Attribute(Ac + "ref")));
                Children(element);
                _out.Close("span");
                break;
            case "plain-text-body":
                _out.Element("pre", element.Value);
                break;
            case "parameter" or "placeholder" or "task-id" or "task-uuid" or "task-status" or "adf-node" or "plain-text-link-body":
                break; // settings and editor prompts, not prose
            default:
                Children(element); // rich-text-body, link-body, task-body, adf-content, and what Quire does not know
                break;
        }
    }

    /// <summary>Task lists as Confluence shows them: <c>ul.inline-task-list</c>, a completed task's <c>li</c> classed <c>checked</c>.</summary>
    private void TaskList(XElement list)
    {
        _out.Open("ul", ("class", "inline-task-list"),
            ("data-inline-tasks-content-id", _context.ContentId == 0 ? null : _context.ContentId.ToString(CultureInfo.InvariantCulture)));
        foreach (var task in list.Elements(Ac + "task"))
        {
            var done = string.Equals(task.Element(Ac + "task-status")?.Value.Trim(), "complete", StringComparison.OrdinalIgnoreCase);
            _out.Open("li", ("class", done ? "checked" : null), ("data-inline-task-id", task.Element(Ac + "task-id")?.Value.Trim()));
            if (task.Element(Ac + "task-body") is { } body) Children(body);
            _out.Close("li");
        }
        _out.Close("ul");
    }

    /// <summary>Page layouts: <c>div.contentLayout2</c>, a <c>div.columnLayout</c> per section, a <c>div.cell</c> per cell.</summary>
    private void Layout(XElement layout)
    {
        _out.Open("div", ("class", "contentLayout2"));
        foreach (var section in layout.Elements(Ac + "layout-section"))
        {
            var type = ((string?)section.Attribute(Ac + "type") ?? "single").Replace('_', '-');
            if (!IsToken(type)) type = "single";
            _out.Open("div", ("class", "columnLayout " + type), ("data-layout", type));
            var cells = section.Elements(Ac + "layout-cell").ToList();
            for (var i = 0; i < cells.Count; i++)
            {
                var kind = IsSidebar(type, i, cells.Count) ? "aside" : "normal";
                _out.Open("div", ("class", "cell " + kind), ("data-type", kind)).Open("div", ("class", "innerCell"));
                Children(cells[i]);
                _out.Close("div").Close("div");
            }
            _out.Close("div");
        }
        _out.Close("div");
    }

    private static bool IsSidebar(string type, int index, int count) => type switch
    {
        "two-left-sidebar" => index == 0,
        "two-right-sidebar" => index == count - 1,
        "three-with-sidebars" => index == 0 || index == count - 1,
        _ => false,
    };

    /// <summary>A word safe in a class or CSS value: letters, digits, '-', '_', '#', '.', at most 40 of them.</summary>
    private static bool IsToken(string? value) =>
        value is { Length: > 0 and <= 40 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '#' or '.');
}
