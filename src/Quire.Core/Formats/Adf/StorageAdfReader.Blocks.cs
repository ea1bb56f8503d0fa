using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfNodes;

namespace Quire.Core.Formats.Adf;

/// <summary>Storage blocks: HTML's paragraphs, headings, lists, tables and quotes, and Confluence's task lists and layouts.</summary>
internal sealed partial class StorageAdfReader
{
    private void Block(XElement element, AdfContainer container, List<JsonObject> output)
    {
        Tick();
        if (element.Name.Namespace == Ac)
        {
            switch (element.Name.LocalName)
            {
                case "structured-macro": Macro(element, container, output); return;
                case "task-list": Add(container.Allows("taskList") ? TaskList(element) : null, element, output); return;
                case "layout": Layout(element, container, output); return;
                case "image": output.Add(Image(element) ?? StorageFragment.Wrap([element], inline: false)); return;
                case "adf-extension": Envelope(element, container, output); return;
                default: output.Add(StorageFragment.Wrap([element], inline: false)); return;
            }
        }
        IsHtml(element, out var name);
        switch (name)
        {
            case "p": Paragraph(element, container, output); break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6": Heading(element, name[1] - '0', container, output); break;
            case "ul" or "ol": output.Add(List(element, name == "ol")); break;
            case "table": Add(container.Allows("table") ? Table(element) : null, element, output); break;
            case "blockquote" when container.Allows("blockquote"): output.Add(Node("blockquote", LocalId(element), NonEmpty(Blocks(element.Nodes(), AdfContainer.Blockquote)))); break;
            case "hr": Add(container.Allows("rule") ? Node("rule", LocalId(element)) : null, element, output); break;
            case "pre": output.Add(CodeBlock(element.Value, null, null)); break;
            case "a": Card(element, container, output); break;
            case "li" when container == AdfContainer.Any: output.Add(ListItem(element)); break;
            case "tr" when container == AdfContainer.Any: output.Add(Row(element)); break;
            case "td" or "th" when container == AdfContainer.Any: output.Add(Cell(element)); break;
            case "blockquote" or "table" or "hr": output.Add(StorageFragment.Wrap([element], inline: false)); break;
            default: BlocksInto(element.Nodes(), container, output); break; // div, section, ...: their content in place
        }
    }

    /// <summary>A block when the container takes it, else the element kept whole as a storage fragment.</summary>
    private static void Add(JsonObject? block, XElement element, List<JsonObject> output) =>
        output.Add(block ?? StorageFragment.Wrap([element], inline: false));

    /// <summary>ADF requires content in containers storage may leave empty: an empty paragraph stands in.</summary>
    private static JsonArray NonEmpty(JsonArray blocks)
    {
        if (blocks.Count == 0) blocks.Add(Node("paragraph", content: []));
        return blocks;
    }

    private static JsonObject? LocalId(XElement element) =>
        (string?)element.Attribute(Ac + "local-id") is { Length: > 0 } id ? new JsonObject { ["localId"] = id } : null;

    private void Paragraph(XElement element, AdfContainer container, List<JsonObject> output)
    {
        var inlines = new List<JsonObject>();
        foreach (var node in element.Nodes()) Inline(node, Marks.None, inlines, canHoist: true);
        var before = output.Count;
        SplitParagraph(inlines, BlockMarks(element, container, heading: false), container, output);
        if (LocalId(element) is { } attrs && output.Count > before && AdfJson.Type(output[before]) == "paragraph")
            output[before]["attrs"] = attrs;
    }

    private void Heading(XElement element, int level, AdfContainer container, List<JsonObject> output)
    {
        var inlines = new List<JsonObject>();
        foreach (var node in element.Nodes()) Inline(node, Marks.None, inlines, canHoist: false);
        if (!container.Allows("heading"))
        {
            output.Add(AdfNodes.Paragraph(MergeText(inlines)));
            return;
        }
        var attrs = LocalId(element) ?? new JsonObject();
        attrs["level"] = level;
        var heading = Node("heading", attrs, Array(MergeText(inlines)));
        if (BlockMarks(element, container, heading: true) is { } marks) heading["marks"] = marks;
        output.Add(heading);
    }

    /// <summary>
    /// Alignment, indentation and font size from a paragraph's style, as far as the container
    /// allows them (the schema takes alignment or indentation, never both).
    /// </summary>
    private static JsonArray? BlockMarks(XElement element, AdfContainer container, bool heading)
    {
        var style = Css.Parse((string?)element.Attribute("style"));
        var marks = new JsonArray();
        if (!heading && style.TryGetValue("font-size", out var size) && size.Equals("small", StringComparison.OrdinalIgnoreCase))
            marks.Add(Mark("fontSize", new JsonObject { ["fontSize"] = "small" }));
        if (style.TryGetValue("text-align", out var align) && align.ToLowerInvariant() is "center" or "right" && container.AllowsAlignment())
            marks.Add(Mark("alignment", new JsonObject { ["align"] = align.ToLowerInvariant() == "right" ? "end" : "center" }));
        else if (style.TryGetValue("margin-left", out var margin) && Css.Pixels(margin) is { } pixels && pixels >= 15 && container.AllowsIndentation(heading))
            marks.Add(Mark("indentation", new JsonObject { ["level"] = Math.Clamp((int)Math.Round(pixels / 30), 1, 6) }));
        return marks.Count > 0 ? marks : null;
    }

    private JsonObject List(XElement element, bool ordered)
    {
        var items = new JsonArray();
        foreach (var node in element.Nodes())
        {
            Tick();
            if (node is XElement { Name.LocalName: "li" } li) items.Add(ListItem(li));
            else if (node is XElement child && (child.Name.LocalName is "ul" or "ol") && items.Count > 0)
                (items[^1]!["content"] as JsonArray)!.Add(List(child, child.Name.LocalName == "ol"));
            else if (node is XElement || (node is XText text && !string.IsNullOrWhiteSpace(text.Value)))
                items.Add(Node("listItem", content: NonEmpty(Blocks([node], AdfContainer.ListItem))));
        }
        if (items.Count == 0) items.Add(Node("listItem", content: NonEmpty([])));
        var attrs = LocalId(element);
        // Cloud answers every ordered list with its order, 1 included; publishers that compare
        // what they read back with what they would write (markdown-confluence) rely on it.
        if (ordered)
            (attrs ??= [])["order"] = int.TryParse((string?)element.Attribute("start"), out var start) && start >= 0 ? start : 1;
        return Node(ordered ? "orderedList" : "bulletList", attrs, items);
    }

    private JsonObject ListItem(XElement li) => Node("listItem", LocalId(li), NonEmpty(Blocks(li.Nodes(), AdfContainer.ListItem)));

    private JsonObject? Table(XElement table)
    {
        var rows = new JsonArray();
        var columnWidths = ColumnWidths(table);
        foreach (var row in table.Elements().SelectMany(e => e.Name.LocalName is "thead" or "tbody" or "tfoot" ? e.Elements() : [e]))
            if (row.Name.LocalName == "tr") rows.Add(Row(row, columnWidths));
        if (rows.Count == 0) return null;
        var attrs = LocalId(table) ?? new JsonObject();
        if ((string?)table.Attribute("data-number-column") is "true" or "false")
            attrs["isNumberColumnEnabled"] = (string?)table.Attribute("data-number-column") == "true";
        if ((string?)table.Attribute("data-layout") is "wide" or "full-width" or "center" or "align-end" or "align-start" or "default")
            attrs["layout"] = (string?)table.Attribute("data-layout");
        attrs.Set("width", AdfJson.Number((string?)table.Attribute("data-table-width")));
        if ((string?)table.Attribute("data-table-display-mode") is "default" or "fixed")
            attrs["displayMode"] = (string?)table.Attribute("data-table-display-mode");
        return Node("table", attrs, rows);
    }

    /// <summary>
    /// Column widths in pixels from the table's <c>&lt;colgroup&gt;</c>, as Confluence writes
    /// them (<c>&lt;col style="width: 200.0px;"/&gt;</c>); null when any is missing.
    /// </summary>
    private static double[]? ColumnWidths(XElement table)
    {
        var columns = table.Elements("colgroup").Elements("col").ToList();
        if (columns.Count == 0) return null;
        var widths = columns.Select(c => Css.Parse((string?)c.Attribute("style")).TryGetValue("width", out var w) ? Css.Pixels(w) : null).ToList();
        return widths.All(w => w is not null) ? widths.Select(w => w!.Value).ToArray() : null;
    }

    private JsonObject Row(XElement row, double[]? columnWidths = null)
    {
        var cells = new JsonArray();
        var column = 0;
        foreach (var cell in row.Elements())
        {
            if (cell.Name.LocalName is not ("td" or "th")) continue;
            var span = int.TryParse((string?)cell.Attribute("colspan"), out var colspan) && colspan > 1 ? Math.Min(colspan, AdfStorageWriter.MaxSpan) : 1;
            var widths = columnWidths is not null && (long)column + span <= columnWidths.Length ? columnWidths[column..(column + span)] : null;
            cells.Add(Cell(cell, widths));
            column += span;
        }
        return Node("tableRow", LocalId(row), cells);
    }

    private JsonObject Cell(XElement cell, double[]? columnWidths = null)
    {
        var attrs = LocalId(cell) ?? new JsonObject();
        // Spans are always given, 1 included, as Cloud gives them (and as editors and publishers write them).
        foreach (var span in new[] { "colspan", "rowspan" })
            attrs[span] = int.TryParse((string?)cell.Attribute(span), out var count) && count > 1 ? Math.Min(count, AdfStorageWriter.MaxSpan) : 1;
        if ((string?)cell.Attribute("data-colwidth") is { } widths)
        {
            var numbers = widths.Split(',').Select(w => AdfJson.Number(w.Trim())).ToList();
            if (widths.Length > 0 && numbers.All(n => n is not null)) attrs["colwidth"] = new JsonArray(numbers.ToArray());
        }
        else if (columnWidths is not null)
            attrs["colwidth"] = new JsonArray(columnWidths.Select(w => AdfJson.NumberNode(w)).ToArray());
        attrs.Set("background", (string?)cell.Attribute("data-highlight-colour"));
        if ((string?)cell.Attribute("data-valign") is "top" or "middle" or "bottom") attrs["valign"] = (string?)cell.Attribute("data-valign");
        return Node(cell.Name.LocalName == "th" ? "tableHeader" : "tableCell", attrs, NonEmpty(Blocks(cell.Nodes(), AdfContainer.TableCell)));
    }

    private JsonObject? TaskList(XElement list)
    {
        var items = new JsonArray();
        foreach (var child in list.Elements())
        {
            Tick();
            if (child.Name == Ac + "task") items.Add(TaskItem(child));
            else if (child.Name == Ac + "task-list" && TaskList(child) is { } nested) items.Add(nested);
        }
        if (items.Count == 0) return null;
        var id = (string?)list.Attribute(Ac + "task-list-id");
        return Node("taskList", new JsonObject { ["localId"] = string.IsNullOrEmpty(id) ? NewLocalId() : id }, items);
    }

    private JsonObject TaskItem(XElement task)
    {
        var inlines = new List<JsonObject>();
        if (task.Element(Ac + "task-body") is { } body)
            foreach (var node in body.Nodes()) Inline(node, Marks.None, inlines, canHoist: false);
        var id = task.Element(Ac + "task-id")?.Value.Trim();
        var done = task.Element(Ac + "task-status")?.Value.Trim() == "complete";
        var attrs = new JsonObject { ["localId"] = string.IsNullOrEmpty(id) ? NewLocalId() : id, ["state"] = done ? "DONE" : "TODO" };
        return Node("taskItem", attrs, Array(MergeText(inlines)));
    }

    /// <summary>Layout sections of two or three columns at the top of the page; elsewhere, and for other column counts, the cells' content in place.</summary>
    private void Layout(XElement layout, AdfContainer container, List<JsonObject> output)
    {
        foreach (var section in layout.Elements(Ac + "layout-section"))
        {
            var cells = section.Elements(Ac + "layout-cell").ToList();
            if (container != AdfContainer.Doc || cells.Count is < 2 or > 3)
            {
                foreach (var cell in cells) BlocksInto(cell.Nodes(), container, output);
                continue;
            }
            var type = (string?)section.Attribute(Ac + "type");
            var widths = AdfStorageWriter.LayoutTypes.Where(t => t.Type == type && t.Widths.Length == cells.Count).Select(t => t.Widths).FirstOrDefault()
                ?? Enumerable.Repeat(Math.Round(100.0 / cells.Count, 2), cells.Count).ToArray();
            var columns = new JsonArray();
            for (var i = 0; i < cells.Count; i++)
                columns.Add(Node("layoutColumn", new JsonObject { ["width"] = widths[i] }, NonEmpty(Blocks(cells[i].Nodes(), AdfContainer.LayoutColumn))));
            var node = Node("layoutSection", content: columns);
            if (Breakout(section, container) is { } breakout) node["marks"] = new JsonArray(breakout);
            output.Add(node);
        }
    }

    /// <summary>The breakout mark of a code block, expand or layout, at the top of the page only.</summary>
    private static JsonObject? Breakout(XElement element, AdfContainer container)
    {
        if (!container.AllowsBreakout() || (string?)element.Attribute(Ac + "breakout-mode") is not ("wide" or "full-width")) return null;
        var attrs = new JsonObject { ["mode"] = (string?)element.Attribute(Ac + "breakout-mode") };
        attrs.Set("width", AdfJson.Number((string?)element.Attribute(Ac + "breakout-width")));
        return Mark("breakout", attrs);
    }

    private static JsonObject CodeBlock(string code, string? language, JsonObject? localId)
    {
        var attrs = localId ?? new JsonObject();
        attrs.Set("language", language);
        return Node("codeBlock", attrs, code.Length > 0 ? new JsonArray(Text(code, [])) : []);
    }
}
