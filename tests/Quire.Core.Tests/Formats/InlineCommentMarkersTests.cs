using Quire.Core.Errors;
using Quire.Core.Formats;

namespace Quire.Core.Tests.Formats;

/// <summary>Placing inline comments' markers in storage bodies, and reading them back.</summary>
public sealed class InlineCommentMarkersTests
{
    private static string Marker(string text, string reference = "r") =>
        $"<ac:inline-comment-marker ac:ref=\"{reference}\">{text}</ac:inline-comment-marker>";

    [Fact]
    public void The_asked_occurrence_is_wrapped_and_the_rest_of_the_body_kept()
    {
        var marked = InlineCommentMarkers.Mark("<p>a b a <em>c</em> a</p>", "a", 2, "r");

        Assert.Equal($"<p>a b a <em>c</em> {Marker("a")}</p>", marked);
        Assert.Equal(["r"], InlineCommentMarkers.Refs(marked));
    }

    [Fact]
    public void Task_metadata_is_not_text_a_reader_sees_so_the_visible_occurrence_is_marked()
    {
        const string task = "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>" +
                            "<ac:task-body>the complete report</ac:task-body></ac:task></ac:task-list>";
        var marked = InlineCommentMarkers.Mark(task, "complete", 0, "r");

        Assert.Contains("<ac:task-status>incomplete</ac:task-status>", marked);
        Assert.Contains($"<ac:task-body>the {Marker("complete")} report</ac:task-body>", marked);
        Assert.Contains("<ac:task-id>1</ac:task-id>", InlineCommentMarkers.Mark("<p>1</p>" + task, "1", 0, "r"));
        Assert.Throws<BadRequestException>(() => InlineCommentMarkers.Mark(task, "1", 0, "r"));
    }

    [Fact]
    public void A_selection_across_formatting_gets_a_marker_per_text_node_with_one_ref()
    {
        var marked = InlineCommentMarkers.Mark("<p>x <strong>bold</strong> y</p>", "x bold y", 0, "r");

        Assert.Equal($"<p>{Marker("x ")}<strong>{Marker("bold")}</strong>{Marker(" y")}</p>", marked);
    }

    [Fact]
    public void Entities_are_text_and_markup_parameters_and_code_are_not()
    {
        const string body =
            "<p>A &amp; B&nbsp;C</p><ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"title\">target</ac:parameter>" +
            "<ac:plain-text-body><![CDATA[target]]></ac:plain-text-body></ac:structured-macro><p>target</p>";

        Assert.Contains(Marker("A &amp; B\u00a0C"), InlineCommentMarkers.Mark(body, "A & B\u00a0C", 0, "r"));
        var marked = InlineCommentMarkers.Mark(body, "target", 0, "r");
        Assert.EndsWith($"<p>{Marker("target")}</p>", marked);
        Assert.Contains("<ac:parameter ac:name=\"title\">target</ac:parameter>", marked);
        Assert.Throws<BadRequestException>(() => InlineCommentMarkers.Mark(body, "target", 1, "r"));
    }

    [Theory]
    [InlineData("<p>ab</p><p>cd</p>", "bc", 0)] // one occurrence never spans two blocks
    [InlineData("<p>abc</p>", "abd", 0)]
    [InlineData("<p>aaaa</p>", "aa", 2)] // occurrences do not overlap: two, not three
    [InlineData("<p>abc</p>", "<p>", 0)] // tags are not text
    public void Text_that_is_not_there_is_refused(string body, string selection, int index) =>
        Assert.Throws<BadRequestException>(() => InlineCommentMarkers.Mark(body, selection, index, "r"));

    [Fact]
    public void A_long_repetitive_body_and_selection_are_searched_in_one_pass()
    {
        // The worst case of a naive search: almost-matches everywhere. KMP reads each character a bounded number of times.
        var text = new string('a', 200_000);
        var selection = new string('a', 5_000) + "b";

        Assert.Throws<BadRequestException>(() => InlineCommentMarkers.Mark($"<p>{text}</p>", selection, 0, "r"));
        Assert.Contains(Marker(selection), InlineCommentMarkers.Mark($"<p>{text}{selection}</p>", selection, 0, "r"));
    }

    [Fact]
    public void Refs_reads_every_marker_and_nothing_from_an_unreadable_body()
    {
        Assert.Equal(["x", "y"], InlineCommentMarkers.Refs($"<p>{Marker("1", "x")} {Marker("2", "y")}<b>{Marker("3", "x")}</b></p>").Order());
        Assert.Empty(InlineCommentMarkers.Refs("<p>unclosed"));
        Assert.Empty(InlineCommentMarkers.Refs(null));
    }
}
