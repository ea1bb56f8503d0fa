using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Quire.Core.Formats;

/// <summary>Where and why a storage-format body is not well formed.</summary>
public sealed record StorageFormatError(string Problem, int Line, int Column)
{
    public string Message => $"Error parsing xhtml: {Problem} at line {Line}, column {Column}";
}

/// <summary>
/// Confluence storage format: an XHTML fragment (no root element needed) whose elements
/// may use the <c>ac:</c>, <c>ri:</c> and <c>at:</c> prefixes, with HTML's named entities
/// such as <c>&amp;nbsp;</c> allowed as Confluence allows them.
/// </summary>
public static partial class StorageFormat
{
    public const string AcNamespace = "http://atlassian.com/content";
    public const string RiNamespace = "http://atlassian.com/resource/identifier";
    public const string AtNamespace = "http://atlassian.com/template";

    /// <summary>
    /// HTML entity names met so far, with the numeric character references that replace them.
    /// Only names that decode are added, so it holds at most HTML's ~2,200 entities whatever
    /// clients send; looked up by span, so resolving allocates nothing per entity.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> EntityReferences = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> EntityReferencesBySpan =
        EntityReferences.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxEntityNameLength = 32;

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();

    /// <summary>
    /// How deep elements may nest in a body. Confluence's own editor never comes near it; the
    /// bound keeps every walk over a body's tree short, so no body can exhaust the stack.
    /// </summary>
    public const int MaxDepth = 400;

    /// <summary>How many nodes are read between checks that the request still wants the work.</summary>
    private const int CancellationStride = 4096;

    /// <summary>The first problem in <paramref name="body"/>, or null when it is well formed.</summary>
    public static StorageFormatError? Validate(string body, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveEntities(body, out var shifts, out var entityError);
        if (entityError is not null) return entityError;

        var open = new Stack<string>();
        using var reader = CreateReader(resolved);
        var info = (IXmlLineInfo)reader;
        var read = 0;
        try
        {
            while (reader.Read())
            {
                if (++read % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
                if (ShapeProblem(reader) is { } problem)
                    return new StorageFormatError(problem, info.LineNumber, shifts.OriginalColumn(info.LineNumber, info.LinePosition));
                if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement) open.Push(reader.Name);
                else if (reader.NodeType == XmlNodeType.EndElement) open.Pop();
            }
            return null;
        }
        catch (XmlException e)
        {
            var (line, column) = (e.LineNumber, e.LinePosition);
            var problem = Describe(e, resolved, line, column, open);
            return new StorageFormatError(problem, line, shifts.OriginalColumn(line, column));
        }
    }

    /// <summary>
    /// A body's nodes under one <c>root</c> element. Built iteratively with the depth bounded,
    /// so a hostile body costs time linear in its length and a bounded stack. A body that is
    /// not well formed (only older rows can be: writes validate) throws <see cref="XmlException"/>.
    /// </summary>
    public static XElement Parse(string storage, CancellationToken cancellationToken = default)
    {
        var root = new XElement("root");
        using var reader = CreateReader(ResolveEntities(storage));
        var info = (IXmlLineInfo)reader;
        XElement current = root;
        var read = 0;
        while (reader.Read())
        {
            if (++read % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
            if (ShapeProblem(reader) is { } problem) throw new XmlException(problem, null, info.LineNumber, info.LinePosition);
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    AddAttributes(reader, element);
                    current.Add(element);
                    if (!reader.IsEmptyElement) current = element;
                    break;
                case XmlNodeType.EndElement:
                    current = current.Parent ?? root;
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(reader.Value));
                    break;
                case XmlNodeType.Comment:
                    current.Add(new XComment(reader.Value));
                    break;
            }
        }
        return root;
    }

    /// <summary>What storage format does not allow although XML does: deep nesting, declarations, processing instructions.</summary>
    private static string? ShapeProblem(XmlReader reader) => reader.NodeType switch
    {
        XmlNodeType.Element when reader.Depth >= MaxDepth => $"Elements nest deeper than {MaxDepth} levels",
        XmlNodeType.XmlDeclaration => "An XML declaration is not allowed in storage format",
        XmlNodeType.ProcessingInstruction => "A processing instruction is not allowed in storage format",
        _ => null,
    };

    private static void AddAttributes(XmlReader reader, XElement element)
    {
        if (!reader.MoveToFirstAttribute()) return;
        do
        {
            // A default namespace declaration is "xmlns" in no namespace for LINQ to XML.
            var name = reader.NamespaceURI == XNamespace.Xmlns.NamespaceName && reader.Prefix.Length == 0
                ? XName.Get("xmlns")
                : XName.Get(reader.LocalName, reader.NamespaceURI);
            element.Add(new XAttribute(name, reader.Value));
        } while (reader.MoveToNextAttribute());
        reader.MoveToElement();
    }

    /// <summary>
    /// The body with HTML named entities turned into numeric character references, which
    /// XML understands; the same text validation reads, for renderers that parse it.
    /// </summary>
    public static string ResolveEntities(string body) => ResolveEntities(body, out _, out _);

    /// <summary>
    /// Storage format text of parsed nodes, with the <c>ac:</c>, <c>ri:</c> and <c>at:</c> prefixes
    /// as Confluence writes them and no namespace declarations (a body never carries them).
    /// </summary>
    public static string Write(IEnumerable<XNode> nodes)
    {
        var wrapper = new XElement("w",
            new XAttribute(XNamespace.Xmlns + "ac", AcNamespace),
            new XAttribute(XNamespace.Xmlns + "ri", RiNamespace),
            new XAttribute(XNamespace.Xmlns + "at", AtNamespace),
            nodes);
        if (wrapper.IsEmpty) return "";
        var text = wrapper.ToString(SaveOptions.DisableFormatting);
        var start = text.IndexOf('>') + 1;
        return text[start..text.LastIndexOf("</w>", StringComparison.Ordinal)];
    }

    /// <summary>A reader over a resolved body: a fragment with the Confluence prefixes declared, no DTDs, no resolver.</summary>
    public static XmlReader CreateReader(string resolvedBody)
    {
        var names = new XmlNamespaceManager(new NameTable());
        names.AddNamespace("ac", AcNamespace);
        names.AddNamespace("ri", RiNamespace);
        names.AddNamespace("at", AtNamespace);
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = false,
            CloseInput = true,
        };
        return XmlReader.Create(new StringReader(resolvedBody), settings, new XmlParserContext(null, names, null, XmlSpace.None));
    }

    private static string ResolveEntities(string body, out ColumnShifts shifts, out StorageFormatError? error)
    {
        shifts = new ColumnShifts();
        error = null;
        var next = body.IndexOf('&');
        if (next < 0) return body;

        var output = new StringBuilder(body.Length + body.Length / 4);
        var position = new LinePosition(body);
        var last = 0;
        for (; next >= 0; next = body.IndexOf('&', next + 1))
        {
            var name = EntityName(body, next);
            if (name.IsEmpty || name is "amp" or "lt" or "gt" or "quot" or "apos") continue; // XML's own
            var (line, column) = position.At(next);
            if (References(name) is not { } replacement)
            {
                error = new StorageFormatError($"Unknown entity &{name};", line, column);
                return body;
            }
            output.Append(body, last, next - last).Append(replacement);
            shifts.Add(line, column, name.Length + 2, replacement.Length);
            last = next + name.Length + 2;
        }
        output.Append(body, last, body.Length - last);
        return output.ToString();
    }

    /// <summary>The name of a named entity (<c>&amp;name;</c>: a letter, then letters and digits) at <paramref name="at"/>, or empty.</summary>
    private static ReadOnlySpan<char> EntityName(string body, int at)
    {
        var end = at + 1;
        if (end >= body.Length || !char.IsAsciiLetter(body[end])) return default;
        while (end < body.Length && end - at <= MaxEntityNameLength && char.IsAsciiLetterOrDigit(body[end])) end++;
        return end < body.Length && body[end] == ';' ? body.AsSpan(at + 1, end - at - 1) : default;
    }

    /// <summary>The numeric character references of an HTML entity, or null when HTML has no such entity.</summary>
    private static string? References(ReadOnlySpan<char> name)
    {
        if (EntityReferencesBySpan.TryGetValue(name, out var known)) return known;
        var text = "&" + name.ToString() + ";";
        var decoded = System.Net.WebUtility.HtmlDecode(text);
        if (decoded == text) return null;
        var references = new StringBuilder();
        foreach (var rune in decoded.EnumerateRunes()) references.Append("&#").Append(rune.Value).Append(';');
        return EntityReferences.GetOrAdd(name.ToString(), references.ToString());
    }

    private static string Describe(XmlException e, string text, int line, int column, Stack<string> open)
    {
        var at = Offset(text, line, column);
        // XmlReader points at the name of a mismatched close tag; say it as Confluence does.
        if (open.Count > 0 && at >= 2 && at <= text.Length && text[(at - 2)..].StartsWith("</", StringComparison.Ordinal))
        {
            var end = text.IndexOf('>', at);
            var name = end < 0 ? text[at..] : text[at..end];
            if (name != open.Peek()) return $"Unexpected close tag </{name.Trim()}>; expected </{open.Peek()}>";
        }
        if (at >= text.Length && open.Count > 0) return $"Unexpected end of input; expected </{open.Peek()}>";
        return TrailingPosition().Replace(e.Message, "").TrimEnd('.');
    }

    private static int Offset(string text, int line, int column)
    {
        var index = 0;
        for (var l = 1; l < line && index >= 0; l++)
        {
            index = text.IndexOf('\n', index);
            if (index < 0) return text.Length;
            index++;
        }
        return Math.Min(text.Length, index + Math.Max(0, column - 1));
    }

    /// <summary>
    /// Line and column of offsets asked in increasing order, counting newlines only once over
    /// the text: asking for each entity's position from the start made a body of many entities
    /// cost the square of its length.
    /// </summary>
    private sealed class LinePosition(string text)
    {
        private int _scanned;
        private int _line = 1;
        private int _lineStart;

        public (int Line, int Column) At(int index)
        {
            for (; _scanned < index; _scanned++)
                if (text[_scanned] == '\n') { _line++; _lineStart = _scanned + 1; }
            return (_line, index - _lineStart + 1);
        }
    }

    /// <summary>
    /// Columns moved by entity replacement (entities never span lines), so a position in
    /// the resolved text maps back to the body as the client sent it.
    /// </summary>
    private sealed class ColumnShifts
    {
        private readonly List<(int Line, int OriginalColumn, int OriginalLength, int NewLength)> _shifts = [];

        public void Add(int line, int originalColumn, int originalLength, int newLength) =>
            _shifts.Add((line, originalColumn, originalLength, newLength));

        public int OriginalColumn(int line, int resolvedColumn)
        {
            var delta = 0;
            foreach (var shift in _shifts)
            {
                if (shift.Line != line) continue;
                var resolvedStart = shift.OriginalColumn + delta;
                if (resolvedColumn < resolvedStart) break;
                if (resolvedColumn < resolvedStart + shift.NewLength) return shift.OriginalColumn;
                delta += shift.NewLength - shift.OriginalLength;
            }
            return resolvedColumn - delta;
        }
    }
}
