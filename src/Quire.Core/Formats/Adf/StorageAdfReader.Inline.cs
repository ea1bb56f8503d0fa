using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfNodes;

namespace Quire.Core.Formats.Adf;

/// <summary>
/// Inline storage: text under its marks, and Confluence's inline elements. Where a block
/// stands inline (an image in a paragraph) it is hoisted when <c>canHoist</c>, else kept as a
/// storage fragment.
/// </summary>
internal sealed partial class StorageAdfReader
{
    private void Inline(XNode node, Marks marks, List<JsonObject> output, bool canHoist)
    {
        Tick();
        switch (node)
        {
            case XText text:
                if (text.Value.Length > 0) output.Add(Text(text.Value, marks.ForText()));
                return;
            case XElement element when element.Name.Namespace == Ac:
                AcInline(element, marks, output, canHoist);
                return;
            case XElement element when element.Name.Namespace == Ri:
                output.Add(StorageFragment.Wrap([element], inline: true));
                return;
            case XElement element:
                HtmlInline(element, marks, output, canHoist);
                return;
        }
    }

    private void Children(XElement element, Marks marks, List<JsonObject> output, bool canHoist)
    {
        foreach (var child in element.Nodes()) Inline(child, marks, output, canHoist);
    }

    private void HtmlInline(XElement element, Marks marks, List<JsonObject> output, bool canHoist)
    {
        IsHtml(element, out var name);
        switch (name)
        {
            case "strong" or "b": Children(element, marks.With(Mark("strong")), output, canHoist); break;
            case "em" or "i" or "cite" or "dfn": Children(element, marks.With(Mark("em")), output, canHoist); break;
            case "u" or "ins": Children(element, marks.With(Mark("underline")), output, canHoist); break;
            case "s" or "del" or "strike": Children(element, marks.With(Mark("strike")), output, canHoist); break;
            case "code" or "tt" or "kbd" or "samp" or "var": Children(element, marks.With(Mark("code")), output, canHoist); break;
            case "sub" or "sup": Children(element, marks.With(Mark("subsup", new JsonObject { ["type"] = name })), output, canHoist); break;
            case "br": output.Add(Node("hardBreak")); break;
            case "span" or "font": Children(element, SpanMarks(element, marks), output, canHoist); break;
            case "a": Link(element, marks, output, canHoist); break;
            case "time": Date(element, marks, output); break;
            case "img": output.Add(HtmlImage(element, canHoist)); break;
            case "p" or "div" or "li" or "tr" or "td" or "th" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "pre" or "dt" or "dd":
                // A block inside inline content (a paragraph in a heading): its text on a line of its own.
                if (output.Count > 0 && AdfJson.Type(output[^1]) != "hardBreak") output.Add(Node("hardBreak"));
                Children(element, marks, output, canHoist);
                break;
            case "table" or "ul" or "ol" or "hr": output.Add(StorageFragment.Wrap([element], inline: true)); break;
            default: Children(element, marks, output, canHoist); break;
        }
    }

    private static Marks SpanMarks(XElement element, Marks marks)
    {
        var style = Css.Parse((string?)element.Attribute("style"));
        if (style.TryGetValue("color", out var color) && Css.Colour(color) is { } textColor)
            marks = marks.With(Mark("textColor", new JsonObject { ["color"] = textColor }));
        if (style.TryGetValue("background-color", out var background) && Css.Colour(background) is { } backgroundColor)
            marks = marks.With(Mark("backgroundColor", new JsonObject { ["color"] = backgroundColor }));
        return marks;
    }

    private void Link(XElement element, Marks marks, List<JsonObject> output, bool canHoist)
    {
        var href = (string?)element.Attribute("href");
        var appearance = (string?)element.Attribute("data-card-appearance");
        if (!string.IsNullOrEmpty(href) && (appearance is "inline" || (!canHoist && appearance is "block" or "embed")))
        {
            var attrs = LocalId(element) ?? new JsonObject();
            attrs["url"] = href;
            output.Add(Node("inlineCard", attrs));
            return;
        }
        if (appearance is "block" or "embed" && !string.IsNullOrEmpty(href))
        {
            Card(element, AdfContainer.Any, output);
            return;
        }
        if (string.IsNullOrEmpty(href))
        {
            Children(element, marks, output, canHoist);
            return;
        }
        var linkAttrs = new JsonObject { ["href"] = href };
        linkAttrs.Set("title", (string?)element.Attribute("title"));
        var linked = marks.With(Mark("link", linkAttrs));
        if (!element.Nodes().Any()) output.Add(Text(href, linked.ForText()));
        else Children(element, linked, output, canHoist);
    }

    /// <summary>A date (<c>&lt;time datetime="2024-05-01"/&gt;</c>) as ADF's milliseconds since the epoch; a date it cannot read stays text.</summary>
    private static void Date(XElement element, Marks marks, List<JsonObject> output)
    {
        var value = (string?)element.Attribute("datetime") ?? "";
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            var ms = new DateTimeOffset(day, TimeSpan.Zero).ToUnixTimeMilliseconds();
            output.Add(Node("date", new JsonObject { ["timestamp"] = ms.ToString(CultureInfo.InvariantCulture) }));
            return;
        }
        var text = element.Value.Length > 0 ? element.Value : value;
        if (text.Length > 0) output.Add(Text(text, marks.ForText()));
    }

    private void AcInline(XElement element, Marks marks, List<JsonObject> output, bool canHoist)
    {
        switch (element.Name.LocalName)
        {
            case "inline-comment-marker" when (string?)element.Attribute(Ac + "ref") is { } reference:
                var annotation = Mark("annotation", new JsonObject { ["id"] = reference, ["annotationType"] = "inlineComment" });
                Children(element, marks.With(annotation), output, canHoist);
                break;
            case "link" when element.Element(Ri + "user")?.Attribute(Ri + "account-id")?.Value is { Length: > 0 } accountId && element.Elements().Count() == 1:
                output.Add(Node("mention", new JsonObject { ["id"] = accountId }));
                break;
            case "emoticon": output.Add(Emoji(element)); break;
            case "placeholder": output.Add(Node("placeholder", new JsonObject { ["text"] = element.Value })); break;
            case "structured-macro": InlineMacro(element, output, canHoist); break;
            case "image" when canHoist: output.Add(Image(element) ?? StorageFragment.Wrap([element], inline: false)); break;
            case "adf-extension": InlineEnvelope(element, output, canHoist); break;
            default: output.Add(StorageFragment.Wrap([element], inline: true)); break;
        }
    }

    private static JsonObject Emoji(XElement element)
    {
        var name = (string?)element.Attribute(Ac + "name") ?? "";
        var legacy = Emoticons.FromLegacyName(name);
        var shortName = (string?)element.Attribute(Ac + "emoji-shortname");
        var attrs = new JsonObject { ["shortName"] = string.IsNullOrEmpty(shortName) ? legacy.ShortName : shortName };
        attrs.Set("id", (string?)element.Attribute(Ac + "emoji-id") ?? (string.IsNullOrEmpty(shortName) ? legacy.Id : null));
        attrs.Set("text", (string?)element.Attribute(Ac + "emoji-fallback") ?? (string.IsNullOrEmpty(shortName) ? legacy.Text : null));
        return Node("emoji", attrs);
    }

    private JsonObject HtmlImage(XElement element, bool canHoist)
    {
        var src = (string?)element.Attribute("src");
        if (!canHoist || string.IsNullOrEmpty(src)) return StorageFragment.Wrap([element], inline: true);
        var attrs = new JsonObject { ["type"] = "external", ["url"] = src };
        attrs.Set("alt", (string?)element.Attribute("alt"));
        return Node("mediaSingle", new JsonObject { ["layout"] = "center" }, new JsonArray(Node("media", attrs)));
    }
}
