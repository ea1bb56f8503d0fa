using System.Text;

namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Writes storage format text: elements with the <c>ac:</c>/<c>ri:</c> prefixes as Confluence
/// writes them, escaped text and CDATA. It refuses to nest deeper than
/// <see cref="StorageFormat.MaxDepth"/> (so the storage always validates and no recursion of the
/// converter, which opens an element per level, can run deep) and checks for cancellation as it goes.
/// </summary>
internal sealed class StorageBuilder(WikiSource source, CancellationToken cancellationToken)
{
    private const int CancellationStride = 4096;
    private readonly StringBuilder _output = new();
    private int _depth;
    private int _work;

    public void Open(string tag, int at, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, at, attributes);
        _output.Append('>');
        _depth++;
    }

    public void Empty(string tag, int at, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, at, attributes);
        _output.Append("/>");
    }

    public void Close(string tag)
    {
        _depth--;
        _output.Append("</").Append(tag).Append('>');
    }

    /// <summary>An element holding only text.</summary>
    public void Element(string tag, int at, string text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, at, attributes);
        Text(text);
        Close(tag);
    }

    public void Text(ReadOnlySpan<char> text)
    {
        Tick();
        foreach (var c in text) Char(c);
    }

    public void Char(char c)
    {
        if (++_work % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
        AppendEscaped(c, attribute: false);
    }

    /// <summary>Text kept exactly (a code body): CDATA, with <c>]]&gt;</c> split across two sections.</summary>
    public void CData(ReadOnlySpan<char> text)
    {
        Tick();
        _output.Append("<![CDATA[");
        for (var at = text.IndexOf("]]>"); at >= 0; at = text.IndexOf("]]>"))
        {
            _output.Append(text[..(at + 2)]).Append("]]><![CDATA[");
            text = text[(at + 2)..];
        }
        _output.Append(text).Append("]]>");
    }

    /// <summary>Counts work done and stops when the request no longer wants it.</summary>
    public void Tick()
    {
        if (++_work % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
    }

    public override string ToString() => _output.ToString();

    private void StartTag(string tag, int at, ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Tick();
        if (_depth >= StorageFormat.MaxDepth)
            throw source.Error(at, $"the markup nests deeper than {StorageFormat.MaxDepth} levels");
        _output.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _output.Append(' ').Append(name).Append("=\"");
            foreach (var c in value) AppendEscaped(c, attribute: true);
            _output.Append('"');
        }
    }

    private void AppendEscaped(char c, bool attribute)
    {
        switch (c)
        {
            case '&': _output.Append("&amp;"); break;
            case '<': _output.Append("&lt;"); break;
            case '>': _output.Append("&gt;"); break;
            case '"' when attribute: _output.Append("&quot;"); break;
            case '\n' or '\t' when attribute: _output.Append("&#").Append((int)c).Append(';'); break;
            default: _output.Append(c); break;
        }
    }
}
