namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Consecutive table lines as one table: <c>||heading||heading||</c> cells become <c>th</c>,
/// <c>|cell|cell|</c> cells <c>td</c>, each holding inline markup. A <c>|</c> inside a link,
/// an image or a macro (<c>[text|url]</c>, <c>!a.png|width=9!</c>, <c>{x:a=1|b=2}</c>, <c>{code}a|b{code}</c>) or
/// escaped (<c>\|</c>) does not split the cell.
/// </summary>
internal sealed class TableWriter(WikiConverter converter)
{
    private string Text => converter.Text;

    // The line end of the row in which a search for ']' or '}' found none after some cell: the
    // cells after it need not search again (one row of many "|[" would otherwise be quadratic).
    private int _noBracketInLine = -1;
    private int _noBraceInLine = -1;

    /// <summary>Writes the table starting at <paramref name="first"/>; answers where the first line after it starts.</summary>
    public int Write(int first, int end)
    {
        var output = converter.Output;
        output.Open("table", first);
        output.Open("tbody", first);
        var position = first;
        while (position < end)
        {
            var lineEnd = converter.Source.LineEnd(position, end);
            var start = converter.Source.SkipBlanks(position, lineEnd);
            if (start >= lineEnd || Text[start] != '|') break;
            output.Open("tr", start);
            WriteCells(start, lineEnd);
            output.Close("tr");
            position = lineEnd + 1;
        }
        output.Close("tbody");
        output.Close("table");
        return Math.Min(position, end);
    }

    private void WriteCells(int start, int lineEnd)
    {
        var at = start;
        while (at < lineEnd && Text[at] == '|')
        {
            var header = at + 1 < lineEnd && Text[at + 1] == '|';
            var cellStart = at + (header ? 2 : 1);
            var cellEnd = CellEnd(cellStart, lineEnd);
            var (from, to) = converter.Source.Trim(cellStart, cellEnd);
            // The delimiter that ends a row is no cell.
            if (cellEnd == lineEnd && from == to) break;
            var tag = header ? "th" : "td";
            converter.Output.Open(tag, at);
            converter.Inline.Parse(from, to);
            converter.Output.Close(tag);
            at = cellEnd;
        }
    }

    /// <summary>
    /// The next <c>|</c> that ends the cell, skipping links, images, macro tags and escapes.
    /// A closing character missing from the rest of a row is searched for once per row.
    /// </summary>
    private int CellEnd(int from, int lineEnd)
    {
        var at = from;
        while (at < lineEnd)
        {
            var c = Text[at];
            if (c == '|') return at;
            var skipTo = c switch
            {
                '\\' => at + 2,
                '[' when _noBracketInLine != lineEnd => Closing(']', at, lineEnd, ref _noBracketInLine),
                '{' => MacroEnd(at, lineEnd) is var macroEnd and > 0 ? macroEnd
                    : _noBraceInLine != lineEnd ? Closing('}', at, lineEnd, ref _noBraceInLine) : -1,
                '!' => ImageEnd(at, lineEnd),
                _ => -1,
            };
            at = skipTo > at ? Math.Min(skipTo, lineEnd) : at + 1;
        }
        return lineEnd;
    }

    private int Closing(char closing, int at, int lineEnd, ref int missingInLine)
    {
        var found = Text.IndexOf(closing, at + 1, lineEnd - at - 1);
        if (found < 0) missingInLine = lineEnd;
        return found < 0 ? -1 : found + 1;
    }

    /// <summary>After a macro starting at <paramref name="at"/>, with its body when it closes on this line; or -1.</summary>
    private int MacroEnd(int at, int lineEnd)
    {
        if (MacroTag.TryRead(Text, at) is not { } tag || tag.End > lineEnd) return -1;
        var closer = converter.Macros.CloserOf(tag, lineEnd);
        return KnownMacros.BodyOf(tag, closer) != MacroBody.None && closer >= 0 ? closer + tag.Name.Length + 2 : tag.End;
    }

    /// <summary>After an image (<c>!name|params!</c>, its name not starting with a blank), or -1.</summary>
    private int ImageEnd(int at, int lineEnd)
    {
        var close = Text.IndexOf('!', at + 1, lineEnd - at - 1);
        if (close <= at + 1 || char.IsWhiteSpace(Text[at + 1])) return -1;
        return close + 1;
    }
}
