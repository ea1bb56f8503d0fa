using System.Net;
using System.Text;

namespace Quire.Core.Formats.View;

/// <summary>
/// Writes HTML text directly (not through an XML tree): an XML serializer writes an empty
/// <c>&lt;p/&gt;</c>, which an HTML parser reads as an open paragraph swallowing what follows.
/// Text and attribute values are always escaped, so nothing a body holds can open a tag.
/// </summary>
public sealed class HtmlWriter
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr",
    };

    private readonly StringBuilder _out;

    public HtmlWriter(int capacity = 256) => _out = new StringBuilder(capacity);

    public static bool IsVoid(string tag) => VoidElements.Contains(tag);

    /// <summary>Opens <paramref name="tag"/> with the attributes whose value is not null.</summary>
    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes) Attribute(name, value);
        _out.Append('>');
        return this;
    }

    /// <summary>Opens a tag whose attributes are added one by one (<see cref="Attribute"/>), then <see cref="EndOpen"/>.</summary>
    public HtmlWriter Start(string tag)
    {
        _out.Append('<').Append(tag);
        return this;
    }

    public HtmlWriter Attribute(string name, string? value)
    {
        if (value is null) return this;
        _out.Append(' ').Append(name).Append("=\"");
        Escape(value, attribute: true);
        _out.Append('"');
        return this;
    }

    public HtmlWriter EndOpen()
    {
        _out.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        if (!IsVoid(tag)) _out.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlWriter Element(string tag, string text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public HtmlWriter Text(string text)
    {
        Escape(text, attribute: false);
        return this;
    }

    public int Length => _out.Length;

    public override string ToString() => _out.ToString();

    private void Escape(string value, bool attribute)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var replacement = value[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\u00A0' => "&nbsp;",
                _ => null,
            };
            if (replacement is null) continue;
            _out.Append(value, start, i - start).Append(replacement);
            start = i + 1;
        }
        _out.Append(value, start, value.Length - start);
    }

    /// <summary>Text as HTML escapes it, for callers building a fragment by hand.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
