using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static Quire.Core.Formats.Adf.AdfJson;

namespace Quire.Core.Formats.Adf;

/// <summary>Inline ADF: text with its marks as nested HTML and <c>ac:</c> elements, and the inline nodes.</summary>
internal sealed partial class AdfStorageWriter
{
    /// <summary>
    /// The order marks nest in, outermost first, so the same marks always give the same
    /// markup (and storage read back gives the same marks).
    /// </summary>
    internal static readonly string[] MarkOrder =
        ["link", "annotation", "textColor", "backgroundColor", "subsup", "strong", "em", "underline", "strike", "code"];

    public void Inline(JsonObject node, XContainer into)
    {
        Tick();
        switch (Type(node))
        {
            case "text": into.Add(Text(node)); break;
            case "hardBreak": into.Add(new XElement("br")); break;
            case "mention":
                into.Add(new XElement(Ac + "link", new XElement(Ri + "user", new XAttribute(Ri + "account-id", Attr(node, "id") ?? ""))));
                break;
            case "emoji": into.Add(Emoji(node)); break;
            case "date" when DateOf(node) is { } date: into.Add(new XElement("time", new XAttribute("datetime", date))); break;
            case "status" when Status(node) is { } status: into.Add(status); break;
            case "inlineCard" when Card(node) is { } card: into.Add(card); break;
            case "placeholder": into.Add(new XElement(Ac + "placeholder", Attr(node, "text") ?? "")); break;
            case "inlineExtension" when StorageFragment.Is(node): into.Add(StorageFragment.Unwrap(node, ct)); break;
            case "inlineExtension" when Macro(node) is { } macro: into.Add(macro); break;
            default: into.Add(AdfEnvelope.Write(node, inline: true, Node)); break;
        }
    }

    private static XNode Text(JsonObject node)
    {
        XNode result = new XText(Str(node, "text") ?? "");
        var marks = Marks(node).ToList();
        for (var i = MarkOrder.Length - 1; i >= 0; i--)
        {
            foreach (var mark in marks.Where(m => Type(m) == MarkOrder[i]))
                result = Wrap(mark, result);
        }
        return result;
    }

    private static XElement Wrap(JsonObject mark, XNode inner) => Type(mark) switch
    {
        "link" => new XElement("a", new XAttribute("href", Attr(mark, "href") ?? ""), Attr(mark, "title") is { } title ? new XAttribute("title", title) : null, inner),
        "annotation" => new XElement(Ac + "inline-comment-marker", new XAttribute(Ac + "ref", Attr(mark, "id") ?? ""), inner),
        "textColor" => new XElement("span", new XAttribute("style", $"color: {Attr(mark, "color")};"), inner),
        "backgroundColor" => new XElement("span", new XAttribute("style", $"background-color: {Attr(mark, "color")};"), inner),
        "subsup" => new XElement(Attr(mark, "type") == "sub" ? "sub" : "sup", inner),
        "strong" => new XElement("strong", inner),
        "em" => new XElement("em", inner),
        "underline" => new XElement("u", inner),
        "strike" => new XElement("s", inner),
        _ => new XElement("code", inner),
    };

    /// <summary>Confluence's emoticon: its legacy name is "blue-star" for any emoji it has no name of its own for.</summary>
    private static XElement Emoji(JsonObject node)
    {
        var shortName = Attr(node, "shortName") ?? "";
        var emoticon = new XElement(Ac + "emoticon", new XAttribute(Ac + "name", Emoticons.LegacyName(shortName)));
        emoticon.SetAttributeValue(Ac + "emoji-shortname", shortName);
        emoticon.SetAttributeValue(Ac + "emoji-id", Attr(node, "id"));
        emoticon.SetAttributeValue(Ac + "emoji-fallback", Attr(node, "text"));
        return emoticon;
    }

    /// <summary>The day of a date node (milliseconds since the epoch, UTC) as storage's <c>time</c> writes it, or null when it is no such number.</summary>
    private static string? DateOf(JsonObject node)
    {
        if (!long.TryParse(Attr(node, "timestamp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)) return null;
        if (ms < -62135596800000 || ms > 253402300799999) return null;
        var time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return time.TimeOfDay == TimeSpan.Zero ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Status colours as the status macro names them.</summary>
    internal static readonly (string Adf, string Macro)[] StatusColours =
        [("neutral", "Grey"), ("purple", "Purple"), ("blue", "Blue"), ("red", "Red"), ("yellow", "Yellow"), ("green", "Green")];

    private static XElement? Status(JsonObject node)
    {
        var attrs = Attrs(node);
        if (Str(attrs, "style") is { Length: > 0 }) return null;
        var color = Str(attrs, "color") ?? "neutral";
        var colour = StatusColours.Where(c => c.Adf == color).Select(c => c.Macro).FirstOrDefault() ?? color;
        return Macro("status", node).AddParameter(Parameter("title", Str(attrs, "text"))).AddParameter(Parameter("colour", colour));
    }
}
