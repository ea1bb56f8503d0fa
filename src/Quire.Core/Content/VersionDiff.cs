using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Quire.Core.Formats.Markdown;

namespace Quire.Core.Content;

/// <summary>Whether a line of a diff is in both versions, only the older or only the newer.</summary>
public enum DiffLineKind { Unchanged, Deleted, Inserted }

/// <summary>A run of a line's text; <see cref="Changed"/> when the words differ between the versions.</summary>
public sealed record DiffSegment(string Text, bool Changed);

/// <summary>One line of a unified diff with its number in the older and the newer text.</summary>
public sealed record DiffLine(DiffLineKind Kind, int? OldNumber, int? NewNumber, IReadOnlyList<DiffSegment> Segments);

/// <summary>
/// The lines of a diff; <see cref="TooLarge"/> (and no lines) when the texts were too large to compare, and
/// <see cref="WordsCompared"/> false when only whole lines were compared.
/// </summary>
public sealed class TextDiff(IReadOnlyList<DiffLine> lines, bool tooLarge, bool wordsCompared) : IReadOnlyList<DiffLine>
{
    public static readonly TextDiff Empty = new([], false, true);

    public bool TooLarge { get; } = tooLarge;
    public bool WordsCompared { get; } = wordsCompared;
    public int Count => lines.Count;
    public DiffLine this[int index] => lines[index];
    public IEnumerator<DiffLine> GetEnumerator() => lines.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A line diff (DiffPlex) between two versions of a body, with the changed words of a changed line
/// marked. It compares the bodies' Markdown (<see cref="StorageToMarkdown"/>), what a person edits
/// and reads line by line, rather than storage's XHTML, where one edited paragraph is one long line
/// of tags. The model is plain text: the page that shows it encodes every segment.
/// DiffPlex's work grows with (N+M)·D, so the work is bounded: above <see cref="MaxLines"/> lines the texts are
/// not compared (<see cref="TextDiff.TooLarge"/>), above <see cref="MaxWords"/> words only whole lines are, and
/// a changed line longer than <see cref="MaxWordDiffLineLength"/> characters is marked as a whole.
/// </summary>
public static class VersionDiff
{
    /// <summary>The most lines (both texts together) that are compared at all.</summary>
    public const int MaxLines = 20_000;
    /// <summary>The most words (both texts together) whose changed lines are compared word by word.</summary>
    public const int MaxWords = 200_000;
    /// <summary>The longest line (characters) whose changed words are marked.</summary>
    public const int MaxWordDiffLineLength = 2_000;

    public static TextDiff OfBodies(string? olderStorage, string? newerStorage, CancellationToken cancellationToken = default) =>
        OfText(StorageToMarkdown.Convert(olderStorage, cancellationToken), StorageToMarkdown.Convert(newerStorage, cancellationToken));

    public static TextDiff OfText(string older, string newer)
    {
        // A final newline is no line of its own: without this, text typed without one shows an empty line removed.
        older = older.TrimEnd('\n');
        newer = newer.TrimEnd('\n');
        if (CountLines(older) + CountLines(newer) > MaxLines) return new TextDiff([], tooLarge: true, wordsCompared: false);
        var compareWords = CountWords(older) + CountWords(newer) <= MaxWords;
        var wordChunker = compareWords ? new BoundedWordChunker() : WholeLineChunker;
        var model = SideBySideDiffBuilder.Diff(Differ.Instance, older, newer, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker(), wordChunker);
        var lines = new List<DiffLine>();
        var deleted = new List<DiffLine>();
        var inserted = new List<DiffLine>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            if (old?.Type == ChangeType.Unchanged && @new?.Type == ChangeType.Unchanged)
            {
                // A run of changes is shown as its deleted lines and then its inserted ones, as unified diffs do.
                Flush(lines, deleted, inserted);
                lines.Add(new DiffLine(DiffLineKind.Unchanged, old.Position, @new.Position, [new DiffSegment(old.Text ?? "", false)]));
                continue;
            }
            if (old is { Type: ChangeType.Deleted or ChangeType.Modified })
                deleted.Add(new DiffLine(DiffLineKind.Deleted, old.Position, null, Segments(old, ChangeType.Deleted)));
            if (@new is { Type: ChangeType.Inserted or ChangeType.Modified })
                inserted.Add(new DiffLine(DiffLineKind.Inserted, null, @new.Position, Segments(@new, ChangeType.Inserted)));
        }
        Flush(lines, deleted, inserted);
        return new TextDiff(lines, tooLarge: false, wordsCompared: compareWords);
    }

    private static int CountLines(string text) => text.Length == 0 ? 0 : text.AsSpan().Count('\n') + 1;

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = !char.IsWhiteSpace(c);
            if (isWordChar && !inWord) words++;
            inWord = isWordChar;
        }
        return words;
    }

    private static readonly IChunker WholeLineChunker = new WholeChunker();

    /// <summary>A line as one chunk: its word diff is one comparison, the line marked as a whole.</summary>
    private sealed class WholeChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => [text];
    }

    /// <summary>DiffPlex's words, but a line longer than <see cref="MaxWordDiffLineLength"/> as one chunk.</summary>
    private sealed class BoundedWordChunker : IChunker
    {
        private readonly WordChunker words = new();
        public IReadOnlyList<string> Chunk(string text) => text.Length > MaxWordDiffLineLength ? [text] : words.Chunk(text);
    }

    private static void Flush(List<DiffLine> lines, List<DiffLine> deleted, List<DiffLine> inserted)
    {
        lines.AddRange(deleted);
        lines.AddRange(inserted);
        deleted.Clear();
        inserted.Clear();
    }

    /// <summary>A changed line's words, the ones of <paramref name="changed"/> marked; a wholly new or removed line is one changed run.</summary>
    private static IReadOnlyList<DiffSegment> Segments(DiffPiece line, ChangeType changed)
    {
        if (line.Type != ChangeType.Modified || line.SubPieces.Count == 0) return [new DiffSegment(line.Text ?? "", true)];
        var segments = new List<DiffSegment>();
        foreach (var piece in line.SubPieces)
        {
            if (piece.Type == ChangeType.Imaginary || string.IsNullOrEmpty(piece.Text)) continue;
            var isChanged = piece.Type == changed || piece.Type == ChangeType.Modified;
            if (segments.Count > 0 && segments[^1].Changed == isChanged)
                segments[^1] = segments[^1] with { Text = segments[^1].Text + piece.Text };
            else
                segments.Add(new DiffSegment(piece.Text, isChanged));
        }
        return segments;
    }
}
