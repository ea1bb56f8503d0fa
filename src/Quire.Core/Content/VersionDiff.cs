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
/// A line diff (DiffPlex) between two versions of a body, with the changed words of a changed line
/// marked. It compares the bodies' Markdown (<see cref="StorageToMarkdown"/>), what a person edits
/// and reads line by line, rather than storage's XHTML, where one edited paragraph is one long line
/// of tags. The model is plain text: the page that shows it encodes every segment.
/// </summary>
public static class VersionDiff
{
    public static IReadOnlyList<DiffLine> OfBodies(string? olderStorage, string? newerStorage, CancellationToken cancellationToken = default) =>
        OfText(StorageToMarkdown.Convert(olderStorage, cancellationToken), StorageToMarkdown.Convert(newerStorage, cancellationToken));

    public static IReadOnlyList<DiffLine> OfText(string older, string newer)
    {
        // A final newline is no line of its own: without this, text typed without one shows an empty line removed.
        var model = SideBySideDiffBuilder.Diff(older.TrimEnd('\n'), newer.TrimEnd('\n'), ignoreWhiteSpace: false, ignoreCase: false);
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
        return lines;
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
