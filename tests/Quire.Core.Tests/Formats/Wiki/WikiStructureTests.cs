using static Quire.Core.Tests.Formats.Wiki.WikiAssert;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>Lists and tables.</summary>
public sealed class WikiStructureTests
{
    [Theory]
    [InlineData("* one\n* two", "<ul><li>one</li><li>two</li></ul>")]
    [InlineData("# one\n# two", "<ol><li>one</li><li>two</li></ol>")]
    [InlineData("- one\n- two", "<ul><li>one</li><li>two</li></ul>")]
    [InlineData("* a\n** b\n** c\n* d", "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>")]
    [InlineData("# a\n#* b\n# c", "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>")]
    [InlineData("* a\n# b", "<ul><li>a</li></ul><ol><li>b</li></ol>")]
    [InlineData("** deep", "<ul><li><ul><li>deep</li></ul></li></ul>")]
    [InlineData("* *bold* item\ntext after", "<ul><li><strong>bold</strong> item</li></ul><p>text after</p>")]
    [InlineData("intro\n* item", "<p>intro</p><ul><li>item</li></ul>")]
    public void Lists_nest_by_their_markers(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("*bold* start", "<p><strong>bold</strong> start</p>")]
    [InlineData("-- dash", "<p>\u2013 dash</p>")]
    public void A_mark_without_a_blank_after_it_is_no_list(string wiki, string expected) => Converts(wiki, expected);

    [Fact]
    public void Tables_have_heading_and_normal_cells_holding_markup() =>
        Converts("||Name||Link||\n|*Ann*|[site|http://a.example]|\n|Bob| |",
            "<table><tbody><tr><th>Name</th><th>Link</th></tr>"
            + "<tr><td><strong>Ann</strong></td><td><a href=\"http://a.example\">site</a></td></tr>"
            + "<tr><td>Bob</td><td></td></tr></tbody></table>");

    [Fact]
    public void A_pipe_inside_an_image_a_macro_tag_or_escaped_does_not_split_a_cell() =>
        Converts("|!a.png|width=20!|{status:colour=Green|title=OK}|a\\|b|",
            "<table><tbody><tr><td><ac:image ac:width=\"20\"><ri:attachment ri:filename=\"a.png\"/></ac:image></td>"
            + "<td><ac:structured-macro ac:name=\"status\"><ac:parameter ac:name=\"colour\">Green</ac:parameter>"
            + "<ac:parameter ac:name=\"title\">OK</ac:parameter></ac:structured-macro></td><td>a|b</td></tr></tbody></table>");

    [Fact]
    public void A_row_without_a_closing_pipe_and_a_header_column() =>
        Converts("||Key|Value\nafter", "<table><tbody><tr><th>Key</th><td>Value</td></tr></tbody></table><p>after</p>");

    [Fact]
    public void A_macro_closed_within_its_cell_stays_in_the_cell() =>
        Converts("|{info}*x*{info}|{code}a|b{code}|",
            "<table><tbody><tr><td><ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p><strong>x</strong></p></ac:rich-text-body></ac:structured-macro></td>"
            + "<td><ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[a|b]]></ac:plain-text-body></ac:structured-macro></td></tr></tbody></table>");
}
