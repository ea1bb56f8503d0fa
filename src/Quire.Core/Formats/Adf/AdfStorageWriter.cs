using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfJson;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// Writes validated ADF blocks as storage format, Confluence Cloud's way: HTML for what HTML
/// has, <c>ac:</c> elements and macros for the rest, an adf-extension for what storage lacks.
/// One pass over the tree, appending to the output, so the cost is linear in the document.
/// </summary>
internal sealed partial class AdfStorageWriter(IAdfMediaFiles media, CancellationToken ct)
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;
    private readonly AdfWork _work = new(ct);

    private void Tick() => _work.Tick();

    /// <summary>Any node, block or inline, into <paramref name="into"/>.</summary>
    public void Node(JsonObject node, XContainer into)
    {
        if (AdfNodes.IsInline(Type(node))) Inline(node, into);
        else Block(node, into);
    }

    public void Block(JsonObject node, XContainer into)
    {
        Tick();
        switch (Type(node))
        {
            case "paragraph": into.Add(TextBlock("p", node)); break;
            case "heading": into.Add(TextBlock("h" + Math.Clamp((int)(Num(Attrs(node), "level") ?? 1), 1, 6), node)); break;
            case "bulletList": into.Add(Container("ul", node)); break;
            case "orderedList": into.Add(OrderedList(node)); break;
            case "listItem": into.Add(Container("li", node)); break;
            case "blockquote": into.Add(Container("blockquote", node)); break;
            case "rule": into.Add(WithLocalId(new XElement("hr"), node)); break;
            case "table" when !node.ContainsKey("marks"): into.Add(Table(node)); break;
            case "tableRow": into.Add(Container("tr", node)); break;
            case "tableHeader": into.Add(Cell("th", node)); break;
            case "tableCell": into.Add(Cell("td", node)); break;
            case "codeBlock": into.Add(CodeBlock(node)); break;
            case "panel" when PanelMacro(node) is { } macro: into.Add(Panel(node, macro)); break;
            case "expand" or "nestedExpand": into.Add(Expand(node)); break;
            case "taskList": into.Add(TaskList(node)); break;
            case "taskItem": into.Add(TaskItem(node)); break;
            case "layoutSection": into.Add(LayoutSection(node, into)); break;
            case "mediaSingle" when MediaSingle(node) is { } image: into.Add(image); break;
            case "mediaGroup": MediaGroup(node, into); break;
            case "blockCard" or "embedCard" when Card(node) is { } card: into.Add(card); break;
            case "extension" or "bodiedExtension" when StorageFragment.Is(node): into.Add(StorageFragment.Unwrap(node, ct)); break;
            case "extension" or "bodiedExtension" when Macro(node) is { } macro: into.Add(macro); break;
            default: into.Add(AdfEnvelope.Write(node, inline: false, Node)); break;
        }
    }

    private XElement Container(string name, JsonObject node)
    {
        var element = WithLocalId(new XElement(name), node);
        foreach (var child in Children(node)) Node(child, element);
        return element;
    }

    /// <summary>A paragraph or heading; alignment, indentation and font size marks become its style, as Confluence writes them.</summary>
    private XElement TextBlock(string name, JsonObject node)
    {
        var element = WithLocalId(new XElement(name), node);
        var style = new List<string>();
        foreach (var mark in Marks(node))
        {
            switch (Type(mark))
            {
                case "alignment": style.Add($"text-align: {(Attr(mark, "align") == "end" ? "right" : "center")};"); break;
                case "indentation": style.Add($"margin-left: {(Num(Attrs(mark), "level") ?? 1) * 30}.0px;"); break;
                case "fontSize": style.Add($"font-size: {Attr(mark, "fontSize")};"); break;
            }
        }
        if (style.Count > 0) element.SetAttributeValue("style", string.Join(" ", style));
        foreach (var child in Children(node)) Node(child, element);
        return element;
    }

    private XElement OrderedList(JsonObject node)
    {
        var list = Container("ol", node);
        if (Num(Attrs(node), "order") is { } order && order != 1) list.SetAttributeValue("start", Format(order));
        return list;
    }

    private XElement Table(JsonObject node)
    {
        var attrs = Attrs(node);
        var table = WithLocalId(new XElement("table"), node);
        if (Bool(attrs, "isNumberColumnEnabled") is { } numbered) table.SetAttributeValue("data-number-column", numbered ? "true" : "false");
        table.SetAttributeValue("data-layout", Str(attrs, "layout"));
        if (Num(attrs, "width") is { } width) table.SetAttributeValue("data-table-width", Format(width));
        table.SetAttributeValue("data-table-display-mode", Str(attrs, "displayMode"));
        var columns = ColumnWidths(node);
        if (columns is not null)
            table.Add(new XElement("colgroup", columns.Select(w => new XElement("col", new XAttribute("style", $"width: {Pixels(w)};")))));
        var body = new XElement("tbody");
        foreach (var row in Children(node))
        {
            Tick();
            var tr = WithLocalId(new XElement("tr"), row);
            var column = 0;
            foreach (var cell in Children(row))
            {
                var written = Cell(Type(cell) == "tableHeader" ? "th" : "td", cell, columns, column);
                column += Span(Num(Attrs(cell), "colspan"));
                tr.Add(written);
            }
            body.Add(tr);
        }
        table.Add(body);
        return table;
    }

    /// <summary>
    /// The table's column widths as Confluence writes them in a <c>&lt;colgroup&gt;</c>, from
    /// its first row, when every cell there has them; cells elsewhere that differ carry their own.
    /// </summary>
    private static double[]? ColumnWidths(JsonObject table)
    {
        var firstRow = Children(table).FirstOrDefault();
        if (firstRow is null) return null;
        var widths = new List<double>();
        foreach (var cell in Children(firstRow))
        {
            if (Attrs(cell)?["colwidth"] is not JsonArray cellWidths || cellWidths.Count != (int)(Num(Attrs(cell), "colspan") ?? 1)) return null;
            foreach (var width in cellWidths)
                if (width is JsonValue v && AsDouble(v) is { } d) widths.Add(d); else return null;
        }
        return widths.Count > 0 ? widths.ToArray() : null;
    }

    /// <summary>The most columns or rows one cell may span; the schema allows any number, and positions are counted in ints.</summary>
    public const int MaxSpan = 1000;

    /// <summary>A cell's span as a whole number from 1 to <see cref="MaxSpan"/> (what is missing, fractional or out of range is read as the nearest).</summary>
    private static int Span(double? value) =>
        value is not { } number || double.IsNaN(number) || number < 1 ? 1 : number > MaxSpan ? MaxSpan : (int)number;

    private XElement Cell(string name, JsonObject node, double[]? columns = null, int column = 0)
    {
        var attrs = Attrs(node);
        var cell = Container(name, node);
        if (Span(Num(attrs, "colspan")) is var colspan && colspan != 1) cell.SetAttributeValue("colspan", Format(colspan));
        if (Span(Num(attrs, "rowspan")) is var rowspan && rowspan != 1) cell.SetAttributeValue("rowspan", Format(rowspan));
        if (attrs?["colwidth"] is JsonArray widths)
        {
            var values = widths.Select(w => w is JsonValue v ? AsDouble(v) : null).ToList();
            var fromColumns = columns is not null && column + values.Count <= columns.Length &&
                values.Select((w, i) => w == columns[column + i]).All(same => same);
            if (!fromColumns) cell.SetAttributeValue("data-colwidth", string.Join(",", values.Select(d => d is { } n ? Format(n) : "")));
        }
        else if (columns is not null) cell.SetAttributeValue("data-colwidth", ""); // not the colgroup's widths: none
        cell.SetAttributeValue("data-highlight-colour", Str(attrs, "background"));
        cell.SetAttributeValue("data-valign", Str(attrs, "valign"));
        return cell;
    }

    private XElement TaskList(JsonObject node)
    {
        var list = new XElement(Ac + "task-list");
        list.SetAttributeValue(Ac + "task-list-id", Attr(node, "localId"));
        foreach (var child in Children(node)) Block(child, list);
        return list;
    }

    private XElement TaskItem(JsonObject node)
    {
        var body = new XElement(Ac + "task-body");
        foreach (var child in Children(node)) Inline(child, body);
        return new XElement(Ac + "task",
            new XElement(Ac + "task-id", Attr(node, "localId") ?? ""),
            new XElement(Ac + "task-status", Attr(node, "state") == "DONE" ? "complete" : "incomplete"),
            body);
    }

    /// <summary>Confluence's layout types by column widths; a section's widths come back from its type.</summary>
    internal static readonly (string Type, double[] Widths)[] LayoutTypes =
    [
        ("two_equal", [50, 50]), ("two_left_sidebar", [33.33, 66.66]), ("two_right_sidebar", [66.66, 33.33]),
        ("three_equal", [33.33, 33.33, 33.33]), ("three_with_sidebars", [25, 50, 25]),
    ];

    /// <summary>
    /// One <c>ac:layout-section</c>; consecutive sections share one <c>ac:layout</c> as in
    /// Confluence, so a section joins the layout its predecessor opened.
    /// </summary>
    private XElement? LayoutSection(JsonObject node, XContainer into)
    {
        var widths = Children(node).Select(c => Num(Attrs(c), "width") ?? 0).ToArray();
        var type = LayoutTypes.Where(t => t.Widths.Length == widths.Length)
            .OrderBy(t => t.Widths.Zip(widths, (a, b) => Math.Abs(a - b)).Sum())
            .Select(t => t.Type).FirstOrDefault() ?? "single";
        var section = new XElement(Ac + "layout-section", new XAttribute(Ac + "type", type));
        Breakout(node, section);
        foreach (var column in Children(node))
        {
            var cell = new XElement(Ac + "layout-cell");
            foreach (var child in Children(column)) Block(child, cell);
            section.Add(cell);
        }
        if (into.LastNode is XElement previous && previous.Name == Ac + "layout")
        {
            previous.Add(section);
            return null;
        }
        return new XElement(Ac + "layout", section);
    }

    /// <summary>A length as Confluence writes it: "120.0px", "33.5px".</summary>
    private static string Pixels(double value)
    {
        var text = Format(value);
        return (text.Contains('.') ? text : text + ".0") + "px";
    }

    private static void Breakout(JsonObject node, XElement element)
    {
        foreach (var mark in Marks(node).Where(m => Type(m) == "breakout"))
        {
            element.SetAttributeValue(Ac + "breakout-mode", Attr(mark, "mode"));
            if (Num(Attrs(mark), "width") is { } width) element.SetAttributeValue(Ac + "breakout-width", Format(width));
        }
    }

    private static XElement WithLocalId(XElement element, JsonObject node)
    {
        element.SetAttributeValue(Ac + "local-id", Attr(node, "localId") is { Length: > 0 } id ? id : null);
        return element;
    }

}
