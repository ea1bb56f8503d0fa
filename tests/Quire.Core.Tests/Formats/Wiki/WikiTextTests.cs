using static Quire.Core.Tests.Formats.Wiki.WikiAssert;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>Paragraphs, headings, text effects, breaks, dashes, escapes and emoticons.</summary>
public sealed class WikiTextTests
{
    [Theory]
    [InlineData("h1. Title", "<h1>Title</h1>")]
    [InlineData("h3.   Spaced *out*", "<h3>Spaced <strong>out</strong></h3>")]
    [InlineData("h6. Six", "<h6>Six</h6>")]
    [InlineData("h7. Seven", "<p>h7. Seven</p>")]
    [InlineData("h2.NoSpace", "<p>h2.NoSpace</p>")]
    public void Headings_h1_to_h6_become_heading_elements(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("*strong*", "<p><strong>strong</strong></p>")]
    [InlineData("_emphasis_", "<p><em>emphasis</em></p>")]
    [InlineData("-deleted-", "<p><del>deleted</del></p>")]
    [InlineData("+inserted+", "<p><u>inserted</u></p>")]
    [InlineData("x^sup^", "<p>x^sup^</p>")]
    [InlineData("E = mc ^2^", "<p>E = mc <sup>2</sup></p>")]
    [InlineData("H ~2~ O", "<p>H <sub>2</sub> O</p>")]
    [InlineData("??citation??", "<p><cite>citation</cite></p>")]
    [InlineData("{{monospace}}", "<p><code>monospace</code></p>")]
    [InlineData("*bold _and italic_*", "<p><strong>bold <em>and italic</em></strong></p>")]
    [InlineData("{{*x* < y}}", "<p><code><strong>x</strong> &lt; y</code></p>")]
    public void Text_effects_become_their_elements(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("snake_case_name", "<p>snake_case_name</p>")]
    [InlineData("a * b * c", "<p>a * b * c</p>")]
    [InlineData("well-known-fact", "<p>well-known-fact</p>")]
    [InlineData("*not\nclosed*", "<p>*not<br/>closed*</p>")]
    [InlineData("**", "<p>**</p>")]
    public void Marks_that_open_or_close_nothing_stay_text(string wiki, string expected) => Converts(wiki, expected);

    [Fact]
    public void Blank_lines_separate_paragraphs_and_single_newlines_break_lines() =>
        Converts("one\ntwo\n\n\nthree\r\nfour", "<p>one<br/>two</p><p>three<br/>four</p>");

    [Fact]
    public void Double_backslash_breaks_a_line() => Converts("Line 1\\\\Line 2", "<p>Line 1<br/>Line 2</p>");

    [Theory]
    [InlineData("a -- b", "<p>a \u2013 b</p>")]
    [InlineData("a --- b", "<p>a \u2014 b</p>")]
    [InlineData("--option", "<p>--option</p>")]
    [InlineData("----", "<hr/>")]
    [InlineData("para\n----\nnext", "<p>para</p><hr/><p>next</p>")]
    public void Dashes_and_horizontal_rules(string wiki, string expected) => Converts(wiki, expected);

    [Theory]
    [InlineData("\\*not bold\\*", "<p>*not bold*</p>")]
    [InlineData("\\[not a link]", "<p>[not a link]</p>")]
    [InlineData("\\{code}", "<p>{code}</p>")]
    [InlineData("C:\\path", "<p>C:\\path</p>")]
    public void A_backslash_escapes_the_mark_after_it(string wiki, string expected) => Converts(wiki, expected);

    [Fact]
    public void Text_is_escaped_for_xml() =>
        Converts("<script>alert(\"x\")</script> & more\u0001", "<p>&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; more\uFFFD</p>");

    [Theory]
    [InlineData("Hi :)", "smile")]
    [InlineData("Oh :(", "sad")]
    [InlineData("ok (y)", "thumbs-up")]
    [InlineData("no (n)", "thumbs-down")]
    [InlineData("done (/)", "tick")]
    [InlineData("fail (x)", "cross")]
    [InlineData("see (i)", "information")]
    [InlineData("care (!)", "warning")]
    [InlineData("idea (on)", "light-on")]
    [InlineData("red (*r)", "red-star")]
    [InlineData("star (*)", "yellow-star")]
    [InlineData("wink ;)", "wink")]
    [InlineData("grin :D", "laugh")]
    [InlineData("tongue :P", "cheeky")]
    public void Emoticons_become_ac_emoticon(string wiki, string name) =>
        Converts(wiki, $"<p>{wiki[..wiki.IndexOf(' ')]} <ac:emoticon ac:name=\"{name}\"/></p>");

    [Fact]
    public void An_emoticon_code_inside_a_word_stays_text() => Converts("f(x) and g(y)", "<p>f(x) and g(y)</p>");

    [Theory]
    [InlineData("bq. Quoted *text*", "<blockquote><p>Quoted <strong>text</strong></p></blockquote>")]
    [InlineData("{quote}\nfirst\n\nsecond\n{quote}", "<blockquote><p>first</p><p>second</p></blockquote>")]
    public void Block_quotes(string wiki, string expected) => Converts(wiki, expected);

    [Fact]
    public void Color_becomes_a_styled_span() =>
        Converts("a {color:red}red *text*{color} b", "<p>a <span style=\"color: red\">red <strong>text</strong></span> b</p>");

    [Fact]
    public void A_color_that_is_no_css_colour_value_is_left_unstyled() =>
        Converts("{color:red;background:url(x)}t{color}", "<p><span>t</span></p>");
}
