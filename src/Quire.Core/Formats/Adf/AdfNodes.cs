using System.Text.Json.Nodes;

namespace Quire.Core.Formats.Adf;

/// <summary>Building ADF nodes and marks as JSON.</summary>
internal static class AdfNodes
{
    public static JsonObject Node(string type, JsonObject? attrs = null, JsonArray? content = null)
    {
        var node = new JsonObject { ["type"] = type };
        if (attrs is { Count: > 0 }) node["attrs"] = attrs;
        if (content is not null) node["content"] = content;
        return node;
    }

    public static JsonObject Text(string text, IReadOnlyList<JsonObject> marks)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (marks.Count > 0) node["marks"] = new JsonArray(marks.Select(m => (JsonNode)m.DeepClone()).ToArray());
        return node;
    }

    public static JsonObject Mark(string type, JsonObject? attrs = null)
    {
        var mark = new JsonObject { ["type"] = type };
        if (attrs is not null) mark["attrs"] = attrs;
        return mark;
    }

    public static JsonObject Paragraph(IEnumerable<JsonObject> inlines) => Node("paragraph", content: Array(inlines));

    public static JsonArray Array(IEnumerable<JsonObject> nodes)
    {
        var array = new JsonArray();
        foreach (var node in nodes) array.Add(node);
        return array;
    }

    /// <summary>Sets an attribute when it has a value (ADF omits absent attributes).</summary>
    public static JsonObject Set(this JsonObject attrs, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) attrs[key] = value;
        return attrs;
    }

    public static JsonObject Set(this JsonObject attrs, string key, JsonNode? value)
    {
        if (value is not null) attrs[key] = value;
        return attrs;
    }

    /// <summary>Inline node types: the rest are blocks or parts of blocks.</summary>
    public static bool IsInline(string type) => type is "text" or "hardBreak" or "mention" or "emoji" or "date" or "status"
        or "inlineCard" or "placeholder" or "inlineExtension" or "mediaInline";

    /// <summary>Node types whose content is inline nodes.</summary>
    public static bool HoldsInline(string type) => type is "paragraph" or "heading" or "taskItem" or "decisionItem" or "caption";

    /// <summary>The plain text of a node (for fallbacks): its text, the text of its attributes, of its content.</summary>
    public static string PlainText(JsonObject node)
    {
        var text = new System.Text.StringBuilder();
        Append(node, text, 0);
        return text.ToString().Trim();
    }

    private static void Append(JsonObject node, System.Text.StringBuilder text, int depth)
    {
        if (depth > StorageFormat.MaxDepth) return;
        var type = AdfJson.Type(node);
        if (type == "text") text.Append(AdfJson.Str(node, "text"));
        else if (AdfJson.Attrs(node) is { } attrs)
            text.Append(AdfJson.Str(attrs, "text") ?? AdfJson.Str(attrs, "title") ?? AdfJson.Str(attrs, "url") ?? AdfJson.Str(attrs, "shortName") ?? AdfJson.Str(attrs, "alt"));
        foreach (var child in AdfJson.Children(node)) Append(child, text, depth + 1);
        if (!IsInline(type)) text.Append(' ');
    }
}
