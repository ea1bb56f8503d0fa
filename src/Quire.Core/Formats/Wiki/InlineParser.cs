namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Inline wiki markup within a paragraph, heading, list item or table cell: text effects
/// (<c>*strong*</c>, <c>_emphasis_</c>, <c>-deleted-</c>, <c>+inserted+</c>, <c>^sup^</c>,
/// <c>~sub~</c>, <c>??citation??</c>, <c>{{monospace}}</c>), links, images, macros, emoticons,
/// dashes, line breaks and escapes. One pass from left to right; the closing mark of an effect
/// is found with a <see cref="ForwardFinder"/>, so text full of unmatched marks stays linear.
/// </summary>
internal sealed class InlineParser
{
    private static readonly Dictionary<char, string> EffectTags = new()
    {
        ['*'] = "strong", ['_'] = "em", ['-'] = "del", ['+'] = "u", ['^'] = "sup", ['~'] = "sub",
    };

    private readonly WikiConverter _converter;
    private readonly string _text;
    private readonly Dictionary<char, ForwardFinder> _effectClosers = [];
    private readonly ForwardFinder _citationCloser;
    private readonly ForwardFinder _monospaceCloser;
    private readonly ForwardFinder _linkCloser;
    private readonly ForwardFinder _imageCloser;
    private readonly ForwardFinder _newline;

    public InlineParser(WikiConverter converter)
    {
        _converter = converter;
        _text = converter.Text;
        foreach (var mark in EffectTags.Keys)
            _effectClosers[mark] = new ForwardFinder(_text, (text, at) => text[at] == mark && ClosesEffect(text, at, 1));
        _citationCloser = new ForwardFinder(_text, (text, at) => text[at] == '?' && at + 1 < text.Length && text[at + 1] == '?' && ClosesEffect(text, at, 2));
        _monospaceCloser = new ForwardFinder(_text, (text, at) => text[at] == '}' && at + 1 < text.Length && text[at + 1] == '}');
        _linkCloser = new ForwardFinder(_text, (text, at) => text[at] == ']');
        _imageCloser = new ForwardFinder(_text, (text, at) => text[at] == '!');
        _newline = new ForwardFinder(_text, (text, at) => text[at] == '\n');
    }

    private StorageBuilder Output => _converter.Output;

    /// <summary>Writes the inline markup in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void Parse(int start, int end)
    {
        var at = start;
        while (at < end)
        {
            var c = _text[at];
            var next = c switch
            {
                '\\' => Escape(at, end),
                '\n' => LineBreak(at),
                '{' => MonospaceOrMacro(at, end),
                '[' => Link(at, end),
                '!' => Image(at, end),
                ':' or ';' or '(' => Emoticon(at, end),
                '-' => Dash(at, end) is var dash and >= 0 ? dash : Effect(at, end, c),
                '*' or '_' or '+' or '^' or '~' => Effect(at, end, c),
                '?' => Citation(at, end),
                'h' or 'H' or 'f' or 'F' or 'm' or 'M' => BareUrl(at, end),
                _ => -1,
            };
            if (next > at)
            {
                at = next;
                continue;
            }
            Output.Char(c);
            at++;
        }
    }

    /// <summary>
    /// A closing mark: after a non-blank, not escaped, and not followed by a letter or digit
    /// (so <c>snake_case_name</c> stays text).
    /// </summary>
    private static bool ClosesEffect(string text, int at, int length) =>
        at > 0 && !char.IsWhiteSpace(text[at - 1]) && text[at - 1] != '\\'
        && (at + length >= text.Length || !char.IsLetterOrDigit(text[at + length]));

    /// <summary>An opening mark: not after a letter or digit, and before a non-blank.</summary>
    private bool OpensEffect(int at, int length, int end) =>
        !_converter.Source.IsWordAt(at - 1) && at + length < end && !char.IsWhiteSpace(_text[at + length]);

    /// <summary>Where the current line ends, never past <paramref name="end"/>: no inline construct spans lines.</summary>
    private int LineLimit(int at, int end) => Math.Min(_newline.Next(at), end);

    private int Effect(int at, int end, char mark)
    {
        if (!OpensEffect(at, 1, end)) return -1;
        var close = _effectClosers[mark].Next(at + 2);
        if (close >= LineLimit(at, end)) return -1;
        Wrap(EffectTags[mark], at, at + 1, close);
        return close + 1;
    }

    /// <summary>An element holding the inline markup in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private void Wrap(string tag, int at, int start, int end)
    {
        Output.Open(tag, at);
        Parse(start, end);
        Output.Close(tag);
    }

    private int Citation(int at, int end)
    {
        if (at + 1 >= end || _text[at + 1] != '?' || !OpensEffect(at, 2, end)) return -1;
        var close = _citationCloser.Next(at + 3);
        if (close >= LineLimit(at, end)) return -1;
        Wrap("cite", at, at + 2, close);
        return close + 2;
    }

    private int MonospaceOrMacro(int at, int end)
    {
        if (at + 1 < end && _text[at + 1] == '{')
        {
            var close = _monospaceCloser.Next(at + 3);
            if (close >= LineLimit(at, end)) return -1;
            Wrap("code", at, at + 2, close);
            return close + 2;
        }
        if (MacroTag.TryRead(_text, at) is not { } tag || tag.End > end) return -1;
        return _converter.Macros.Write(tag, end);
    }

    private int Link(int at, int end)
    {
        var close = _linkCloser.Next(at + 1);
        if (close >= LineLimit(at, end)) return -1;
        var (start, stop) = _converter.Source.Trim(at + 1, close);
        if (start == stop) return -1;
        _converter.Links.WriteLink(start, stop);
        return close + 1;
    }

    private int Image(int at, int end)
    {
        if (_converter.Source.IsWordAt(at - 1) || at + 1 >= end || char.IsWhiteSpace(_text[at + 1])) return -1;
        var close = _imageCloser.Next(at + 1);
        if (close >= LineLimit(at, end) || close == at + 1 || char.IsWhiteSpace(_text[close - 1])) return -1;
        _converter.Links.WriteImage(at + 1, close);
        return close + 1;
    }

    private int Escape(int at, int end)
    {
        if (at + 1 >= end) return -1;
        var escaped = _text[at + 1];
        if (escaped == '\\') return LineBreak(at) + 1;
        if (char.IsLetterOrDigit(escaped) || char.IsWhiteSpace(escaped)) return -1;
        Output.Char(escaped);
        return at + 2;
    }

    private int LineBreak(int at)
    {
        Output.Empty("br", at);
        return at + 1;
    }

    private int Emoticon(int at, int end)
    {
        if (_converter.Source.IsWordAt(at - 1) || Emoticons.At(_text, at, end) is not var (name, length)) return -1;
        if (_converter.Source.IsWordAt(at + length)) return -1;
        Output.Empty("ac:emoticon", at, ("ac:name", name));
        return at + length;
    }

    /// <summary><c>--</c> and <c>---</c> standing between blanks are an en and an em dash.</summary>
    private int Dash(int at, int end)
    {
        var length = 0;
        while (at + length < end && length < 4 && _text[at + length] == '-') length++;
        if (length is not (2 or 3) || !_converter.Source.IsSpaceAt(at - 1) || !(at + length >= end || char.IsWhiteSpace(_text[at + length])))
            return -1;
        Output.Char(length == 2 ? '\u2013' : '\u2014');
        return at + length;
    }

    /// <summary>A URL in running text (<c>https://...</c>) as a link to itself, without trailing punctuation.</summary>
    private int BareUrl(int at, int end)
    {
        if (_converter.Source.IsWordAt(at - 1)) return -1;
        var scheme = LinkWriter.SchemeLength(_text.AsSpan(at, Math.Min(16, end - at)));
        if (scheme == 0) return -1;
        var stop = at + scheme;
        while (stop < end && !char.IsWhiteSpace(_text[stop]) && _text[stop] is not ('[' or ']' or '{' or '}' or '|' or '<' or '>' or '"')) stop++;
        while (stop > at + scheme && _text[stop - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '\'') stop--;
        if (stop == at + scheme) return -1;
        var url = _text[at..stop];
        Output.Open("a", at, ("href", url));
        Output.Text(url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : url);
        Output.Close("a");
        return stop;
    }
}
