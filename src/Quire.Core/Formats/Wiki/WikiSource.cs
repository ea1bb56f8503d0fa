using System.Text;
using Quire.Core.Errors;

namespace Quire.Core.Formats.Wiki;

/// <summary>
/// The wiki markup being converted, with line endings made <c>\n</c> and characters XML cannot
/// hold replaced, so every later step reads one clean text and every error can name a line
/// and column of what the client sent.
/// </summary>
internal sealed class WikiSource
{
    private readonly ForwardFinder _newlines;

    public WikiSource(string wiki)
    {
        Text = Normalize(wiki);
        _newlines = new ForwardFinder(Text, (text, at) => text[at] == '\n');
    }

    public string Text { get; }

    /// <summary>A client error naming where in the markup it is (positions are only counted when an error is raised).</summary>
    public BadRequestException Error(int offset, string problem)
    {
        var (line, column) = PositionOf(offset);
        return new BadRequestException($"Cannot convert wiki markup: {problem} at line {line}, column {column}");
    }

    public (int Line, int Column) PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = Text.IndexOf('\n'); i >= 0 && i < offset; i = Text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }
        return (line, offset - lineStart + 1);
    }

    /// <summary>
    /// The end of the line holding <paramref name="offset"/> (its <c>\n</c>), never past
    /// <paramref name="end"/>. Blocks are read forward, so a remembered answer serves every
    /// block on one long line (many macros on one 5 MB line would otherwise rescan it each time).
    /// </summary>
    public int LineEnd(int offset, int end) => Math.Min(_newlines.Next(offset), end);

    /// <summary>The first position at or after <paramref name="from"/> (before <paramref name="end"/>) that is not a space or tab.</summary>
    public int SkipBlanks(int from, int end)
    {
        while (from < end && Text[from] is ' ' or '\t') from++;
        return from;
    }

    /// <summary>The range without the whitespace at either end.</summary>
    public (int Start, int End) Trim(int start, int end)
    {
        while (start < end && char.IsWhiteSpace(Text[start])) start++;
        while (end > start && char.IsWhiteSpace(Text[end - 1])) end--;
        return (start, end);
    }

    public bool IsWordAt(int index) => index >= 0 && index < Text.Length && char.IsLetterOrDigit(Text[index]);

    public bool IsSpaceAt(int index) => index < 0 || index >= Text.Length || char.IsWhiteSpace(Text[index]);

    /// <summary>
    /// CR LF and CR become LF; control characters XML forbids and unpaired surrogates become
    /// U+FFFD, so no text copied from the markup can make the storage ill-formed.
    /// </summary>
    private static string Normalize(string wiki)
    {
        var output = new StringBuilder(wiki.Length);
        for (var i = 0; i < wiki.Length; i++)
        {
            var c = wiki[i];
            if (c == '\r')
            {
                output.Append('\n');
                if (i + 1 < wiki.Length && wiki[i + 1] == '\n') i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < wiki.Length && char.IsLowSurrogate(wiki[i + 1]))
            {
                output.Append(c).Append(wiki[++i]);
            }
            else if (char.IsSurrogate(c) || (c < ' ' && c is not '\n' and not '\t') || c is '\uFFFE' or '\uFFFF')
            {
                output.Append('\uFFFD');
            }
            else
            {
                output.Append(c);
            }
        }
        return output.ToString();
    }
}
