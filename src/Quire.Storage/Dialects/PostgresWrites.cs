using System.Text.RegularExpressions;

namespace Quire.Storage.Dialects;

/// <summary>
/// Whether a statement run outside a transaction on PostgreSQL may change what a reader sees, so that <see cref="DbSession"/>
/// counts it as a commit (<see cref="CommitSequence"/>). Told from the text, erring towards "writes": a read wrongly
/// counted only ends kept answers early, a write not counted would leave them stale. Quire's schema has no function that
/// writes and can be called from a query (its functions are triggers'), so a single <c>SELECT</c> reads; session settings
/// and notifications change no data; a <c>WITH</c> writes if it names a data-changing command; anything else writes.
/// </summary>
internal static partial class PostgresWrites
{
    public static bool Writes(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        if (text.Contains(';')) return true;
        if (StartsWithWord(text, "SELECT") || StartsWithWord(text, "SET") || StartsWithWord(text, "RESET") ||
            StartsWithWord(text, "SHOW") || StartsWithWord(text, "NOTIFY") || StartsWithWord(text, "LISTEN"))
            return false;
        return !StartsWithWord(text, "WITH") || DataChangingCommand().IsMatch(sql);
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]) && text[word.Length] != '_');

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataChangingCommand();
}
