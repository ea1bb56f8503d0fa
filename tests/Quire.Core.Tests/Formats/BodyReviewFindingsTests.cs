using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.Adf;
using Quire.Core.Tests.Formats.Adf;

namespace Quire.Core.Tests.Formats;

/// <summary>
/// Bodies a writer could store to break every later read of a page, found by reading the
/// converters (issue 13's review): each must convert or be refused with a 400, never throw
/// anything else, and stay linear.
/// </summary>
public sealed class BodyReviewFindingsTests
{
    [Fact]
    public void A_status_whose_colour_is_blank_renders_a_grey_lozenge()
    {
        var view = StorageView.Render("""<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="colour"> </ac:parameter></ac:structured-macro></p>""", "KEY");
        Assert.Contains(">Grey</span>", view);
    }

    [Fact]
    public void Headings_nested_to_the_limit_around_much_text_render_in_proportion_to_the_body()
    {
        var text = new string('x', 200_000);
        var storage = string.Concat(Enumerable.Repeat("<h1>", 399)) + text + string.Concat(Enumerable.Repeat("</h1>", 399));
        var view = StorageView.Render(storage, "KEY");
        // Each heading's id is read from at most 200 characters of its text, not its whole subtree (399 x 200 KB).
        Assert.True(view.Length < 2 * storage.Length, $"{view.Length:N0} characters of view for {storage.Length:N0} of storage");
    }

    [Fact]
    public void A_cell_spanning_int_max_columns_reads_as_adf()
    {
        var adf = StorageToAdf.Convert(
            """<table><colgroup><col style="width: 10px;" /></colgroup><tbody><tr><td colspan="2147483647"><p>a</p></td><td><p>b</p></td></tr></tbody></table>""",
            TestMediaFiles.Instance);
        Assert.Contains("\"colspan\":1000", adf);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1e12)]
    [InlineData(2.5)]
    public void A_cell_span_out_of_range_in_adf_converts_or_is_refused(double span)
    {
        var cell = $$"""{"type":"tableCell","attrs":{"colspan":{{span.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"content":[{"type":"paragraph"}]}""";
        var width = """{"type":"tableCell","attrs":{"colwidth":[100]},"content":[{"type":"paragraph"}]}""";
        var header = """{"type":"tableHeader","attrs":{"colwidth":[100]},"content":[{"type":"paragraph"}]}""";
        var doc = $$"""{"type":"doc","version":1,"content":[{"type":"table","content":[{"type":"tableRow","content":[{{header}}]},{"type":"tableRow","content":[{{cell}},{{width}}]}]}]}""";
        var thrown = Record.Exception(() => AdfToStorage.Convert(doc, TestMediaFiles.Instance));
        Assert.True(thrown is null or BadRequestException, thrown?.ToString());
    }

    [Fact]
    public void An_attachment_of_another_page_is_not_read_as_this_page_file_of_the_same_name()
    {
        var adf = StorageToAdf.Convert(
            """<p><ac:image><ri:attachment ri:filename="diagram.png"><ri:page ri:content-title="Other" /></ri:attachment></ac:image></p>""",
            TestMediaFiles.Instance);
        Assert.DoesNotContain("\"f-1\"", adf); // f-1 is this page's diagram.png
        // And it comes back still naming the other page's file.
        Assert.Contains("""<ri:attachment ri:filename="diagram.png"><ri:page ri:content-title="Other" /></ri:attachment>""",
            AdfToStorage.Convert(adf, TestMediaFiles.Instance));
    }

    [Fact]
    public void Ids_a_body_sets_are_not_carried_into_the_view()
    {
        var view = StorageView.Render("""<p id="location">x</p><h2 id="cookie">Intro</h2><a id="defaultView" href="https://example.com">y</a>""", "KEY");
        Assert.DoesNotContain("location", view);
        Assert.DoesNotContain("cookie", view);
        Assert.DoesNotContain("defaultView", view);
        Assert.Contains("id=\"Intro\"", view); // the heading keeps the id Quire gives it
    }

    [Fact]
    public void A_key_given_twice_in_an_adf_object_is_a_bad_request()
    {
        var refusal = Assert.Throws<BadRequestException>(() => AdfToStorage.Convert(
            """{"type":"doc","version":1,"content":[{"type":"paragraph","type":"paragraph","content":[]}]}""", TestMediaFiles.Instance));
        Assert.Contains("twice", refusal.Message);
    }
}
