using System.Globalization;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Quire.Core.Cql;

public enum CqlToken
{
    /// <summary>An unquoted word: a field name, keyword, value or function name.</summary>
    Word,
    /// <summary>An unquoted run of ASCII digits.</summary>
    Number,
    /// <summary>A "double" or 'single' quoted string, escapes still in the span.</summary>
    String,
    LParen,
    RParen,
    Comma,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Contains,
    NotContains,
}

/// <summary>
/// Splits CQL into tokens (Superpower). Keywords (AND, OR, NOT, IN, ORDER, BY, ASC, DESC) are
/// words; the parser recognises them case-insensitively. A word is a run of letters, digits
/// and _ - . : / @ + * (so space.key, 2024-01-31, -4w and 557058:abc are one word); anything
/// else (spaces, reserved characters) must be quoted. Errors throw <see cref="CqlException"/>.
/// </summary>
public sealed class CqlTokenizer : Tokenizer<CqlToken>
{
    public static readonly CqlTokenizer Instance = new();

    public static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/' or '@' or '+' or '*';

    static readonly TextParser<TextSpan> WordSpan = Span.WithAll(IsWordChar);

    static readonly TextParser<CqlToken> Symbol =
        Span.EqualTo("!=").Try().Value(CqlToken.NotEqual)
            .Or(Span.EqualTo("!~").Try().Value(CqlToken.NotContains))
            .Or(Span.EqualTo(">=").Try().Value(CqlToken.GreaterOrEqual))
            .Or(Span.EqualTo("<=").Try().Value(CqlToken.LessOrEqual))
            .Or(Character.EqualTo('=').Value(CqlToken.Equal))
            .Or(Character.EqualTo('>').Value(CqlToken.Greater))
            .Or(Character.EqualTo('<').Value(CqlToken.Less))
            .Or(Character.EqualTo('~').Value(CqlToken.Contains))
            .Or(Character.EqualTo('(').Value(CqlToken.LParen))
            .Or(Character.EqualTo(')').Value(CqlToken.RParen))
            .Or(Character.EqualTo(',').Value(CqlToken.Comma));

    static readonly TextParser<char> Escape =
        Character.EqualTo('\\').IgnoreThen(
            Character.EqualTo('u').IgnoreThen(Character.HexDigit.Repeat(4))
                .Select(h => (char)int.Parse(new string(h), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                .Or(Character.EqualTo('n').Value('\n'))
                .Or(Character.EqualTo('t').Value('\t'))
                .Or(Character.EqualTo('r').Value('\r'))
                .Or(Character.In('"', '\'', '\\', ' ')));

    static TextParser<string> Quoted(char quote) =>
        Character.EqualTo(quote)
            .IgnoreThen(Escape.Or(Character.Except(c => c == quote || c == '\\', "a character")).Many())
            .Then(chars => Character.EqualTo(quote).Value(new string(chars)));

    static readonly TextParser<string> DoubleQuoted = Quoted('"');
    static readonly TextParser<string> SingleQuoted = Quoted('\'');

    /// <summary>The value of a String token: quotes removed, escapes resolved.</summary>
    public static string Unquote(TextSpan span)
    {
        var result = (span.ConsumeChar().Value == '"' ? DoubleQuoted : SingleQuoted)(span);
        if (!result.HasValue) throw new InvalidOperationException("not a string token");
        // \u escapes can spell what no stored text holds and PostgreSQL refuses to compare with.
        if (result.Value.Contains('\0') || HasLoneSurrogate(result.Value))
            throw new CqlException("a string must not contain NUL characters or lone surrogates", span.Position.Absolute + 1);
        return result.Value;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    /// <summary>Tokenizes, or throws CqlException naming the character and its position.</summary>
    public Token<CqlToken>[] Lex(string source)
    {
        var result = TryTokenize(source);
        // Failures are thrown as CqlException below; TryTokenize only fails on its own if
        // the tokenizer yields an empty result, which this one never does.
        if (!result.HasValue)
            throw new CqlException("unexpected input", result.ErrorPosition.Absolute + 1);
        return result.Value.ToArray();
    }

    protected override IEnumerable<Result<CqlToken>> Tokenize(TextSpan span)
    {
        var next = SkipWhiteSpace(span);
        while (next.HasValue)
        {
            var at = next.Location;
            var c = next.Value;
            TextSpan rest;
            if (c is '"' or '\'')
            {
                var quoted = (c == '"' ? DoubleQuoted : SingleQuoted)(at);
                if (!quoted.HasValue) throw StringError(at, quoted);
                rest = quoted.Remainder;
                yield return Result.Value(CqlToken.String, at, rest);
            }
            else if (IsWordChar(c))
            {
                var word = WordSpan(at);
                rest = word.Remainder;
                var kind = word.Value.ToStringValue().All(char.IsAsciiDigit) ? CqlToken.Number : CqlToken.Word;
                yield return Result.Value(kind, at, rest);
            }
            else
            {
                var symbol = Symbol(at);
                if (!symbol.HasValue)
                    throw new CqlException(c == '!'
                        ? "unexpected character '!' (expected != or !~)"
                        : $"unexpected character {Show(c)}", at.Position.Absolute + 1);
                rest = symbol.Remainder;
                yield return Result.Value(symbol.Value, at, rest);
            }
            next = SkipWhiteSpace(rest);
        }
    }

    static CqlException StringError(TextSpan start, Result<string> failure)
    {
        var source = start.Source!;
        var begin = start.Position.Absolute;
        if (failure.Remainder.IsAtEnd)
            return new CqlException($"unterminated string: no closing {start.ConsumeChar().Value} for the string starting", begin + 1);
        var backslash = source.LastIndexOf('\\', Math.Max(begin, failure.Remainder.Position.Absolute - 1));
        var sequence = source.Substring(backslash, Math.Min(2, source.Length - backslash));
        return new CqlException(
            $"invalid escape sequence {Show(sequence)} in string (use \\\", \\', \\\\, \\n, \\t, \\r, \\u0000 or '\\ ')",
            backslash + 1);
    }

    /// <summary>Quotes a character or text for a message, with control characters escaped.</summary>
    public static string Show(char c) => Show(c.ToString());

    public static string Show(string text)
    {
        var b = new System.Text.StringBuilder("'");
        foreach (var ch in text.Length > 40 ? text[..40] + "…" : text)
            b.Append(char.IsControl(ch) || char.IsSurrogate(ch) ? $"\\u{(int)ch:x4}" : ch.ToString());
        return b.Append('\'').ToString();
    }
}
