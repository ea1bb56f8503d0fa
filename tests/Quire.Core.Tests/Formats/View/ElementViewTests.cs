using static Quire.Core.Tests.Formats.View.ViewTestSupport;

namespace Quire.Core.Tests.Formats.View;

public class ElementViewTests
{
    [Fact]
    public void Tables_are_wrapped_and_classed_as_confluence_does()
    {
        Assert.Equal("<div class=\"table-wrap\"><table class=\"wide confluenceTable\"><tbody><tr><th class=\"confluenceTh\">H</th><td class=\"confluenceTd\">D</td></tr></tbody></table></div>",
            ViewOf("<table class=\"wide\"><tbody><tr><th>H</th><td>D</td></tr></tbody></table>"));
    }

    [Fact]
    public void Layouts_become_column_layouts_with_cells()
    {
        var view = ViewOf("<ac:layout><ac:layout-section ac:type=\"two_left_sidebar\"><ac:layout-cell><p>side</p></ac:layout-cell><ac:layout-cell><p>main</p></ac:layout-cell></ac:layout-section></ac:layout>");
        Assert.Equal("<div class=\"contentLayout2\"><div class=\"columnLayout two-left-sidebar\" data-layout=\"two-left-sidebar\">" +
                     "<div class=\"cell aside\" data-type=\"aside\"><div class=\"innerCell\"><p>side</p></div></div>" +
                     "<div class=\"cell normal\" data-type=\"normal\"><div class=\"innerCell\"><p>main</p></div></div></div></div>", view);
    }

    [Fact]
    public void A_time_shows_its_formatted_date()
    {
        Assert.Equal("<p>Due <time datetime=\"2024-01-15\">15 Jan 2024</time></p>", ViewOf("<p>Due <time datetime=\"2024-01-15\" /></p>"));
    }

    [Fact]
    public void An_adf_extension_shows_its_fallback_only()
    {
        Assert.Equal("<p>fallback text</p>", ViewOf(
            "<ac:adf-extension><ac:adf-node type=\"decision-list\"><ac:adf-attribute key=\"local-id\">x</ac:adf-attribute><ac:adf-content>node text</ac:adf-content></ac:adf-node>" +
            "<ac:adf-fallback><p>fallback text</p></ac:adf-fallback></ac:adf-extension>"));
    }

    [Fact]
    public void Empty_elements_stay_empty_in_html_instead_of_swallowing_what_follows()
    {
        Assert.Equal("<p></p><div></div><p>after</p><br>", ViewOf("<p /><div /><p>after</p><br />"));
    }

    [Fact]
    public void Placeholders_and_inline_comment_markers_show_as_confluence_does()
    {
        Assert.Equal("<p><span class=\"inline-comment-marker\" data-ref=\"abc\">marked</span></p>",
            ViewOf("<p><ac:placeholder>Type here</ac:placeholder><ac:inline-comment-marker ac:ref=\"abc\">marked</ac:inline-comment-marker></p>"));
    }
}
