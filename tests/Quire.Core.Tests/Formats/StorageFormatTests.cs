using Quire.Core.Formats;

namespace Quire.Core.Tests.Formats;

public sealed class StorageFormatTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("<p>one</p><p>two</p>")]
    [InlineData("<p>a&nbsp;b &amp; c &mdash; &eacute; &#160; &#x41;</p>")]
    [InlineData("<ac:link><ri:page ri:content-title=\"Home\" /></ac:link>")]
    [InlineData("<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x < y]]></ac:plain-text-body></ac:structured-macro>")]
    [InlineData("<at:var at:name=\"x\" /><br/>")]
    public void Well_formed_fragments_pass(string body) => Assert.Null(StorageFormat.Validate(body));

    [Fact]
    public void A_mismatched_close_tag_says_which_and_where()
    {
        var error = StorageFormat.Validate("<p><b>bold</p>");
        Assert.NotNull(error);
        Assert.Equal("Unexpected close tag </p>; expected </b>", error.Problem);
        Assert.Equal(1, error.Line);
        Assert.Equal(13, error.Column);
        Assert.StartsWith("Error parsing xhtml: Unexpected close tag </p>; expected </b> at line 1, column 13", error.Message);
    }

    [Fact]
    public void Positions_are_those_of_the_body_as_sent_despite_entities()
    {
        // &hellip; becomes a character reference of another length; columns still count the original text.
        var error = StorageFormat.Validate("<p>&hellip;&hellip;<b>x</p>");
        Assert.NotNull(error);
        Assert.Equal(26, error.Column);
        var second = StorageFormat.Validate("<p>ok</p>\n<p>&eacute;<i>x</p>");
        Assert.Equal(2, second!.Line);
        Assert.Equal(18, second.Column);
    }

    [Theory]
    [InlineData("<p>unclosed", "expected </p>")]
    [InlineData("<p>&bogus;</p>", "Unknown entity &bogus;")]
    [InlineData("<foo:bar>x</foo:bar>", "foo")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><p>&e;</p>", "")]
    [InlineData("a & b", "")]
    [InlineData("<p a=1>x</p>", "")]
    public void Malformed_bodies_fail(string body, string mention)
    {
        var error = StorageFormat.Validate(body);
        Assert.NotNull(error);
        Assert.Contains(mention, error.Message);
        Assert.StartsWith("Error parsing xhtml: ", error.Message);
    }

    [Fact]
    public void Unknown_entity_is_located()
    {
        var error = StorageFormat.Validate("<p>x &nope;</p>");
        Assert.Equal((1, 6), (error!.Line, error.Column));
    }

    [Theory]
    [InlineData("<p>hi<script>alert(1)</script></p>")]
    [InlineData("<p onclick=\"alert(1)\">hi</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">hi</a>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\" />")]
    public void View_is_safe(string storage)
    {
        var view = StorageView.Render(storage, "KEY");
        Assert.DoesNotContain("script", view, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", view.Replace("hi", ""), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", view, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void View_turns_confluence_elements_into_html()
    {
        var view = StorageView.Render(
            "<p>See <ac:link><ri:page ri:content-title=\"Other page\" /></ac:link>&nbsp;now</p>" +
            "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"lang\">js</ac:parameter><ac:plain-text-body><![CDATA[a < b]]></ac:plain-text-body></ac:structured-macro>",
            "DOC");
        // Nothing resolved without a viewer: the link shows the storage's title, no URL (BodyRenderer resolves links).
        Assert.Contains("See Other page", view);
        Assert.Contains(">a &lt; b</pre>", view);
        Assert.DoesNotContain("ac:", view);
        Assert.DoesNotContain(">js<", view);
    }
}
