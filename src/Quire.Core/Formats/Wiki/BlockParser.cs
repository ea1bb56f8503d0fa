namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Block-level wiki markup, line by line: headings (<c>h1.</c>..<c>h6.</c>), <c>bq.</c>,
/// <c>----</c>, lists, tables, macros with bodies, and paragraphs (lines up to a blank line
/// or the next block, joined by line breaks). Each line is read once at this level.
/// </summary>
internal sealed class BlockParser(WikiConverter converter)
{
    private string Text => converter.Text;
    private WikiSource Source => converter.Source;
    private StorageBuilder Output => converter.Output;

    /// <summary>Writes the blocks in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void Parse(int start, int end)
    {
        var position = start;
        var paragraph = -1;
        while (position < end)
        {
            Output.Tick();
            var lineEnd = Source.LineEnd(position, end);
            var first = Source.SkipBlanks(position, lineEnd);
            if (first == lineEnd)
            {
                WriteParagraph(paragraph, position);
                paragraph = -1;
                position = lineEnd + 1;
                continue;
            }
            if (BlockMacroAt(first, end) is { } macro)
            {
                WriteParagraph(paragraph, first);
                paragraph = -1;
                position = converter.Macros.Write(macro, end);
                continue;
            }
            if (BlockAt(first, lineEnd) is var block and not LineBlock.None)
            {
                WriteParagraph(paragraph, position);
                paragraph = -1;
                position = WriteBlock(block, first, lineEnd, end);
                continue;
            }
            if (paragraph < 0) paragraph = first;
            var macroInLine = NextBlockMacro(first + 1, lineEnd, end);
            if (macroInLine >= 0)
            {
                WriteParagraph(paragraph, macroInLine);
                paragraph = -1;
                position = macroInLine;
                continue;
            }
            position = lineEnd + 1;
        }
        WriteParagraph(paragraph, Math.Min(position, end));
    }

    /// <summary>The block a line starting at <paramref name="first"/> opens, if any.</summary>
    private LineBlock BlockAt(int first, int lineEnd)
    {
        if (HeadingLevel(first, lineEnd) > 0) return LineBlock.Heading;
        if (StartsWord(first, lineEnd, "bq.")) return LineBlock.Quote;
        // Read forward only: a line re-entered after each of many macros must not be rescanned from its end.
        var line = Text.AsSpan(first, lineEnd - first);
        if (line.StartsWith("----") && line[4..].IsWhiteSpace()) return LineBlock.Rule;
        if (ListWriter.MarkerLength(Text, first, lineEnd) > 0) return LineBlock.List;
        return Text[first] == '|' ? LineBlock.Table : LineBlock.None;
    }

    /// <summary>Writes the block found by <see cref="BlockAt"/>; answers the position after it.</summary>
    private int WriteBlock(LineBlock block, int first, int lineEnd, int end)
    {
        switch (block)
        {
            case LineBlock.Heading:
                WriteLineElement($"h{HeadingLevel(first, lineEnd)}", first, first + 3, lineEnd);
                break;
            case LineBlock.Quote:
                Output.Open("blockquote", first);
                WriteLineElement("p", first, first + 3, lineEnd);
                Output.Close("blockquote");
                break;
            case LineBlock.Rule:
                Output.Empty("hr", first);
                break;
            case LineBlock.List:
                return converter.Lists.Write(first, end);
            case LineBlock.Table:
                return converter.Tables.Write(first, end);
        }
        return lineEnd + 1;
    }

    /// <summary>An element holding the inline markup of a line from <paramref name="start"/>, trimmed.</summary>
    private void WriteLineElement(string tag, int at, int start, int lineEnd)
    {
        var (from, to) = Source.Trim(start, lineEnd);
        Output.Open(tag, at);
        converter.Inline.Parse(from, to);
        Output.Close(tag);
    }

    private void WriteParagraph(int start, int end)
    {
        if (start < 0) return;
        var (from, to) = Source.Trim(start, end);
        if (from == to) return;
        Output.Open("p", from);
        converter.Inline.Parse(from, to);
        Output.Close("p");
    }

    /// <summary>1 to 6 for a line starting <c>hN.</c> followed by a blank or its end, else 0.</summary>
    private int HeadingLevel(int first, int lineEnd)
    {
        if (first + 3 > lineEnd || Text[first] != 'h' || Text[first + 2] != '.') return 0;
        var level = Text[first + 1] - '0';
        if (level is < 1 or > 6) return 0;
        return first + 3 == lineEnd || Text[first + 3] is ' ' or '\t' ? level : 0;
    }

    private bool StartsWord(int first, int lineEnd, string word) =>
        Text.AsSpan(first, lineEnd - first).StartsWith(word, StringComparison.Ordinal)
        && (first + word.Length == lineEnd || Text[first + word.Length] is ' ' or '\t');

    /// <summary>The macro at <paramref name="at"/> when it is one that stands as a block (it has a body), else null.</summary>
    public MacroTag? BlockMacroAt(int at, int end) =>
        MacroTag.TryRead(Text, at) is { } tag && KnownMacros.IsBlock(tag, converter.Macros.CloserOf(tag, end)) ? tag : null;

    /// <summary>Where in the rest of a paragraph's line a macro with a body starts (it ends the paragraph), or -1.</summary>
    private int NextBlockMacro(int from, int lineEnd, int end) => NextBlockMacro(from, lineEnd, end, closingAfter: -1);

    /// <summary>
    /// Where in [<paramref name="from"/>, <paramref name="lineEnd"/>) a macro with a body starts
    /// whose closing tag comes at or after <paramref name="closingAfter"/>, or -1.
    /// </summary>
    public int NextBlockMacro(int from, int lineEnd, int end, int closingAfter)
    {
        for (var at = Text.IndexOf('{', from, lineEnd - from); at >= 0; at = Text.IndexOf('{', at + 1, lineEnd - at - 1))
            if (BlockMacroAt(at, end) is { } tag && converter.Macros.CloserOf(tag, end) >= closingAfter) return at;
        return -1;
    }
}

/// <summary>The blocks a line's first characters open.</summary>
internal enum LineBlock
{
    None,
    Heading,
    Quote,
    Rule,
    List,
    Table,
}
