using Quire.Core.Errors;
using Quire.Core.Formats.Wiki;
using static Quire.Core.Tests.Formats.Wiki.WikiAssert;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>Macros: code and noformat (plain bodies), panels and notes (rich bodies), unknown macros, and unclosed ones.</summary>
public sealed class WikiMacroTests
{
    [Fact]
    public void Code_keeps_its_body_as_typed_in_cdata() =>
        Converts("{code}\nif (a < b && *c*) {x}\n{code}",
            "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[if (a < b && *c*) {x}]]></ac:plain-text-body></ac:structured-macro>");

    [Theory]
    [InlineData("{code:java}\nx\n{code}", "<ac:parameter ac:name=\"language\">java</ac:parameter>")]
    [InlineData("{code:language=js|title=T}x{code}", "<ac:parameter ac:name=\"language\">js</ac:parameter><ac:parameter ac:name=\"title\">T</ac:parameter>")]
    public void Code_parameters_become_ac_parameter(string wiki, string parameters) =>
        Converts(wiki, $"<ac:structured-macro ac:name=\"code\">{parameters}<ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>");

    [Fact]
    public void A_cdata_end_inside_code_is_split() =>
        Converts("{code}a]]>b{code}",
            "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[a]]]]><![CDATA[>b]]></ac:plain-text-body></ac:structured-macro>");

    [Fact]
    public void Noformat_becomes_the_noformat_macro() =>
        Converts("{noformat}\n*raw* [text]\n{noformat}",
            "<ac:structured-macro ac:name=\"noformat\"><ac:plain-text-body><![CDATA[*raw* [text]]]></ac:plain-text-body></ac:structured-macro>");

    [Fact]
    public void Panel_has_parameters_and_a_rich_body() =>
        Converts("{panel:title=My Title|borderStyle=dashed}\nSome *text*\n* item\n{panel}",
            "<ac:structured-macro ac:name=\"panel\"><ac:parameter ac:name=\"title\">My Title</ac:parameter>"
            + "<ac:parameter ac:name=\"borderStyle\">dashed</ac:parameter><ac:rich-text-body><p>Some <strong>text</strong></p>"
            + "<ul><li>item</li></ul></ac:rich-text-body></ac:structured-macro>");

    [Theory]
    [InlineData("info")]
    [InlineData("note")]
    [InlineData("warning")]
    [InlineData("tip")]
    public void Admonitions_become_their_macros(string name) =>
        Converts($"{{{name}:title=Heads up}}Body{{{name}}}",
            $"<ac:structured-macro ac:name=\"{name}\"><ac:parameter ac:name=\"title\">Heads up</ac:parameter>"
            + "<ac:rich-text-body><p>Body</p></ac:rich-text-body></ac:structured-macro>");

    [Fact]
    public void Expand_takes_its_title_from_the_unnamed_parameter() =>
        Converts("{expand:More}\nhidden\n{expand}",
            "<ac:structured-macro ac:name=\"expand\"><ac:parameter ac:name=\"title\">More</ac:parameter>"
            + "<ac:rich-text-body><p>hidden</p></ac:rich-text-body></ac:structured-macro>");

    [Fact]
    public void Macros_nest_inside_each_other() =>
        Converts("{panel}\n{info}\n{code}x{code}\n{info}\n{panel}",
            "<ac:structured-macro ac:name=\"panel\"><ac:rich-text-body><ac:structured-macro ac:name=\"info\"><ac:rich-text-body>"
            + "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>"
            + "</ac:rich-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro>");

    [Fact]
    public void An_unknown_macro_with_a_closing_tag_keeps_its_name_parameters_and_body() =>
        Converts("before {foo:a=1|b=2}inside{foo} after",
            "<p>before</p><ac:structured-macro ac:name=\"foo\"><ac:parameter ac:name=\"a\">1</ac:parameter>"
            + "<ac:parameter ac:name=\"b\">2</ac:parameter><ac:rich-text-body><p>inside</p></ac:rich-text-body></ac:structured-macro><p>after</p>");

    [Fact]
    public void An_unknown_macro_without_a_closing_tag_has_no_body() =>
        Converts("{toc:maxLevel=2}\n\nsee {bar}",
            "<p><ac:structured-macro ac:name=\"toc\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro></p>"
            + "<p>see <ac:structured-macro ac:name=\"bar\"></ac:structured-macro></p>");

    [Fact]
    public void A_macro_opened_in_a_list_item_and_closed_on_a_later_line_belongs_to_the_item() =>
        Converts("* see {code}\nx = 1\n{code} done\n* next\nafter",
            "<ul><li>see<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x = 1]]></ac:plain-text-body></ac:structured-macro>"
            + "done</li><li>next</li></ul><p>after</p>");

    [Theory]
    [InlineData("text\n\n{code:java}\nnever closed", "{code}", 3, 1)]
    [InlineData("{noformat}", "{noformat}", 1, 1)]
    [InlineData("a\n  {panel:title=x}\nbody", "{panel}", 2, 3)]
    [InlineData("{quote}q", "{quote}", 1, 1)]
    [InlineData("x {color:red}red", "{color}", 1, 3)]
    [InlineData("{info}\n{note}\n{info}\n{note}", "{note}", 2, 1)]
    [InlineData("{warning}", "{warning}", 1, 1)]
    [InlineData("{tip}", "{tip}", 1, 1)]
    [InlineData("|{code}|\nx\n{code}", "{code}", 1, 2)]
    public void An_unclosed_macro_that_needs_a_body_is_refused_with_its_line_and_column(string wiki, string macro, int line, int column)
    {
        var error = Assert.Throws<BadRequestException>(() => WikiMarkup.ToStorage(wiki));
        Assert.Contains($"the {macro} macro is not closed", error.Message);
        Assert.EndsWith($"at line {line}, column {column}", error.Message);
    }
}
