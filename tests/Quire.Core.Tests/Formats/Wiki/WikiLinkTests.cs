using static Quire.Core.Tests.Formats.Wiki.WikiAssert;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>Links, mentions, anchors and images.</summary>
public sealed class WikiLinkTests
{
    [Theory]
    [InlineData("[http://example.com]", "<p><a href=\"http://example.com\">http://example.com</a></p>")]
    [InlineData("[Example|https://example.com/a?b=1&c=2]", "<p><a href=\"https://example.com/a?b=1&amp;c=2\">Example</a></p>")]
    [InlineData("[*Bold* site|http://x.example]", "<p><a href=\"http://x.example\"><strong>Bold</strong> site</a></p>")]
    [InlineData("[mailto:ann@example.com]", "<p><a href=\"mailto:ann@example.com\">ann@example.com</a></p>")]
    [InlineData("see https://example.com/x_y_z.", "<p>see <a href=\"https://example.com/x_y_z\">https://example.com/x_y_z</a>.</p>")]
    public void External_links_become_anchors(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("[Page Title]", "<p><ac:link><ri:page ri:content-title=\"Page Title\"/></ac:link></p>")]
    [InlineData("[DOC:Page Title]", "<p><ac:link><ri:page ri:space-key=\"DOC\" ri:content-title=\"Page Title\"/></ac:link></p>")]
    [InlineData("[the page|Page Title]",
        "<p><ac:link><ri:page ri:content-title=\"Page Title\"/><ac:plain-text-link-body><![CDATA[the page]]></ac:plain-text-link-body></ac:link></p>")]
    [InlineData("[Page#Section]", "<p><ac:link ac:anchor=\"Section\"><ri:page ri:content-title=\"Page\"/></ac:link></p>")]
    [InlineData("[javascript:alert(1)]", "<p><ac:link><ri:page ri:space-key=\"javascript\" ri:content-title=\"alert(1)\"/></ac:link></p>")]
    public void Page_links_become_ac_link_to_ri_page(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("[^file.pdf]", "<p><ac:link><ri:attachment ri:filename=\"file.pdf\"/></ac:link></p>")]
    [InlineData("[Spec|Page^file.pdf]",
        "<p><ac:link><ri:attachment ri:filename=\"file.pdf\"><ri:page ri:content-title=\"Page\"/></ri:attachment>"
        + "<ac:plain-text-link-body><![CDATA[Spec]]></ac:plain-text-link-body></ac:link></p>")]
    public void Attachment_links_become_ac_link_to_ri_attachment(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("hi [~jsmith]", "<p>hi <ac:link><ri:user ri:username=\"jsmith\"/></ac:link></p>")]
    [InlineData("hi [~accountid:557058:f1e2]", "<p>hi <ac:link><ri:user ri:account-id=\"557058:f1e2\"/></ac:link></p>")]
    public void User_mentions_become_ac_link_to_ri_user(string wiki, string expected) => Converts(wiki, expected);

    [Fact]
    public void Anchors_and_links_to_them() =>
        Converts("{anchor:top}\n[#top] and [Back|#top]",
            "<p><ac:structured-macro ac:name=\"anchor\"><ac:parameter ac:name=\"\">top</ac:parameter></ac:structured-macro><br/>"
            + "<ac:link ac:anchor=\"top\"></ac:link> and <ac:link ac:anchor=\"top\"><ac:plain-text-link-body><![CDATA[Back]]></ac:plain-text-link-body></ac:link></p>");

    [Theory]
    [InlineData("!file.png!", "<p><ac:image><ri:attachment ri:filename=\"file.png\"/></ac:image></p>")]
    [InlineData("!http://example.com/img.png!", "<p><ac:image><ri:url ri:value=\"http://example.com/img.png\"/></ac:image></p>")]
    [InlineData("!file.png|width=300, align=center, onload=x!",
        "<p><ac:image ac:width=\"300\" ac:align=\"center\"><ri:attachment ri:filename=\"file.png\"/></ac:image></p>")]
    [InlineData("!file.png|thumbnail!", "<p><ac:image ac:thumbnail=\"true\"><ri:attachment ri:filename=\"file.png\"/></ac:image></p>")]
    [InlineData("!DOC:Page^pic.jpg!",
        "<p><ac:image><ri:attachment ri:filename=\"pic.jpg\"><ri:page ri:space-key=\"DOC\" ri:content-title=\"Page\"/></ri:attachment></ac:image></p>")]
    public void Images_become_ac_image(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("Wow! Great!", "<p>Wow! Great!</p>")]
    [InlineData("[ ] and [unclosed", "<p>[ ] and [unclosed</p>")]
    [InlineData("! x!", "<p>! x!</p>")]
    public void Brackets_and_bangs_that_are_no_link_or_image_stay_text(string wiki, string expected) => Converts(wiki, expected);
}
