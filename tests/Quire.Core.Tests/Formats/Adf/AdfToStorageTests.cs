using Quire.Core.Errors;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>ADF nodes come out in the storage shapes Confluence Cloud writes, and invalid ADF is refused with where it is wrong.</summary>
public sealed class AdfToStorageTests
{
    private static string Convert(string blocks, IAdfMediaFiles? media = null) =>
        AdfToStorage.Convert($$"""{"type":"doc","version":1,"content":[{{blocks}}]}""", media ?? TestMediaFiles.Instance);

    private static string P(string inlines) => $$"""{"type":"paragraph","content":[{{inlines}}]}""";

    [Fact]
    public void Code_block_is_the_code_macro_with_its_language_and_text_in_cdata() =>
        Assert.Equal("""<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body><![CDATA[a < b]]></ac:plain-text-body></ac:structured-macro>""",
            Convert("""{"type":"codeBlock","attrs":{"language":"js"},"content":[{"type":"text","text":"a < b"}]}"""));

    [Theory]
    [InlineData("info", "info")]
    [InlineData("success", "tip")]
    [InlineData("warning", "note")]
    [InlineData("error", "warning")]
    public void Panels_with_a_macro_of_their_own_become_that_macro(string panelType, string macro) =>
        Assert.Equal($"""<ac:structured-macro ac:name="{macro}"><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro>""",
            Convert($$"""{"type":"panel","attrs":{"panelType":"{{panelType}}"},"content":[{{P("""{"type":"text","text":"x"}""")}}]}"""));

    [Fact]
    public void Decision_list_is_kept_in_an_adf_extension_with_a_fallback()
    {
        var storage = Convert("""{"type":"decisionList","attrs":{"localId":"d"},"content":[{"type":"decisionItem","attrs":{"localId":"i","state":"DECIDED"},"content":[{"type":"text","text":"Go"}]}]}""");
        Assert.StartsWith("""<ac:adf-extension><ac:adf-node type="decisionList"><ac:adf-attribute key="localId">d</ac:adf-attribute><ac:adf-content><ac:adf-extension><ac:adf-node type="decisionItem">""", storage);
        Assert.EndsWith("""<ac:adf-fallback><p>Go</p></ac:adf-fallback></ac:adf-extension>""", storage);
    }

    [Fact]
    public void Media_file_is_an_image_of_the_attachment_named_by_its_file_id() =>
        Assert.Equal("""<ac:image ac:layout="center" ac:alt="D"><ri:attachment ri:filename="diagram.png" /></ac:image>""",
            Convert("""{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"type":"file","id":"f-1","collection":"contentId-123","alt":"D"}}]}"""));

    [Fact]
    public void Media_file_no_attachment_is_known_for_stays_in_an_adf_extension()
    {
        var storage = Convert("""{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"type":"file","id":"f-1","collection":"c"}}]}""", NoAdfMediaFiles.Instance);
        Assert.StartsWith("""<ac:adf-extension><ac:adf-node type="mediaSingle">""", storage);
        Assert.Contains("""<ac:adf-attribute key="id">f-1</ac:adf-attribute>""", storage);
    }

    [Fact]
    public void Inline_nodes_take_confluence_storage_shapes()
    {
        var storage = Convert(P("""
            {"type":"mention","attrs":{"id":"557058:ab"}},
            {"type":"emoji","attrs":{"shortName":":grinning:","id":"1f600","text":"😀"}},
            {"type":"status","attrs":{"text":"DONE","color":"green"}},
            {"type":"date","attrs":{"timestamp":"1717200000000"}},
            {"type":"inlineCard","attrs":{"url":"https://x.test/"}},
            {"type":"text","text":"b","marks":[{"type":"strong"},{"type":"link","attrs":{"href":"https://l.test/"}}]}
            """));
        Assert.Equal("<p>" +
            """<ac:link><ri:user ri:account-id="557058:ab" /></ac:link>""" +
            """<ac:emoticon ac:name="laugh" ac:emoji-shortname=":grinning:" ac:emoji-id="1f600" ac:emoji-fallback="😀" />""" +
            """<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">DONE</ac:parameter><ac:parameter ac:name="colour">Green</ac:parameter></ac:structured-macro>""" +
            """<time datetime="2024-06-01" />""" +
            """<a href="https://x.test/" data-card-appearance="inline">https://x.test/</a>""" +
            """<a href="https://l.test/"><strong>b</strong></a>""" + "</p>", storage);
    }

    [Fact]
    public void Task_list_and_layout_take_confluence_storage_shapes()
    {
        Assert.Equal("""<ac:task-list ac:task-list-id="l"><ac:task><ac:task-id>t</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>x</ac:task-body></ac:task></ac:task-list>""",
            Convert("""{"type":"taskList","attrs":{"localId":"l"},"content":[{"type":"taskItem","attrs":{"localId":"t","state":"DONE"},"content":[{"type":"text","text":"x"}]}]}"""));
        var column = """{"type":"layoutColumn","attrs":{"width":33.33},"content":[{"type":"paragraph"}]}""";
        Assert.Equal("""<ac:layout><ac:layout-section ac:type="three_equal"><ac:layout-cell><p /></ac:layout-cell><ac:layout-cell><p /></ac:layout-cell><ac:layout-cell><p /></ac:layout-cell></ac:layout-section></ac:layout>""",
            Convert($$"""{"type":"layoutSection","content":[{{column}},{{column}},{{column}}]}"""));
    }

    [Fact]
    public void Table_column_widths_are_a_colgroup_and_a_cell_that_differs_keeps_its_own()
    {
        var cell = """{"type":"tableCell","attrs":{"colwidth":[120]},"content":[{"type":"paragraph"}]}""";
        var other = """{"type":"tableCell","attrs":{"colwidth":[90]},"content":[{"type":"paragraph"}]}""";
        Assert.Equal("""<table><colgroup><col style="width: 120.0px;" /></colgroup><tbody><tr><td><p /></td></tr><tr><td data-colwidth="90"><p /></td></tr></tbody></table>""",
            Convert($$"""{"type":"table","content":[{"type":"tableRow","content":[{{cell}}]},{"type":"tableRow","content":[{{other}}]}]}"""));
    }

    [Fact]
    public void Macro_extension_is_its_structured_macro_with_parameters() =>
        Assert.Equal("""<ac:structured-macro ac:name="toc" ac:macro-id="m"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>""",
            Convert("""{"type":"extension","attrs":{"extensionType":"com.atlassian.confluence.macro.core","extensionKey":"toc","parameters":{"macroParams":{"maxLevel":{"value":"2"}},"macroMetadata":{"macroId":{"value":"m"}}}}}"""));

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "$: an ADF document must be a JSON object")]
    [InlineData("""{"type":"paragraph"}""", "$.type: an ADF document's root must have \"type\": \"doc\"")]
    [InlineData("""{"type":"doc","version":1,"content":[{"type":"heading","attrs":{"level":9}}]}""", "$.content[0].attrs.level: should be at most 6")]
    [InlineData("""{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""", "$.content[0].content[0].text: should have at least 1 character")]
    public void Invalid_adf_is_refused_naming_where(string json, string expected)
    {
        var error = Assert.Throws<BadRequestException>(() => AdfToStorage.Convert(json, TestMediaFiles.Instance));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Adf_nested_deeper_than_the_limit_is_refused()
    {
        const int levels = 500;
        var open = string.Concat(Enumerable.Repeat("""{"type":"bulletList","content":[{"type":"listItem","content":[""", levels));
        var close = string.Concat(Enumerable.Repeat("]}]}", levels));
        var json = $$"""{"type":"doc","version":1,"content":[{{open}}{"type":"paragraph"}{{close}}]}""";
        var error = Assert.Throws<BadRequestException>(() => AdfToStorage.Convert(json, TestMediaFiles.Instance));
        Assert.Contains("nests deeper than", error.Message);
    }

    [Fact]
    public void Adf_nested_to_the_limit_converts()
    {
        const int levels = 190; // 2 ADF nodes (list, item) per level: 380 nodes deep, under the limit
        var open = string.Concat(Enumerable.Repeat("""{"type":"bulletList","content":[{"type":"listItem","content":[""", levels));
        var close = string.Concat(Enumerable.Repeat("]}]}", levels));
        var storage = AdfToStorage.Convert($$"""{"type":"doc","version":1,"content":[{{open}}{"type":"paragraph"}{{close}}]}""", TestMediaFiles.Instance);
        Assert.StartsWith("<ul><li><ul><li>", storage);
        Assert.Equal(levels, storage.Split("<ul>").Length - 1);
    }

    [Fact]
    public void Text_storage_cannot_hold_is_refused_not_thrown() =>
        Assert.Throws<BadRequestException>(() => Convert(P("""{"type":"text","text":"bell \u0007"}""")));
}
