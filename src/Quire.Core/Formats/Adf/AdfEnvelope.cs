using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// ADF that storage format has no element for (decision lists, custom panels, cards holding
/// data, media without a known attachment) is kept as Confluence Cloud keeps it: an
/// <c>&lt;ac:adf-extension&gt;</c> holding an <c>&lt;ac:adf-node type&gt;</c> with its
/// <c>&lt;ac:adf-attribute key&gt;</c>s, marks and <c>&lt;ac:adf-content&gt;</c>, beside an
/// <c>&lt;ac:adf-fallback&gt;</c> that renders its text for readers of storage.
/// Attribute values that are not strings are written as JSON (<c>type="json"</c>) so they come back as they were.
/// </summary>
internal static class AdfEnvelope
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    public static readonly XName Extension = Ac + "adf-extension";
    private static readonly XName AdfNode = Ac + "adf-node";
    private static readonly XName Attribute = Ac + "adf-attribute";
    private static readonly XName Mark = Ac + "adf-mark";
    private static readonly XName Content = Ac + "adf-content";
    private static readonly XName Fallback = Ac + "adf-fallback";

    /// <summary>The envelope of <paramref name="node"/>; <paramref name="writeChild"/> writes its children as storage.</summary>
    public static XElement Write(JsonObject node, bool inline, Action<JsonObject, XContainer> writeChild)
    {
        var element = new XElement(AdfNode, new XAttribute("type", AdfJson.Type(node)));
        WriteAttributes(AdfJson.Attrs(node), element);
        foreach (var mark in AdfJson.Marks(node))
        {
            var markElement = new XElement(Mark, new XAttribute("type", AdfJson.Type(mark)));
            WriteAttributes(AdfJson.Attrs(mark), markElement);
            element.Add(markElement);
        }
        if (node["content"] is JsonArray)
        {
            var content = new XElement(Content);
            foreach (var child in AdfJson.Children(node)) writeChild(child, content);
            element.Add(content);
        }
        var text = AdfNodes.PlainText(node);
        XNode fallback = inline ? new XText(text) : new XElement("p", text);
        return new XElement(Extension, element, new XElement(Fallback, text.Length > 0 ? fallback : null));
    }

    private static void WriteAttributes(JsonObject? attrs, XElement into)
    {
        if (attrs is null) return;
        foreach (var (key, value) in attrs)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                into.Add(new XElement(Attribute, new XAttribute("key", key), v.GetValue<string>()));
            else
                into.Add(new XElement(Attribute, new XAttribute("key", key), new XAttribute("type", "json"), value?.ToJsonString(AdfJson.Output) ?? "null"));
        }
    }

    /// <summary>
    /// The ADF node an envelope holds, or null when it holds none (then its fallback is read
    /// as ordinary storage). <paramref name="readContent"/> reads an adf-content element's children.
    /// </summary>
    public static JsonObject? Read(XElement envelope, Func<string, XElement, JsonArray> readContent)
    {
        var nodeElement = envelope.Element(AdfNode);
        return nodeElement is null ? null : ReadNode(nodeElement, readContent);
    }

    public static XElement? FallbackOf(XElement envelope) => envelope.Element(Fallback);

    private static JsonObject? ReadNode(XElement element, Func<string, XElement, JsonArray> readContent)
    {
        var type = (string?)element.Attribute("type");
        if (string.IsNullOrEmpty(type)) return null;
        var node = new JsonObject { ["type"] = type };
        var attrs = ReadAttributes(element);
        if (attrs.Count > 0) node["attrs"] = attrs;
        var marks = new JsonArray();
        foreach (var mark in element.Elements(Mark))
        {
            var markNode = new JsonObject { ["type"] = (string?)mark.Attribute("type") ?? "" };
            var markAttrs = ReadAttributes(mark);
            if (markAttrs.Count > 0) markNode["attrs"] = markAttrs;
            marks.Add(markNode);
        }
        if (marks.Count > 0) node["marks"] = marks;
        if (element.Element(Content) is { } content) node["content"] = readContent(type, content);
        return node;
    }

    private static JsonObject ReadAttributes(XElement element)
    {
        var attrs = new JsonObject();
        foreach (var attribute in element.Elements(Attribute))
        {
            var key = (string?)attribute.Attribute("key");
            if (string.IsNullOrEmpty(key)) continue;
            attrs[key] = (string?)attribute.Attribute("type") == "json" ? ParseJson(attribute.Value) : attribute.Value;
        }
        return attrs;
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            var parsed = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = AdfJson.MaxJsonDepth });
            AdfJson.RefuseDuplicateKeys(parsed);
            return parsed;
        }
        catch (Exception e) when (e is JsonException or Quire.Core.Errors.BadRequestException)
        {
            // Not JSON that can be read back (or a key given twice): kept as the text it is.
            return text;
        }
    }
}
