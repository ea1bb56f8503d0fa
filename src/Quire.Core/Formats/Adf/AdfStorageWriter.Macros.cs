using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfJson;

namespace Quire.Core.Formats.Adf;

/// <summary>The ADF nodes Confluence keeps as macros, images and cards in storage.</summary>
internal sealed partial class AdfStorageWriter
{
    public const string MacroExtensionType = "com.atlassian.confluence.macro.core";

    /// <summary>ADF panel types that have a macro of their own in storage (Cloud's mapping); the rest go in an adf-extension.</summary>
    internal static readonly (string PanelType, string Macro)[] PanelMacros =
        [("info", "info"), ("success", "tip"), ("warning", "note"), ("error", "warning")];

    private static XElement Macro(string name, JsonObject? node = null)
    {
        var macro = new XElement(Ac + "structured-macro", new XAttribute(Ac + "name", name));
        if (node is not null) WithLocalId(macro, node);
        return macro;
    }

    private static XElement Parameter(string name, object? value) =>
        new(Ac + "parameter", new XAttribute(Ac + "name", name), value);

    private XElement CodeBlock(JsonObject node)
    {
        var macro = Macro("code", node);
        Breakout(node, macro);
        if (Attr(node, "language") is { Length: > 0 } language) macro.Add(Parameter("language", language));
        var code = string.Concat(Children(node).Select(t => Str(t, "text")));
        macro.Add(new XElement(Ac + "plain-text-body", new XCData(code)));
        return macro;
    }

    private static string? PanelMacro(JsonObject node)
    {
        var attrs = Attrs(node);
        if (attrs is null || attrs.Any(a => a.Key is not ("panelType" or "localId"))) return null;
        var type = Str(attrs, "panelType");
        return PanelMacros.Where(p => p.PanelType == type).Select(p => p.Macro).FirstOrDefault();
    }

    private XElement Panel(JsonObject node, string macroName)
    {
        var macro = Macro(macroName, node);
        macro.Add(RichTextBody(node));
        return macro;
    }

    private XElement Expand(JsonObject node)
    {
        var macro = Macro("expand", node);
        Breakout(node, macro);
        if (Attr(node, "title") is { } title) macro.Add(Parameter("title", title));
        macro.Add(RichTextBody(node));
        return macro;
    }

    private XElement RichTextBody(JsonObject node)
    {
        var body = new XElement(Ac + "rich-text-body");
        foreach (var child in Children(node)) Node(child, body);
        return body;
    }

    /// <summary>
    /// A Confluence macro extension as its <c>ac:structured-macro</c>, or null when the node holds
    /// more than storage's macro can (another extension type, marks, parameters that are not
    /// plain <c>macroParams</c> values): then it is kept whole in an adf-extension.
    /// </summary>
    private XElement? Macro(JsonObject node)
    {
        var attrs = Attrs(node);
        if (attrs is null || Str(attrs, "extensionType") != MacroExtensionType || node["marks"] is JsonArray { Count: > 0 }) return null;
        if (attrs.Any(a => a.Key is not ("extensionType" or "extensionKey" or "parameters" or "localId" or "layout" or "text"))) return null;
        var macro = Macro(Str(attrs, "extensionKey")!, node);
        macro.SetAttributeValue("data-layout", Str(attrs, "layout"));
        if (attrs["parameters"] is { } parameters)
        {
            if (parameters is not JsonObject parameterObject || !WriteMacroParameters(parameterObject, macro)) return null;
        }
        if (Type(node) == "bodiedExtension") macro.Add(RichTextBody(node));
        return macro;
    }

    private static bool WriteMacroParameters(JsonObject parameters, XElement macro)
    {
        foreach (var (key, value) in parameters)
        {
            if (key == "macroMetadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata)
                {
                    var text = Str(metaValue as JsonObject, "value");
                    if (metaKey == "title") continue; // the macro's display name, which Confluence looks up by key
                    if (text is null || metaKey is not ("macroId" or "schemaVersion")) return false;
                    macro.SetAttributeValue(Ac + (metaKey == "macroId" ? "macro-id" : "schema-version"), text);
                }
            }
            else if (key == "macroParams" && value is JsonObject macroParams)
            {
                foreach (var (name, parameter) in macroParams)
                {
                    if (parameter is not JsonObject p || p.Count != 1 || Str(p, "value") is not { } text) return false;
                    macro.Add(Parameter(name, text));
                }
            }
            else return false;
        }
        return true;
    }

    /// <summary>An image (<c>ac:image</c>) when its one media is a known attachment or a URL and nothing needs marks.</summary>
    private XElement? MediaSingle(JsonObject node)
    {
        if (node["marks"] is JsonArray { Count: > 0 }) return null;
        var children = Children(node).ToList();
        if (children.Count is 0 or > 2 || Type(children[0]) != "media" || MediaResource(children[0]) is not { } resource) return null;
        var attrs = Attrs(node);
        var mediaAttrs = Attrs(children[0]);
        var image = WithLocalId(new XElement(Ac + "image"), node);
        image.SetAttributeValue(Ac + "layout", Str(attrs, "layout"));
        if (Num(attrs, "width") is { } width)
        {
            image.SetAttributeValue(Ac + "width", Format(width));
            image.SetAttributeValue(Ac + "width-type", Str(attrs, "widthType") ?? "percentage");
        }
        if (Num(mediaAttrs, "width") is { } originalWidth) image.SetAttributeValue(Ac + "original-width", Format(originalWidth));
        if (Num(mediaAttrs, "height") is { } originalHeight) image.SetAttributeValue(Ac + "original-height", Format(originalHeight));
        image.SetAttributeValue(Ac + "alt", Str(mediaAttrs, "alt"));
        image.Add(resource);
        if (children.Count == 2)
        {
            var caption = WithLocalId(new XElement(Ac + "caption"), children[1]);
            foreach (var inline in Children(children[1])) Inline(inline, caption);
            image.Add(caption);
        }
        return image;
    }

    /// <summary>The resource a media node shows (<c>ri:attachment</c> or <c>ri:url</c>), or null when storage cannot name it.</summary>
    private XElement? MediaResource(JsonObject mediaNode)
    {
        if (mediaNode["marks"] is JsonArray { Count: > 0 }) return null;
        var attrs = Attrs(mediaNode);
        if (attrs is null || attrs.Any(a => a.Key is not ("type" or "id" or "collection" or "url" or "alt" or "width" or "height" or "localId" or "occurrenceKey")))
            return null;
        return Str(attrs, "type") switch
        {
            "file" when Str(attrs, "id") is { } id && media.FileNameOf(id) is { } fileName => new XElement(Ri + "attachment", new XAttribute(Ri + "filename", fileName)),
            "external" when Str(attrs, "url") is { } url => new XElement(Ri + "url", new XAttribute(Ri + "value", url)),
            _ => null,
        };
    }

    /// <summary>A media group: each attachment as Confluence's <c>view-file</c> macro, the rest in adf-extensions.</summary>
    private void MediaGroup(JsonObject node, XContainer into)
    {
        foreach (var item in Children(node))
        {
            Tick();
            if (Attr(item, "type") == "file" && MediaResource(item) is { Name.LocalName: "attachment" } attachment)
            {
                var keepsAll = Attrs(item)!.All(a => a.Key is "type" or "id" or "collection" or "occurrenceKey" or "localId");
                if (keepsAll)
                {
                    into.Add(Macro("view-file").AddParameter(Parameter("name", attachment)));
                    continue;
                }
            }
            into.Add(AdfEnvelope.Write(item, inline: false, Node));
        }
    }

    /// <summary>A card as the link Confluence writes for it (<c>data-card-appearance</c>), or null when it holds data rather than a URL.</summary>
    private static XElement? Card(JsonObject node)
    {
        var attrs = Attrs(node);
        if (Str(attrs, "url") is not { } url || attrs!.ContainsKey("datasource") || attrs.ContainsKey("data")) return null;
        var type = Type(node);
        var link = WithLocalId(new XElement("a", new XAttribute("href", url)), node);
        link.SetAttributeValue("data-card-appearance", type switch { "blockCard" => "block", "embedCard" => "embed", _ => "inline" });
        if (type == "embedCard")
        {
            link.SetAttributeValue("data-layout", Str(attrs, "layout"));
            foreach (var (key, name) in new[] { ("width", "data-width"), ("originalWidth", "data-original-width"), ("originalHeight", "data-original-height") })
                if (Num(attrs, key) is { } value) link.SetAttributeValue(name, Format(value));
        }
        link.Add(url);
        return link;
    }
}

internal static class MacroElementExtensions
{
    public static XElement AddParameter(this XElement macro, XElement parameter)
    {
        macro.Add(parameter);
        return macro;
    }
}
