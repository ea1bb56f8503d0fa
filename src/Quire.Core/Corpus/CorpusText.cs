namespace Quire.Core.Corpus;

/// <summary>
/// Text for a benchmark corpus: words drawn from a list ranked by frequency with a Zipf
/// distribution (the word of rank r weighs 1/r), as bench/search-corpus.py draws them, so a few
/// words are in nearly every page and most in few, which is what full-text search meets on a
/// real site. Seeded per page, so two loads of the same plan write the same text.
/// </summary>
public sealed class CorpusText
{
    private readonly IReadOnlyList<string> _words;
    private readonly double[] _cumulative;

    public CorpusText(IReadOnlyList<string> words)
    {
        if (words.Count == 0) throw new ArgumentException("The word list is empty.", nameof(words));
        _words = words;
        _cumulative = new double[words.Count];
        var sum = 0.0;
        for (var rank = 1; rank <= words.Count; rank++) _cumulative[rank - 1] = sum += 1.0 / rank;
    }

    public string Word(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return _words[Math.Min(index < 0 ? ~index : index, _words.Count - 1)];
    }

    public string Words(Random random, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Word(random)));

    /// <summary>A title of 3 to 6 words and the page's number, which keeps titles unique in a space.</summary>
    public string Title(Random random, long number) => $"{Capitalized(Words(random, random.Next(3, 7)))} {number}";

    /// <summary>Storage format: one page in four with a heading, then 3 to 6 paragraphs of 20 to 80 words (a few hundred words).</summary>
    public string Body(Random random)
    {
        var body = new System.Text.StringBuilder();
        if (random.NextDouble() < 0.25) body.Append("<h2>").Append(Capitalized(Words(random, random.Next(2, 6)))).Append("</h2>");
        for (var paragraphs = random.Next(3, 7); paragraphs > 0; paragraphs--)
            body.Append("<p>").Append(Capitalized(Words(random, random.Next(20, 81)))).Append(".</p>");
        return body.ToString();
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
