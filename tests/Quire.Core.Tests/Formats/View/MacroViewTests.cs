using static Quire.Core.Tests.Formats.View.ViewTestSupport;

namespace Quire.Core.Tests.Formats.View;

public class MacroViewTests
{
    [Fact]
    public void A_task_list_becomes_an_inline_task_list_with_checked_items_and_no_status_words()
    {
        var view = ViewOf(
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done <strong>it</strong></ac:task-body></ac:task>" +
            "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>do it</ac:task-body></ac:task></ac:task-list>",
            contentId: 42);
        Assert.Equal(
            "<ul class=\"inline-task-list\" data-inline-tasks-content-id=\"42\"><li class=\"checked\" data-inline-task-id=\"1\">done <strong>it</strong></li>" +
            "<li data-inline-task-id=\"2\">do it</li></ul>", view);
    }

    [Fact]
    public void A_code_macro_becomes_a_code_panel_with_its_language_and_escaped_text()
    {
        var view = ViewOf(Macro("code", Parameter("language", "csharp") + Parameter("title", "Example") + Parameter("linenumbers", "true"), plain: "if (a < b && c) { }"));
        Assert.Contains("<div class=\"code panel pdl conf-macro output-block\" style=\"border-width: 1px\" data-hasbody=\"true\" data-macro-name=\"code\">", view);
        Assert.Contains("<div class=\"codeHeader panelHeader pdl\" style=\"border-bottom-width: 1px\"><b>Example</b></div>", view);
        Assert.Contains("<div class=\"codeContent panelContent pdl\"><pre class=\"syntaxhighlighter-pre\" " +
                        "data-syntaxhighlighter-params=\"brush: csharp; gutter: true; theme: Confluence\" data-theme=\"Confluence\">if (a &lt; b &amp;&amp; c) { }</pre></div>", view);
    }

    [Fact]
    public void A_language_that_is_not_a_word_falls_back_to_the_default_brush()
    {
        var view = ViewOf(Macro("code", Parameter("language", "x\" onmouseover=\"alert(1)"), plain: "x"));
        Assert.Contains("brush: java;", view);
        Assert.DoesNotContain("onmouseover", view);
    }

    [Fact]
    public void Noformat_keeps_its_text_preformatted()
    {
        var view = ViewOf(Macro("noformat", plain: "<b>not bold</b>"));
        Assert.Contains("<div class=\"preformattedContent panelContent\"><pre>&lt;b&gt;not bold&lt;/b&gt;</pre></div>", view);
    }

    [Theory]
    [InlineData("info", "information", "aui-iconfont-info")]
    [InlineData("note", "note", "aui-iconfont-warning")]
    [InlineData("warning", "warning", "aui-iconfont-error")]
    [InlineData("tip", "tip", "aui-iconfont-approve")]
    public void Information_macros_have_their_class_icon_title_and_body(string name, string kind, string icon)
    {
        var view = ViewOf(Macro(name, Parameter("title", "Heads up"), rich: "<p>Careful <strong>now</strong></p>"));
        Assert.StartsWith($"<div class=\"confluence-information-macro confluence-information-macro-{kind} conf-macro output-block\"", view);
        Assert.Contains("<p class=\"title\">Heads up</p>", view);
        Assert.Contains($"<span class=\"aui-icon aui-icon-small {icon} confluence-information-macro-icon\"></span>", view);
        Assert.Contains("<div class=\"confluence-information-macro-body\"><p>Careful <strong>now</strong></p></div>", view);
    }

    [Fact]
    public void An_information_macro_without_icon_has_none()
    {
        Assert.DoesNotContain("aui-icon", ViewOf(Macro("info", Parameter("icon", "false"), rich: "<p>x</p>")));
    }

    [Fact]
    public void A_panel_has_header_and_content_with_only_colour_like_styles()
    {
        var view = ViewOf(Macro("panel", Parameter("title", "T") + Parameter("bgColor", "#FFF0B3") + Parameter("borderColor", "red;background:url(javascript:x)"),
            rich: "<p>inside</p>"));
        Assert.Contains("<div class=\"panelHeader\" style=\"border-bottom-width: 1px\"><b>T</b></div>", view);
        Assert.Contains("<div class=\"panelContent\" style=\"background-color: rgba(255, 240, 179, 1)\"><p>inside</p></div>", view);
        Assert.DoesNotContain("javascript", view);
        Assert.DoesNotContain("border-color", view);
    }

    [Fact]
    public void An_expand_has_a_control_with_its_title_and_hidden_content()
    {
        var view = ViewOf(Macro("expand", Parameter("title", "More"), rich: "<p>hidden text</p>"));
        Assert.Contains("<div id=\"expander-1\" class=\"expand-container conf-macro output-block\"", view);
        Assert.Contains("<span class=\"expand-control-text\">More</span>", view);
        Assert.Contains("<div id=\"expander-content-1\" class=\"expand-content expand-hidden\"><p>hidden text</p></div>", view);
        Assert.Contains("Click here to expand...", ViewOf(Macro("expand", rich: "<p>x</p>")));
    }

    [Theory]
    [InlineData("Green", "status-macro aui-lozenge aui-lozenge-success conf-macro output-inline")]
    [InlineData("Red", "status-macro aui-lozenge aui-lozenge-error conf-macro output-inline")]
    [InlineData("Yellow", "status-macro aui-lozenge aui-lozenge-current conf-macro output-inline")]
    [InlineData("Blue", "status-macro aui-lozenge aui-lozenge-complete conf-macro output-inline")]
    [InlineData("Purple", "status-macro aui-lozenge aui-lozenge-progress conf-macro output-inline")]
    [InlineData("Grey", "status-macro aui-lozenge conf-macro output-inline")]
    public void A_status_is_a_lozenge_coloured_by_class(string colour, string classes)
    {
        var view = ViewOf(Macro("status", Parameter("colour", colour) + Parameter("title", "In review")));
        Assert.Equal($"<span class=\"{classes}\" data-hasbody=\"false\" data-macro-name=\"status\">In review</span>", view);
    }

    [Fact]
    public void Headings_get_confluence_ids_and_a_toc_links_to_them_nested_by_level()
    {
        var view = ViewOf(Macro("toc") + "<h1>Getting started</h1><h2>Install it</h2><h2>Install it</h2><h1>Use</h1>", title: "My Page");
        Assert.Contains("<h1 id=\"MyPage-Gettingstarted\">Getting started</h1>", view);
        Assert.Contains("<h2 id=\"MyPage-Installit\">Install it</h2><h2 id=\"MyPage-Installit.1\">Install it</h2>", view);
        Assert.Contains(
            "<ul class=\"toc-indentation\"><li><a href=\"#MyPage-Gettingstarted\">Getting started</a>" +
            "<ul class=\"toc-indentation\"><li><a href=\"#MyPage-Installit\">Install it</a></li><li><a href=\"#MyPage-Installit.1\">Install it</a></li></ul></li>" +
            "<li><a href=\"#MyPage-Use\">Use</a></li></ul>", view);
    }

    [Fact]
    public void A_flat_toc_within_levels_is_one_line()
    {
        var view = ViewOf(Macro("toc", Parameter("type", "flat") + Parameter("maxLevel", "1")) + "<h1>A</h1><h2>skip</h2><h1>B</h1>", title: "P");
        Assert.Contains("<span class=\"toc-item-body\"><a href=\"#P-A\">A</a></span> | <span class=\"toc-item-body\"><a href=\"#P-B\">B</a></span>", view);
        Assert.DoesNotContain("#P-skip", view);
    }

    [Fact]
    public void An_anchor_is_a_span_with_the_page_scoped_id_and_an_anchor_link_points_at_it()
    {
        var view = ViewOf(Macro("anchor", Parameter("", "top part")) + "<p><ac:link ac:anchor=\"top part\"><ac:plain-text-link-body><![CDATA[up]]></ac:plain-text-link-body></ac:link></p>", title: "Guide");
        Assert.Contains("<span class=\"confluence-anchor-link conf-macro output-inline\" id=\"Guide-toppart\"", view);
        Assert.Contains("<a href=\"#Guide-toppart\">up</a>", view);
    }

    [Fact]
    public void An_unknown_macro_shows_its_rich_body_and_never_its_parameters_or_plain_body()
    {
        var view = ViewOf(Macro("jira", Parameter("key", "SECRET-1")) + Macro("details", Parameter("label", "x<b>y</b>"), rich: "<p>kept</p>") +
                        Macro("html", plain: "<script>alert(1)</script>"));
        Assert.Equal("<p>kept</p>", view);
    }

    [Fact]
    public void A_hidden_excerpt_shows_nothing_and_a_visible_one_its_body()
    {
        Assert.Equal("", ViewOf(Macro("excerpt", Parameter("hidden", "true"), rich: "<p>x</p>")));
        Assert.Equal("<p>x</p>", ViewOf(Macro("excerpt", rich: "<p>x</p>")));
    }
}
