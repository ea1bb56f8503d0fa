using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfNodes;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// Reads storage format into ADF blocks shaped for the container they land in. What ADF cannot
/// hold where it stands becomes its nearest equivalent (a heading in a quote becomes a
/// paragraph) or, when that would lose something, a storage fragment extension that converts back
/// unchanged. One pass over the parsed tree, whose depth <see cref="StorageFormat.Parse"/> bounds.
/// </summary>
internal sealed partial class StorageAdfReader(IAdfMediaFiles media, CancellationToken ct)
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;
    private readonly AdfWork _work = new(ct);
    private int _generatedIds;

    private void Tick() => _work.Tick();

    /// <summary>An id for a task or decision that storage gave none (ADF requires one).</summary>
    private string NewLocalId() => $"quire-{++_generatedIds}";

    public JsonArray Blocks(IEnumerable<XNode> nodes, AdfContainer container)
    {
        var output = new List<JsonObject>();
        BlocksInto(nodes, container, output);
        return Array(container == AdfContainer.Any ? output : GroupMedia(output));
    }

    /// <summary>Blocks appended to <paramref name="output"/>, so elements read through (div, section) cost nothing per level.</summary>
    private void BlocksInto(IEnumerable<XNode> nodes, AdfContainer container, List<JsonObject> output)
    {
        var run = new List<XNode>();
        foreach (var node in nodes)
        {
            Tick();
            if (node is XElement element && !IsInline(element))
            {
                FlushRun(run, container, output);
                Block(element, container, output);
            }
            else if (node is XText) run.Add(node);
            else if (node is XElement) run.Add(node);
        }
        FlushRun(run, container, output);
    }

    /// <summary>Inline storage met among blocks (text straight in a cell or list item) becomes a paragraph.</summary>
    private void FlushRun(List<XNode> run, AdfContainer container, List<JsonObject> output)
    {
        if (run.Count == 0) return;
        var inlines = new List<JsonObject>();
        foreach (var node in run) Inline(node, Marks.None, inlines, canHoist: true);
        run.Clear();
        if (inlines.All(n => AdfJson.Type(n) == "text" && string.IsNullOrWhiteSpace(AdfJson.Str(n, "text")))) return;
        SplitParagraph(inlines, null, container, output);
    }

    /// <summary>
    /// A paragraph's inlines, split where a block stood inline (an image or a block card inside
    /// <c>&lt;p&gt;</c>, which Confluence shows on its own line and ADF keeps as a block).
    /// </summary>
    private static void SplitParagraph(List<JsonObject> inlines, JsonArray? marks, AdfContainer container, List<JsonObject> output)
    {
        var current = new List<JsonObject>();
        var hoisted = false;
        foreach (var node in MergeText(inlines))
        {
            if (AdfNodes.IsInline(AdfJson.Type(node))) { current.Add(node); continue; }
            if (current.Count > 0) output.Add(Paragraph(current, marks));
            current = [];
            output.Add(node);
            hoisted = true;
        }
        if (current.Count > 0 || !hoisted) output.Add(Paragraph(current, marks));
    }

    private static JsonObject Paragraph(List<JsonObject> inlines, JsonArray? marks)
    {
        var paragraph = AdfNodes.Paragraph(inlines);
        if (marks is { Count: > 0 }) paragraph["marks"] = marks.DeepClone();
        return paragraph;
    }

    /// <summary>Adjacent text with the same marks as one text node, as ADF writes it.</summary>
    private static List<JsonObject> MergeText(List<JsonObject> inlines)
    {
        var merged = new List<JsonObject>(inlines.Count);
        foreach (var node in inlines)
        {
            if (merged.Count > 0 && AdfJson.Type(node) == "text" && merged[^1] is var last && AdfJson.Type(last) == "text" &&
                JsonNode.DeepEquals(last["marks"], node["marks"]))
            {
                last["text"] = AdfJson.Str(last, "text") + AdfJson.Str(node, "text");
                continue;
            }
            merged.Add(node);
        }
        return merged;
    }

    /// <summary>Consecutive media (attachments shown as files) as one media group.</summary>
    private static List<JsonObject> GroupMedia(List<JsonObject> blocks)
    {
        if (!blocks.Any(b => AdfJson.Type(b) == "media")) return blocks;
        var grouped = new List<JsonObject>(blocks.Count);
        JsonArray? group = null;
        foreach (var block in blocks)
        {
            if (AdfJson.Type(block) != "media") { grouped.Add(block); group = null; continue; }
            if (group is not null) { group.Add(block); continue; }
            group = new JsonArray(block);
            grouped.Add(Node("mediaGroup", content: group));
        }
        return grouped;
    }

    private static readonly HashSet<string> InlineHtml = ["a", "span", "strong", "b", "em", "i", "u", "ins", "s", "del", "strike",
        "code", "tt", "kbd", "samp", "var", "sub", "sup", "br", "small", "big", "font", "abbr", "cite", "q", "mark", "time", "img", "dfn", "bdi", "bdo", "label"];

    /// <summary>Whether an element is inline storage (part of a paragraph) rather than a block.</summary>
    private static bool IsInline(XElement element)
    {
        if (element.Name.Namespace == Ri) return true;
        if (element.Name.Namespace == Ac)
        {
            return element.Name.LocalName switch
            {
                "link" or "emoticon" or "placeholder" or "inline-comment-marker" => true,
                "structured-macro" => MacroName(element) is "status" or "anchor",
                "adf-extension" => element.Element(Ac + "adf-node")?.Attribute("type")?.Value is { } type && AdfNodes.IsInline(type),
                _ => false,
            };
        }
        if (element.Name.LocalName == "a") return (string?)element.Attribute("data-card-appearance") is not ("block" or "embed");
        return InlineHtml.Contains(element.Name.LocalName);
    }

    private static string MacroName(XElement macro) => ((string?)macro.Attribute(Ac + "name") ?? "").ToLowerInvariant();

    private static bool IsHtml(XElement element, out string name)
    {
        name = element.Name.LocalName.ToLowerInvariant();
        return element.Name.Namespace == XNamespace.None;
    }
}
