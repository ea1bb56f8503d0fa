using Quire.Core.ContentBody;
using Quire.Core.Formats.View;
using static Quire.Core.Tests.Formats.View.ViewTestSupport;

namespace Quire.Core.Tests.Formats.View;

public class LinkViewTests
{
    private static ViewResolutions Known()
    {
        var known = new ViewResolutions();
        known.AddPage(new ResolvedPage(7, "page", "KEY", "Target page", 3, null));
        known.AddPage(new ResolvedPage(9, "blogpost", "NEWS", "Launch", 1, "2024-01-15"));
        known.Attachments[(42, "diagram.png")] = new ResolvedAttachment(100, 42, "diagram.png", 2, 1700000000000, "image/png");
        known.Users["acc-1"] = new ResolvedUser("acc-1", "Ada Lovelace");
        known.SpacesByKeyLower["docs"] = new ResolvedSpace("DOCS", "Documentation");
        known.Children[42] = [new ResolvedPage(11, "page", "KEY", "Child B", 1, null), new ResolvedPage(10, "page", "KEY", "Child A", 1, null)];
        return known;
    }

    [Fact]
    public void A_page_link_points_at_the_pages_webui_with_confluences_data_attributes()
    {
        var view = ViewOf("<p><ac:link><ri:page ri:content-title=\"Target page\" /><ac:plain-text-link-body><![CDATA[the target]]></ac:plain-text-link-body></ac:link></p>", Known());
        Assert.Equal("<p><a href=\"/wiki/spaces/KEY/pages/7/Target+page\" data-linked-resource-id=\"7\" data-linked-resource-version=\"3\" " +
                     "data-linked-resource-type=\"page\" data-linked-resource-default-alias=\"Target page\">the target</a></p>", view);
    }

    [Fact]
    public void Export_links_are_absolute_and_a_blog_post_link_carries_its_day()
    {
        var view = ViewOf("<ac:link><ri:blog-post ri:space-key=\"NEWS\" ri:content-title=\"Launch\" ri:posting-day=\"2024/01/15\" /></ac:link>", Known(),
            linkBase: "https://wiki.example.com/wiki");
        Assert.Contains("href=\"https://wiki.example.com/wiki/spaces/NEWS/blog/2024/01/15/9/Launch\"", view);
        Assert.Contains(">Launch</a>", view);
    }

    [Fact]
    public void A_link_to_a_page_not_resolved_is_the_storages_own_text_without_id_or_url()
    {
        var view = ViewOf("<p><ac:link><ri:page ri:content-title=\"Secret plans\" /></ac:link> and <ac:link><ri:page ri:content-title=\"Other\" />" +
                          "<ac:link-body><em>styled</em></ac:link-body></ac:link></p>", Known());
        Assert.Equal("<p>Secret plans and <em>styled</em></p>", view);
    }

    [Fact]
    public void An_attachment_image_uses_the_download_url_and_is_embedded()
    {
        var rendered = Render("<ac:image ac:width=\"300\" ac:alt=\"flow\"><ri:attachment ri:filename=\"Diagram.png\" /></ac:image>", Known(), contentId: 42);
        var src = "/wiki/download/attachments/42/diagram.png?version=2&amp;modificationDate=1700000000000&amp;api=v2";
        Assert.Contains("<span class=\"confluence-embedded-file-wrapper confluence-embedded-manual-size\"><img class=\"confluence-embedded-image\" alt=\"flow\" width=\"300\" " +
                        $"src=\"{src}\" data-image-src=\"{src}\" data-linked-resource-id=\"100\"", rendered.Html);
        Assert.Equal([new EmbeddedItem(100, "attachment")], rendered.Embedded);
    }

    [Fact]
    public void An_attachment_of_a_body_not_saved_or_not_found_shows_nothing()
    {
        var rendered = Render("<ac:image><ri:attachment ri:filename=\"diagram.png\" /></ac:image>", Known(), contentId: 0);
        Assert.Equal("", rendered.Html);
        Assert.Empty(rendered.Embedded);
    }

    [Fact]
    public void An_attachment_link_downloads_the_file()
    {
        var view = ViewOf("<ac:link><ri:attachment ri:filename=\"diagram.png\" /></ac:link>", Known(), contentId: 42);
        Assert.StartsWith("<a href=\"/wiki/download/attachments/42/diagram.png?version=2&amp;modificationDate=1700000000000&amp;api=v2\" data-linked-resource-id=\"100\"", view);
        Assert.EndsWith(">diagram.png</a>", view);
    }

    [Fact]
    public void An_external_image_keeps_a_safe_url_and_drops_a_script_one()
    {
        Assert.Contains("<img class=\"confluence-embedded-image confluence-external-resource\" alt=\"\" src=\"https://example.com/a.png\" data-image-src=\"https://example.com/a.png\">",
            ViewOf("<ac:image><ri:url ri:value=\"https://example.com/a.png\" /></ac:image>"));
        Assert.Equal("", ViewOf("<ac:image><ri:url ri:value=\"javascript:alert(1)\" /></ac:image>"));
    }

    [Fact]
    public void A_mention_shows_the_display_name_linking_to_the_profile_or_unknown_user()
    {
        var view = ViewOf("<p><ac:link><ri:user ri:account-id=\"acc-1\" /></ac:link> <ac:link><ri:user ri:account-id=\"acc-2\" /></ac:link></p>", Known());
        Assert.Contains("<a href=\"/wiki/people/acc-1\" class=\"confluence-userlink user-mention\" data-account-id=\"acc-1\" data-linked-resource-type=\"userinfo\" " +
                        "data-base-url=\"/wiki\">Ada Lovelace</a>", view);
        Assert.Contains("<span class=\"unknown-user\" data-account-id=\"acc-2\">Unknown User (acc-2)</span>", view);
    }

    [Fact]
    public void A_space_link_resolves_to_the_space()
    {
        Assert.Equal("<a href=\"/wiki/spaces/DOCS\" data-linked-resource-type=\"space\" data-linked-resource-default-alias=\"Documentation\">Documentation</a>",
            ViewOf("<ac:link><ri:space ri:space-key=\"docs\" /></ac:link>", Known()));
        Assert.Equal("HIDDEN", ViewOf("<ac:link><ri:space ri:space-key=\"HIDDEN\" /></ac:link>", Known()));
    }

    [Fact]
    public void A_children_macro_lists_the_resolved_children_sorted_as_asked()
    {
        var view = ViewOf(Macro("children", Parameter("sort", "title")), Known(), contentId: 42);
        Assert.StartsWith("<ul class=\"childpages-macro conf-macro output-block\" data-hasbody=\"false\" data-macro-name=\"children\"><li><a href=\"/wiki/spaces/KEY/pages/10/Child+A\"", view);
        Assert.Contains(">Child B</a></li></ul>", view);
    }

    [Fact]
    public void Emoticons_are_images_and_emoji_their_fallback_character()
    {
        Assert.Equal("<img class=\"emoticon emoticon-smile\" data-emoticon-name=\"smile\" src=\"/wiki/images/icons/emoticons/smile.svg\" alt=\"(smile)\">",
            ViewOf("<ac:emoticon ac:name=\"smile\" />"));
        Assert.Equal("<span class=\"emoji\" data-emoji-shortname=\":rocket:\" data-emoji-id=\"1f680\">🚀</span>",
            ViewOf("<ac:emoticon ac:name=\"blue-rocket\" ac:emoji-shortname=\":rocket:\" ac:emoji-id=\"1f680\" ac:emoji-fallback=\"🚀\" />"));
    }
}
