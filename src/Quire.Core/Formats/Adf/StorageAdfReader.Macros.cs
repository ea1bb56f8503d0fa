using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfNodes;

namespace Quire.Core.Formats.Adf;

/// <summary>Macros, images, cards and adf-extensions: storage's elements that ADF knows by other names.</summary>
internal sealed partial class StorageAdfReader
{
    private static readonly string[] PanelLayouts = ["wide", "full-width", "default"];

    private void Macro(XElement macro, AdfContainer container, List<JsonObject> output)
    {
        var name = MacroName(macro);
        var parameters = Parameters(macro);
        var richBody = macro.Element(Ac + "rich-text-body");
        switch (name)
        {
            case "code" when macro.Element(Ac + "rich-text-body") is null && parameters is not null && parameters.Keys.All(k => k == "language"):
                var code = CodeBlock(macro.Element(Ac + "plain-text-body")?.Value ?? "", parameters.GetValueOrDefault("language"), LocalId(macro));
                if (Breakout(macro, container) is { } breakout) code["marks"] = new JsonArray(breakout);
                output.Add(code);
                return;
            case "info" or "tip" or "note" or "warning" when parameters is { Count: 0 } && container.Allows("panel"):
                var panelType = AdfStorageWriter.PanelMacros.First(p => p.Macro == name).PanelType;
                var attrs = LocalId(macro) ?? new JsonObject();
                attrs["panelType"] = panelType;
                output.Add(Node("panel", attrs, NonEmpty(Blocks(richBody?.Nodes() ?? [], AdfContainer.Panel))));
                return;
            case "expand" when parameters is not null && parameters.Keys.All(k => k == "title") && Expand(macro, parameters, container) is { } expand:
                output.Add(expand);
                return;
            case "view-file" when ViewFile(macro) is { } file:
                output.Add(file);
                return;
        }
        output.Add(Extension(macro, parameters, container, inline: false) ?? StorageFragment.Wrap([macro], inline: false));
    }

    private void InlineMacro(XElement macro, List<JsonObject> output, bool canHoist)
    {
        var parameters = Parameters(macro);
        if (MacroName(macro) == "status" && parameters is not null && Status(macro, parameters) is { } status) output.Add(status);
        else output.Add(Extension(macro, parameters, AdfContainer.Any, inline: true) ?? StorageFragment.Wrap([macro], inline: true));
    }

    /// <summary>A macro's parameters, or null when one holds more than text (a page or attachment reference), which ADF's macroParams cannot.</summary>
    private static Dictionary<string, string>? Parameters(XElement macro)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var parameter in macro.Elements(Ac + "parameter"))
        {
            if (parameter.HasElements) return null;
            parameters[(string?)parameter.Attribute(Ac + "name") ?? ""] = parameter.Value;
        }
        return parameters;
    }

    private JsonObject? Expand(XElement macro, Dictionary<string, string> parameters, AdfContainer container)
    {
        var type = container.Allows("expand") ? "expand" : container.Allows("nestedExpand") ? "nestedExpand" : null;
        if (type is null) return null;
        var attrs = LocalId(macro) ?? new JsonObject();
        if (parameters.TryGetValue("title", out var title)) attrs["title"] = title;
        var body = macro.Element(Ac + "rich-text-body")?.Nodes() ?? [];
        var expand = Node(type, type == "nestedExpand" ? attrs : attrs.Count > 0 ? attrs : null,
            NonEmpty(Blocks(body, type == "expand" ? AdfContainer.Expand : AdfContainer.NestedExpand)));
        if (type == "nestedExpand" && !expand.ContainsKey("attrs")) expand["attrs"] = new JsonObject();
        if (type == "expand" && Breakout(macro, container) is { } breakout) expand["marks"] = new JsonArray(breakout);
        return expand;
    }

    private static JsonObject? Status(XElement macro, Dictionary<string, string> parameters)
    {
        if (parameters.Keys.Any(k => k is not ("title" or "colour")) || !parameters.TryGetValue("title", out var title) || title.Length == 0) return null;
        var colour = parameters.GetValueOrDefault("colour") ?? "Grey";
        var color = AdfStorageWriter.StatusColours.Where(c => c.Macro.Equals(colour, StringComparison.OrdinalIgnoreCase)).Select(c => c.Adf).FirstOrDefault()
            ?? (Css.Colour(colour) is { Length: 7 } hex && hex == colour ? hex : "neutral");
        var attrs = new JsonObject { ["text"] = title, ["color"] = color };
        if (LocalId(macro) is { } id) attrs["localId"] = id["localId"]!.GetValue<string>();
        return Node("status", attrs);
    }

    /// <summary>A file shown by Confluence's view-file macro: one media of a media group, when the attachment is known.</summary>
    private JsonObject? ViewFile(XElement macro)
    {
        var parameters = macro.Elements(Ac + "parameter").ToList();
        if (parameters.Count != 1 || (string?)parameters[0].Attribute(Ac + "name") != "name" ||
            parameters[0].Elements().SingleOrDefault() is not { } attachment || attachment.Name != Ri + "attachment" ||
            attachment.Attributes().Count() != 1 || attachment.HasElements || (string?)attachment.Attribute(Ri + "filename") is not { Length: > 0 } fileName ||
            media.FileIdOf(fileName) is not { Length: > 0 } fileId)
            return null;
        return Node("media", new JsonObject { ["type"] = "file", ["id"] = fileId, ["collection"] = media.Collection ?? "" });
    }

    /// <summary>Any other macro as an extension node (Confluence's macro extension type, key = macro name), or null when storage holds more than it can.</summary>
    private JsonObject? Extension(XElement macro, Dictionary<string, string>? parameters, AdfContainer container, bool inline)
    {
        var name = (string?)macro.Attribute(Ac + "name");
        if (parameters is null || string.IsNullOrEmpty(name) || macro.Element(Ac + "plain-text-body") is not null) return null;
        var richBody = macro.Element(Ac + "rich-text-body");
        var type = inline ? "inlineExtension" : richBody is null ? "extension" : "bodiedExtension";
        if (inline && richBody is not null || (type == "bodiedExtension" && !container.Allows("bodiedExtension"))) return null;
        var macroParams = new JsonObject();
        foreach (var (key, value) in parameters) macroParams[key] = new JsonObject { ["value"] = value };
        var parameterObject = new JsonObject { ["macroParams"] = macroParams };
        var metadata = new JsonObject();
        if ((string?)macro.Attribute(Ac + "macro-id") is { } macroId) metadata["macroId"] = new JsonObject { ["value"] = macroId };
        if ((string?)macro.Attribute(Ac + "schema-version") is { } version) metadata["schemaVersion"] = new JsonObject { ["value"] = version };
        if (MacroTitles.Of(name) is { } title) metadata["title"] = title;
        if (metadata.Count > 0) parameterObject["macroMetadata"] = metadata;
        var attrs = new JsonObject
        {
            ["extensionType"] = AdfStorageWriter.MacroExtensionType,
            ["extensionKey"] = name,
            ["parameters"] = parameterObject,
        };
        if (!inline && (string?)macro.Attribute("data-layout") is { } layout && PanelLayouts.Contains(layout)) attrs["layout"] = layout;
        if (LocalId(macro) is { } id) attrs["localId"] = id["localId"]!.GetValue<string>();
        return Node(type, attrs, richBody is null ? null : NonEmpty(Blocks(richBody.Nodes(), AdfContainer.BodiedExtension)));
    }

    /// <summary>An image as a media single, or null when ADF cannot name its file (an attachment of another page, an unknown file).</summary>
    private JsonObject? Image(XElement image)
    {
        var resources = image.Elements().Where(e => e.Name.Namespace == Ri).ToList();
        if (resources.Count != 1) return null;
        var resource = resources[0];
        var mediaAttrs = new JsonObject();
        // Only an attachment of the body's own page (no ri:page or ri:blog-post owner inside) is that page's file.
        if (resource.Name == Ri + "attachment" && resource.Attributes().Count() == 1 && !resource.HasElements &&
            (string?)resource.Attribute(Ri + "filename") is { Length: > 0 } fileName &&
            media.FileIdOf(fileName) is { Length: > 0 } fileId)
        {
            mediaAttrs["type"] = "file";
            mediaAttrs["id"] = fileId;
            mediaAttrs["collection"] = media.Collection ?? "";
        }
        else if (resource.Name == Ri + "url" && (string?)resource.Attribute(Ri + "value") is { } url)
        {
            mediaAttrs["type"] = "external";
            mediaAttrs["url"] = url;
        }
        else return null;
        mediaAttrs.Set("width", AdfJson.Number((string?)image.Attribute(Ac + "original-width")));
        mediaAttrs.Set("height", AdfJson.Number((string?)image.Attribute(Ac + "original-height")));
        mediaAttrs.Set("alt", (string?)image.Attribute(Ac + "alt"));
        var content = new JsonArray(Node("media", mediaAttrs));
        if (image.Element(Ac + "caption") is { } captionElement)
        {
            var inlines = new List<JsonObject>();
            foreach (var node in captionElement.Nodes()) Inline(node, Marks.None, inlines, canHoist: false);
            content.Add(Node("caption", LocalId(captionElement), Array(MergeText(inlines))));
        }
        return Node("mediaSingle", ImageAttrs(image), content);
    }

    private static JsonObject ImageAttrs(XElement image)
    {
        var attrs = LocalId(image) ?? new JsonObject();
        var layout = (string?)image.Attribute(Ac + "layout");
        attrs["layout"] = layout is "wide" or "full-width" or "center" or "wrap-right" or "wrap-left" or "align-end" or "align-start" ? layout : "center";
        if (AdfJson.NumberValue((string?)image.Attribute(Ac + "width")) is { } width && width >= 0)
        {
            var percentage = (string?)image.Attribute(Ac + "width-type") == "percentage" && width <= 100;
            attrs["width"] = AdfJson.NumberNode(width);
            if (!percentage) attrs["widthType"] = "pixel";
        }
        return attrs;
    }

    /// <summary>A block or embed card, where the container takes one; else an inline card in a paragraph.</summary>
    private void Card(XElement link, AdfContainer container, List<JsonObject> output)
    {
        var href = (string?)link.Attribute("href");
        var type = (string?)link.Attribute("data-card-appearance") == "embed" ? "embedCard" : "blockCard";
        if (string.IsNullOrEmpty(href))
        {
            BlocksInto(link.Nodes(), container, output);
            return;
        }
        var attrs = LocalId(link) ?? new JsonObject();
        attrs["url"] = href;
        if (!container.Allows(type))
        {
            output.Add(AdfNodes.Paragraph([Node("inlineCard", attrs)]));
            return;
        }
        if (type == "embedCard")
        {
            var layout = (string?)link.Attribute("data-layout");
            attrs["layout"] = layout is "wide" or "full-width" or "center" or "wrap-right" or "wrap-left" or "align-end" or "align-start" ? layout : "center";
            if (AdfJson.NumberValue((string?)link.Attribute("data-width")) is { } width and >= 0 and <= 100) attrs["width"] = AdfJson.NumberNode(width);
            attrs.Set("originalWidth", AdfJson.Number((string?)link.Attribute("data-original-width")));
            attrs.Set("originalHeight", AdfJson.Number((string?)link.Attribute("data-original-height")));
        }
        output.Add(Node(type, attrs));
    }
}
