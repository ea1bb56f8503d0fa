namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Consecutive list lines (<c>* item</c>, <c># item</c>, <c>- item</c>, nested as <c>**</c>,
/// <c>#*</c>, ...) as nested <c>ul</c>/<c>ol</c>: a line whose markers extend the previous
/// line's opens a list inside that item, one with fewer or different markers closes levels.
/// </summary>
internal sealed class ListWriter(WikiConverter converter)
{
    /// <summary>
    /// How many list markers start the line at <paramref name="first"/> (followed by a blank),
    /// or 0 when it is no list item. A dash marks an item alone (<c>--</c> is a dash, not a list).
    /// </summary>
    public static int MarkerLength(string text, int first, int lineEnd)
    {
        var end = first;
        while (end < lineEnd && text[end] is '*' or '#' or '-') end++;
        var length = end - first;
        if (length == 0 || end >= lineEnd || text[end] is not (' ' or '\t')) return 0;
        if (length > 1 && text.AsSpan(first, length).Contains('-')) return 0;
        return length;
    }

    /// <summary>Writes the list starting at <paramref name="first"/>; answers where the first line after it starts.</summary>
    public int Write(int first, int end)
    {
        var text = converter.Text;
        var output = converter.Output;
        var open = new List<string>(); // the list element open at each level, each holding an open li
        var position = first;
        while (position < end)
        {
            var lineEnd = converter.Source.LineEnd(position, end);
            var start = converter.Source.SkipBlanks(position, lineEnd);
            var markers = MarkerLength(text, start, lineEnd);
            if (markers == 0) break;
            var common = 0;
            while (common < open.Count && common < markers && open[common] == ListTag(text[start + common])) common++;
            if (common == markers)
            {
                CloseLevels(open, markers);
                output.Close("li");
                output.Open("li", start);
            }
            else
            {
                CloseLevels(open, common);
                for (var level = common; level < markers; level++)
                {
                    var tag = ListTag(text[start + level]);
                    output.Open(tag, start);
                    output.Open("li", start);
                    open.Add(tag);
                }
            }
            position = WriteItem(start + markers, lineEnd, end);
        }
        CloseLevels(open, 0);
        return Math.Min(position, end);
    }

    /// <summary>
    /// Writes an item's content from <paramref name="start"/>; answers where the next line starts.
    /// A macro opened in the item and closed on a later line (<c>* see {code}</c> ... <c>{code}</c>)
    /// belongs to the item, with what follows its closing tag on that line.
    /// </summary>
    private int WriteItem(int start, int lineEnd, int end)
    {
        var spanning = converter.Blocks.NextBlockMacro(start, lineEnd, end, closingAfter: lineEnd);
        var (from, to) = converter.Source.Trim(start, spanning < 0 ? lineEnd : spanning);
        converter.Inline.Parse(from, to);
        if (spanning < 0) return lineEnd + 1;
        var after = converter.Macros.Write(converter.Blocks.BlockMacroAt(spanning, end)!, end);
        var restEnd = converter.Source.LineEnd(after, end);
        var (restFrom, restTo) = converter.Source.Trim(after, restEnd);
        converter.Inline.Parse(restFrom, restTo);
        return restEnd + 1;
    }

    private static string ListTag(char marker) => marker == '#' ? "ol" : "ul";

    private void CloseLevels(List<string> open, int keep)
    {
        while (open.Count > keep)
        {
            converter.Output.Close("li");
            converter.Output.Close(open[^1]);
            open.RemoveAt(open.Count - 1);
        }
    }
}
