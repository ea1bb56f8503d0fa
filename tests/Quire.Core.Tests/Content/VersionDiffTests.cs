using Quire.Core.Content;

namespace Quire.Core.Tests.Content;

public sealed class VersionDiffTests
{
    [Fact]
    public void Unchanged_deleted_and_inserted_lines_carry_their_numbers()
    {
        var lines = VersionDiff.OfText("a\nb\nc", "a\nc\nd");
        Assert.Equal(
            [(DiffLineKind.Unchanged, 1, 1, "a"), (DiffLineKind.Deleted, 2, null, "b"), (DiffLineKind.Unchanged, 3, 2, "c"), (DiffLineKind.Inserted, null, 3, "d")],
            lines.Select(l => (l.Kind, l.OldNumber, l.NewNumber, string.Concat(l.Segments.Select(s => s.Text)))).ToList());
    }

    [Fact]
    public void A_changed_line_marks_only_its_changed_words()
    {
        var lines = VersionDiff.OfText("the quick fox", "the slow fox");
        var deleted = Assert.Single(lines, l => l.Kind == DiffLineKind.Deleted);
        var inserted = Assert.Single(lines, l => l.Kind == DiffLineKind.Inserted);
        Assert.Equal("quick", Assert.Single(deleted.Segments, s => s.Changed).Text);
        Assert.Equal("slow", Assert.Single(inserted.Segments, s => s.Changed).Text);
        Assert.Equal("the slow fox", string.Concat(inserted.Segments.Select(s => s.Text)));
    }

    [Fact]
    public void Bodies_are_compared_as_their_Markdown()
    {
        var lines = VersionDiff.OfBodies("<h1>Title</h1><p>old words</p>", "<h1>Title</h1><p>new words</p>");
        Assert.Contains(lines, l => l.Kind == DiffLineKind.Unchanged && l.Segments[0].Text == "# Title");
        Assert.Contains(lines, l => l.Kind == DiffLineKind.Inserted && l.Segments.Any(s => s.Changed && s.Text == "new"));
    }

    [Fact]
    public void A_final_newline_is_no_line_of_its_own() =>
        Assert.All(VersionDiff.OfText("same\n", "same"), l => Assert.Equal(DiffLineKind.Unchanged, l.Kind));

    [Fact]
    public void Identical_bodies_have_no_changed_line() =>
        Assert.All(VersionDiff.OfBodies("<p>same</p>", "<p>same</p>"), l => Assert.Equal(DiffLineKind.Unchanged, l.Kind));

    [Fact]
    public void Texts_over_the_line_bound_are_not_compared()
    {
        var older = string.Join("\n", Enumerable.Range(0, VersionDiff.MaxLines / 2 + 1).Select(i => "old " + i));
        var newer = string.Join("\n", Enumerable.Range(0, VersionDiff.MaxLines / 2 + 1).Select(i => "new " + i));
        var diff = VersionDiff.OfText(older, newer);
        Assert.True(diff.TooLarge);
        Assert.Empty(diff);
    }

    [Fact]
    public void Texts_over_the_word_bound_are_compared_by_whole_lines()
    {
        // Few lines, many words: the lines are compared, their words are not.
        var words = string.Join(" ", Enumerable.Range(0, VersionDiff.MaxWords / 2).Select(i => "w" + i));
        var diff = VersionDiff.OfText("same\n" + words, "same\n" + words + " more");
        Assert.False(diff.TooLarge);
        Assert.False(diff.WordsCompared);
        Assert.Equal([DiffLineKind.Unchanged, DiffLineKind.Deleted, DiffLineKind.Inserted], diff.Select(l => l.Kind).ToList());
        var inserted = Assert.Single(Assert.Single(diff, l => l.Kind == DiffLineKind.Inserted).Segments);
        Assert.True(inserted.Changed);
        Assert.Equal(words + " more", inserted.Text);
    }

    [Fact]
    public void A_changed_line_over_the_length_bound_is_marked_whole()
    {
        var line = string.Join(" ", Enumerable.Range(0, VersionDiff.MaxWordDiffLineLength / 4).Select(i => "w" + i));
        Assert.True(line.Length > VersionDiff.MaxWordDiffLineLength);
        var diff = VersionDiff.OfText("short one\n" + line, "short two\n" + line + " x");
        Assert.True(diff.WordsCompared);
        // The short line still has its changed word marked; the long one is one changed run.
        Assert.Equal("one", Assert.Single(diff[0].Segments, s => s.Changed).Text);
        var longInserted = Assert.Single(diff, l => l.Kind == DiffLineKind.Inserted && l.NewNumber == 2);
        Assert.Equal((line + " x", true), Assert.Single(longInserted.Segments) is var s ? (s.Text, s.Changed) : default);
    }

    [Fact]
    public void Texts_just_under_the_bounds_are_compared()
    {
        var older = string.Join("\n", Enumerable.Range(0, VersionDiff.MaxLines / 2).Select(i => "old " + i));
        var newer = string.Join("\n", Enumerable.Range(0, VersionDiff.MaxLines / 2).Select(i => "new " + i));
        var diff = VersionDiff.OfText(older, newer);
        Assert.False(diff.TooLarge);
        Assert.Equal(VersionDiff.MaxLines, diff.Count);
    }
}
