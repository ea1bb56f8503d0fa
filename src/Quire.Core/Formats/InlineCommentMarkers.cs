using System.Text;
using System.Xml;
using System.Xml.Linq;
using Quire.Core.Errors;

namespace Quire.Core.Formats;

/// <summary>
/// The highlights of inline comments in a storage body: <c>&lt;ac:inline-comment-marker ac:ref="…"&gt;</c> around the text a
/// comment is about, as Confluence writes them. Placing one finds the n-th occurrence of the selected text in the text a reader
/// sees (tags, macro parameters and resource identifiers are not text; one occurrence never spans two blocks), and wraps it; a
/// selection that crosses formatting (<c>some &lt;b&gt;bold&lt;/b&gt; text</c>) gets one marker per text node, all with the
/// same ref, as Confluence's editor does.
/// </summary>
/// <remarks>
/// The body is read by <see cref="StorageFormat.Parse"/> (linear, depth-bounded; an HTML5 tree builder such as AngleSharp's
/// costs the square of the nesting and does not keep the <c>ac:</c> names), the occurrences are found by Knuth-Morris-Pratt over
/// the joined text (linear in body plus selection, whatever the selection repeats), and no regular expression reads markup.
/// </remarks>
public static class InlineCommentMarkers
{
    private static readonly XNamespace Ac = StorageFormat.AcNamespace;
    private static readonly XNamespace Ri = StorageFormat.RiNamespace;
    private static readonly XName Marker = Ac + "inline-comment-marker";
    private static readonly XName Ref = Ac + "ref";

    /// <summary>Never in a selection a client sends, so no occurrence crosses the boundary of a block.</summary>
    private const char BlockBoundary = '\uFFFF';

    private static readonly HashSet<string> Blocks =
    [
        "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
        "br", "hr", "rich-text-body", "task", "task-body", "layout-cell", "layout-section",
    ];

    /// <summary>
    /// The body with a marker named <paramref name="markerRef"/> around occurrence <paramref name="matchIndex"/> (zero-based) of
    /// <paramref name="selection"/>; 400 when the text does not occur, or occurs fewer times than the index needs.
    /// </summary>
    public static string Mark(string storage, string selection, int matchIndex, string markerRef, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(selection) || selection.Contains(BlockBoundary))
            throw new BadRequestException("inlineCommentProperties.textSelection must be text of the page.");
        XElement root;
        try
        {
            root = StorageFormat.Parse(storage, ct);
        }
        catch (XmlException)
        {
            throw new BadRequestException("The page's body cannot be read, so no text of it can be highlighted.");
        }
        var (text, segments) = Text(root);
        var occurrences = Occurrences(text, selection);
        if (occurrences.Count == 0)
            throw new BadRequestException($"inlineCommentProperties.textSelection '{selection}' is not in the page's text.");
        if (matchIndex >= occurrences.Count)
            throw new BadRequestException(
                $"inlineCommentProperties.textSelectionMatchIndex {matchIndex} is out of range: the text occurs {occurrences.Count} time(s) in the page.");
        Wrap(segments, occurrences[matchIndex], occurrences[matchIndex] + selection.Length, markerRef);
        return StorageFormat.Write(root.Nodes());
    }

    /// <summary>The refs of the markers in a body (none for a body that cannot be read: only old rows can be so).</summary>
    public static IReadOnlySet<string> Refs(string? storage)
    {
        if (string.IsNullOrEmpty(storage)) return new HashSet<string>();
        try
        {
            return StorageFormat.Parse(storage).Descendants(Marker)
                .Select(m => (string?)m.Attribute(Ref)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        }
        catch (XmlException)
        {
            return new HashSet<string>();
        }
    }

    /// <summary>The reader's text of the body, and where each text node starts in it. Iterative: no stack for deep bodies.</summary>
    private static (string Text, List<(XText Node, int Start)> Segments) Text(XElement root)
    {
        var text = new StringBuilder();
        var segments = new List<(XText, int)>();
        var pending = new Stack<(XNode Node, bool Closing)>();
        foreach (var child in root.Nodes().Reverse()) pending.Push((child, false));
        while (pending.Count > 0)
        {
            var (node, closing) = pending.Pop();
            switch (node)
            {
                case XCData:
                    break; // code and other plain-text macro bodies are not highlighted
                case XText t:
                    segments.Add((t, text.Length));
                    text.Append(t.Value);
                    break;
                case XElement e when closing:
                    if (IsBlock(e)) text.Append(BlockBoundary);
                    break;
                case XElement e when NotProse.Contains(e.Name) || e.Name.Namespace == Ri:
                    break; // macro configuration, task metadata, placeholders and resource identifiers are not what a reader sees
                case XElement e:
                    if (IsBlock(e)) text.Append(BlockBoundary);
                    pending.Push((e, true));
                    foreach (var child in e.Nodes().Reverse()) pending.Push((child, false));
                    break;
            }
        }
        return (text.ToString(), segments);
    }

    /// <summary>Elements whose text a reader never sees as prose, so a selection can never fall in them.</summary>
    private static readonly HashSet<XName> NotProse =
    [
        Ac + "parameter", Ac + "plain-text-body", Ac + "task-id", Ac + "task-uuid", Ac + "task-status", Ac + "placeholder",
        Ac + "emoticon",
    ];

    private static bool IsBlock(XElement element) => Blocks.Contains(element.Name.LocalName);

    /// <summary>Where the selection starts in the text, each occurrence after the end of the one before (Knuth-Morris-Pratt).</summary>
    private static List<int> Occurrences(string text, string selection)
    {
        var fallback = new int[selection.Length];
        for (int i = 1, k = 0; i < selection.Length; i++)
        {
            while (k > 0 && selection[i] != selection[k]) k = fallback[k - 1];
            if (selection[i] == selection[k]) k++;
            fallback[i] = k;
        }
        var found = new List<int>();
        for (int i = 0, k = 0; i < text.Length; i++)
        {
            while (k > 0 && text[i] != selection[k]) k = fallback[k - 1];
            if (text[i] == selection[k]) k++;
            if (k == selection.Length)
            {
                found.Add(i - selection.Length + 1);
                k = 0; // occurrences do not overlap, as a reader counts them
            }
        }
        return found;
    }

    /// <summary>Wraps the part of each text node that lies in [start, end) in a marker with the ref.</summary>
    private static void Wrap(List<(XText Node, int Start)> segments, int start, int end, string markerRef)
    {
        foreach (var (node, at) in segments)
        {
            var value = node.Value;
            if (at >= end || at + value.Length <= start) continue;
            var from = Math.Max(start, at) - at;
            var to = Math.Min(end, at + value.Length) - at;
            var parts = new List<XNode>();
            if (from > 0) parts.Add(new XText(value[..from]));
            parts.Add(new XElement(Marker, new XAttribute(Ref, markerRef), value[from..to]));
            if (to < value.Length) parts.Add(new XText(value[to..]));
            node.ReplaceWith(parts);
        }
    }
}
