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
}
