using System.Text;
using System.Xml.Linq;

namespace Quire.Core.Formats.View;

/// <summary>
/// The ids Confluence gives headings and anchors: the page title and the heading's text, both
/// without whitespace, joined by '-' (<c>MyPage-GettingStarted</c>); a repeated heading gets
/// <c>.1</c>, <c>.2</c>, ... Computed before rendering, so a table of contents placed above its
/// headings links to them.
/// </summary>
public sealed class HeadingIds
{
    public sealed record Heading(int Level, string Text, string Id);

    private readonly Dictionary<XElement, string> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly string _prefix;

    public IReadOnlyList<Heading> Headings { get; }

    private HeadingIds(string prefix, List<Heading> headings)
    {
        _prefix = prefix;
        Headings = headings;
    }

    public static HeadingIds Of(XElement root, string pageTitle, CancellationToken ct)
    {
        var prefix = Compact(pageTitle);
        var headings = new List<Heading>();
        var result = new HeadingIds(prefix, headings);
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var element in root.Descendants())
        {
            if (++seen % 4096 == 0) ct.ThrowIfCancellationRequested();
            if (element.Name.Namespace != XNamespace.None || LevelOf(element.Name.LocalName) is not { } level) continue;
            var text = TextOf(element);
            var id = result.IdFor(text);
            if (taken.TryGetValue(id, out var count))
            {
                taken[id] = count + 1;
                id = $"{id}.{count}";
            }
            else taken[id] = 1;
            result._ids[element] = id;
            headings.Add(new Heading(level, text, id));
        }
        return result;
    }

    /// <summary>The longest heading text kept for its id and the table of contents.</summary>
    public const int MaxTextLength = 200;

    /// <summary>
    /// A heading's text, read only until <see cref="MaxTextLength"/> characters: headings may nest
    /// (storage allows it, 400 deep), and reading each one's whole subtree would cost the depth
    /// times the body's length.
    /// </summary>
    private static string TextOf(XElement heading)
    {
        var text = new System.Text.StringBuilder();
        var visited = 0;
        foreach (var node in heading.DescendantNodes())
        {
            if (node is XText piece) text.Append(piece.Value);
            // Also bounded in nodes, for headings that hold a great many elements and little text.
            if (text.Length >= MaxTextLength || ++visited >= 4 * MaxTextLength) break;
        }
        var value = text.ToString().Trim();
        return value.Length > MaxTextLength ? value[..MaxTextLength] : value;
    }

    public string? IdOf(XElement heading) => _ids.GetValueOrDefault(heading);

    /// <summary>The id of a heading or anchor of that name on this page.</summary>
    public string IdFor(string name) => _prefix.Length == 0 ? Compact(name) : _prefix + "-" + Compact(name);

    /// <summary>The id of an anchor on another page, whose title is <paramref name="pageTitle"/>.</summary>
    public static string IdOn(string pageTitle, string name) => Compact(pageTitle) is { Length: > 0 } prefix ? prefix + "-" + Compact(name) : Compact(name);

    private static int? LevelOf(string tag) =>
        tag.Length == 2 && (tag[0] is 'h' or 'H') && tag[1] is >= '1' and <= '6' ? tag[1] - '0' : null;

    private static string Compact(string text)
    {
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c)) compact.Append(c);
        return compact.ToString();
    }
}
