using System.Text.RegularExpressions;

namespace Quire.Storage.Dialects;

/// <summary>
/// Whether a statement run outside a transaction on PostgreSQL may change what a reader sees, so that <see cref="DbSession"/>
/// counts it as a commit (<see cref="CommitSequence"/>). Told from the text, erring towards "writes": a read wrongly
/// counted only ends kept answers early, a write not counted would leave them stale. Quire's schema has no function that
/// writes and can be called from a query (its functions are triggers'), so a <c>SELECT</c> reads; session settings and
/// notifications change no data; a <c>WITH</c> writes if it names a data-changing command; anything else writes. A text
/// of several statements writes if any of them does.
/// </summary>
internal static partial class PostgresWrites
{
    public static bool Writes(string sql)
    {
        // Several statements (the search's plan settings are two SETs) read if each does. A ';' inside a literal splits
        // a statement into pieces that are not statements, which count as writes: never the wrong way round.
        foreach (var range in sql.AsSpan().Split(';'))
        {
            var statement = sql.AsSpan()[range];
            if (!statement.IsWhiteSpace() && StatementWrites(statement)) return true;
        }
        return false;
    }

    private static bool StatementWrites(ReadOnlySpan<char> statement)
    {
        var text = statement.TrimStart();
        if (StartsWithWord(text, "SELECT") || StartsWithWord(text, "SET") || StartsWithWord(text, "RESET") ||
            StartsWithWord(text, "SHOW") || StartsWithWord(text, "NOTIFY") || StartsWithWord(text, "LISTEN"))
            return false;
        return !StartsWithWord(text, "WITH") || DataChangingCommand().IsMatch(text);
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]) && text[word.Length] != '_');

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataChangingCommand();
}
