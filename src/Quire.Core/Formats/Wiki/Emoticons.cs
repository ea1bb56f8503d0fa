namespace Quire.Core.Formats.Wiki;

/// <summary>The character sequences Confluence turns into emoticons, and the names it stores them under.</summary>
internal static class Emoticons
{
    /// <summary>Longest first, so <c>(*r)</c> wins over <c>(*)</c>.</summary>
    private static readonly (string Code, string Name)[] Table =
    [
        ("(off)", "light-off"), ("(*r)", "red-star"), ("(*g)", "green-star"), ("(*b)", "blue-star"),
        ("(*y)", "yellow-star"), ("(on)", "light-on"),
        (":-)", "smile"), (":-(", "sad"), (":-P", "cheeky"), (":-D", "laugh"), (";-)", "wink"),
        ("(y)", "thumbs-up"), ("(n)", "thumbs-down"), ("(i)", "information"), ("(/)", "tick"), ("(x)", "cross"),
        ("(!)", "warning"), ("(+)", "plus"), ("(-)", "minus"), ("(?)", "question"), ("(*)", "yellow-star"),
        (":)", "smile"), (":(", "sad"), (":P", "cheeky"), (":p", "cheeky"), (":D", "laugh"), (";)", "wink"),
    ];

    /// <summary>The emoticon whose code starts at <paramref name="at"/> and ends before <paramref name="end"/>, or null.</summary>
    public static (string Name, int Length)? At(string text, int at, int end)
    {
        foreach (var (code, name) in Table)
            if (at + code.Length <= end && string.CompareOrdinal(text, at, code, 0, code.Length) == 0)
                return (name, code.Length);
        return null;
    }
}
