namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Writes a macro as Confluence stores it: <c>{quote}</c> as a blockquote, <c>{color}</c> as a
/// coloured span, and every other macro, known or not, as <c>ac:structured-macro</c> of that
/// name with its parameters and a plain-text or rich-text body.
/// </summary>
internal sealed class MacroWriter(WikiConverter converter)
{
    private StorageBuilder Output => converter.Output;

    /// <summary>
    /// Writes the macro opened by <paramref name="tag"/>, whose closing tag must come before
    /// <paramref name="end"/>; answers the position after the macro.
    /// </summary>
    public int Write(MacroTag tag, int end)
    {
        var closer = converter.Tags.NextBare(tag.Name, tag.End, end);
        var body = KnownMacros.BodyOf(tag, closer);
        if (body != MacroBody.None && closer < 0) throw NotClosed(tag);
        switch (tag.Name)
        {
            case "color":
                WriteColor(tag, closer);
                break;
            case "quote":
                Output.Open("blockquote", tag.Start);
                converter.Blocks.Parse(tag.End, closer);
                Output.Close("blockquote");
                break;
            default:
                WriteStructured(tag, body, closer);
                break;
        }
        return body == MacroBody.None ? tag.End : closer + tag.Name.Length + 2;
    }

    /// <summary>Where the macro opened by <paramref name="tag"/> closes before <paramref name="end"/>, or -1.</summary>
    public int CloserOf(MacroTag tag, int end) => converter.Tags.NextBare(tag.Name, tag.End, end);

    private void WriteStructured(MacroTag tag, MacroBody body, int closer)
    {
        Output.Open("ac:structured-macro", tag.Start, ("ac:name", tag.Name));
        foreach (var (name, value) in tag.Parameters(KnownMacros.DefaultParameter(tag.Name)))
            Output.Element("ac:parameter", tag.Start, value, ("ac:name", name));
        if (body == MacroBody.PlainText)
        {
            Output.Open("ac:plain-text-body", tag.Start);
            Output.CData(PlainBody(tag.End, closer));
            Output.Close("ac:plain-text-body");
        }
        else if (body == MacroBody.Rich)
        {
            Output.Open("ac:rich-text-body", tag.Start);
            converter.Blocks.Parse(tag.End, closer);
            Output.Close("ac:rich-text-body");
        }
        Output.Close("ac:structured-macro");
    }

    /// <summary><c>{color:red}text{color}</c>: a span, styled only when the colour is a plain CSS colour value.</summary>
    private void WriteColor(MacroTag tag, int closer)
    {
        var color = tag.RawParameters?.Trim() ?? "";
        var safe = color.Length is > 0 and <= 64 && color.All(c => char.IsAsciiLetterOrDigit(c) || c is '#' or '(' or ')' or ',' or '.' or '%' or ' ');
        Output.Open("span", tag.Start, ("style", safe ? $"color: {color}" : null));
        converter.Inline.Parse(tag.End, closer);
        Output.Close("span");
    }

    /// <summary>
    /// A code or noformat body as typed, without the line break (and blanks) that follow the
    /// opening tag or precede the closing one: <c>{code}\nx\n{code}</c> holds <c>x</c>.
    /// </summary>
    private ReadOnlySpan<char> PlainBody(int start, int end)
    {
        var body = converter.Text.AsSpan(start, end - start);
        var firstBreak = body.IndexOf('\n');
        if (firstBreak >= 0 && body[..firstBreak].IsWhiteSpace()) body = body[(firstBreak + 1)..];
        var lastBreak = body.LastIndexOf('\n');
        if (lastBreak >= 0 && body[(lastBreak + 1)..].IsWhiteSpace()) body = body[..lastBreak];
        return body;
    }

    private Errors.BadRequestException NotClosed(MacroTag tag)
    {
        var later = converter.Tags.NextBare(tag.Name, tag.End, int.MaxValue) >= 0;
        var problem = later
            ? $"the {{{tag.Name}}} macro is not closed where it must be: its closing {{{tag.Name}}} has to be in the same paragraph, heading, list item, table cell or macro body"
            : $"the {{{tag.Name}}} macro is not closed: no {{{tag.Name}}} follows it";
        return converter.Source.Error(tag.Start, problem);
    }
}
