using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>Storage comes out as the ADF Confluence Cloud gives, shaped to what the schema allows where it stands, nothing dropped.</summary>
public sealed class StorageToAdfTests
{
    private static JsonArray Blocks(string storage)
    {
        var json = StorageToAdf.Convert(storage, TestMediaFiles.Instance);
        var document = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 })!;
        Assert.Null(AdfSchema.Validate(document));
        return document["content"]!.AsArray();
    }

    private static string Types(JsonNode? node) =>
        node is JsonObject obj
            ? (string)obj["type"]! + (obj["content"] is JsonArray c ? "(" + string.Join(",", c.Select(Types)) + ")" : "")
            : "";

    [Fact]
    public void Heading_in_a_quote_becomes_a_paragraph_and_a_table_in_a_cell_a_storage_fragment()
    {
        var blocks = Blocks("<blockquote><h2>Title</h2></blockquote><table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>");
        Assert.Equal("blockquote(paragraph(text))", Types(blocks[0]));
        Assert.Equal("table(tableRow(tableCell(extension)))", Types(blocks[1]));
        var fragment = blocks[1]!["content"]![0]!["content"]![0]!["content"]![0]!["attrs"]!;
        Assert.Equal("com.quire.storage", (string)fragment["extensionType"]!);
        Assert.Equal("<table><tr><td>in</td></tr></table>", (string)fragment["parameters"]!["storage"]!);
    }

    [Fact]
    public void Image_inside_a_paragraph_is_hoisted_to_a_media_single_between_the_text()
    {
        var blocks = Blocks("""<p>before<ac:image><ri:attachment ri:filename="diagram.png" /></ac:image>after</p>""");
        Assert.Equal(["paragraph(text)", "mediaSingle(media)", "paragraph(text)"], blocks.Select(Types));
        var media = blocks[1]!["content"]![0]!["attrs"]!;
        Assert.Equal("f-1", (string)media["id"]!);
        Assert.Equal("contentId-123", (string)media["collection"]!);
    }

    [Fact]
    public void Plain_html_is_read_through_to_its_nearest_adf()
    {
        var blocks = Blocks("<div><section>loose <b>bold</b> text</section><pre>x = 1</pre><dl><dt>term</dt></dl></div>");
        Assert.Equal(["paragraph(text,text,text)", "codeBlock(text)", "paragraph(text)"], blocks.Select(Types));
        Assert.Equal("strong", (string)blocks[0]!["content"]![1]!["marks"]![0]!["type"]!);
    }

    [Fact]
    public void Code_text_keeps_only_the_marks_the_schema_allows_beside_code()
    {
        var text = Blocks("<p><strong><code>x</code></strong></p>")[0]!["content"]![0]!;
        Assert.Equal("""[{"type":"code"}]""", text["marks"]!.ToJsonString());
    }

    [Fact]
    public void Legacy_emoticon_becomes_its_emoji() =>
        Assert.Equal(":slight_smile:", (string)Blocks("""<p><ac:emoticon ac:name="smile" /></p>""")[0]!["content"]![0]!["attrs"]!["shortName"]!);

    [Fact]
    public void Unknown_macro_becomes_a_confluence_macro_extension_and_a_bodied_one_keeps_its_body()
    {
        var blocks = Blocks("""<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">Q-1</ac:parameter></ac:structured-macro><ac:structured-macro ac:name="section"><ac:rich-text-body><p>in</p></ac:rich-text-body></ac:structured-macro>""");
        Assert.Equal("""{"extensionType":"com.atlassian.confluence.macro.core","extensionKey":"jira","parameters":{"macroParams":{"key":{"value":"Q-1"}},"macroMetadata":{"title":"Jira"}}}""", blocks[0]!["attrs"]!.ToJsonString());
        Assert.Equal("bodiedExtension(paragraph(text))", Types(blocks[1]));
    }

    [Fact]
    public void Ordered_lists_say_their_order_cells_their_spans_and_known_macros_their_title_as_cloud_answers()
    {
        // Publishers compare what they read back with what they would write (markdown-confluence
        // writes order 1, spans of 1 and "Page Tree"): a default left out reads as a change on every run.
        var blocks = Blocks("""<ol><li><p>a</p></li></ol><ol start="3"><li><p>b</p></li></ol><table><tbody><tr><th><p>h</p></th><td colspan="2"><p>c</p></td></tr></tbody></table><ac:structured-macro ac:name="pagetree" />""");
        Assert.Equal(1, (int)blocks[0]!["attrs"]!["order"]!);
        Assert.Equal(3, (int)blocks[1]!["attrs"]!["order"]!);
        var cells = blocks[2]!["content"]![0]!["content"]!.AsArray();
        Assert.Equal((1, 1), ((int)cells[0]!["attrs"]!["colspan"]!, (int)cells[0]!["attrs"]!["rowspan"]!));
        Assert.Equal((2, 1), ((int)cells[1]!["attrs"]!["colspan"]!, (int)cells[1]!["attrs"]!["rowspan"]!));
        Assert.Equal("Page Tree", (string?)blocks[3]!["attrs"]!["parameters"]!["macroMetadata"]!["title"]);
    }

    [Fact]
    public void Adf_extension_that_would_not_validate_stays_a_storage_fragment()
    {
        var blocks = Blocks("""<ac:adf-extension><ac:adf-node type="decisionList"></ac:adf-node><ac:adf-fallback><p>x</p></ac:adf-fallback></ac:adf-extension>""");
        Assert.Equal("extension", Types(blocks[0]));
        Assert.StartsWith("<ac:adf-extension>", (string)blocks[0]!["attrs"]!["parameters"]!["storage"]!);
    }

    [Fact]
    public void Layout_sections_become_layout_columns_with_their_type_widths()
    {
        var section = Blocks("""<ac:layout><ac:layout-section ac:type="two_left_sidebar"><ac:layout-cell><p>a</p></ac:layout-cell><ac:layout-cell><p>b</p></ac:layout-cell></ac:layout-section></ac:layout>""")[0]!;
        Assert.Equal("layoutSection(layoutColumn(paragraph(text)),layoutColumn(paragraph(text)))", Types(section));
        Assert.Equal([33.33, 66.66], section["content"]!.AsArray().Select(c => (double)c!["attrs"]!["width"]!));
    }

    [Fact]
    public void Column_widths_of_a_colgroup_become_the_cells_colwidth()
    {
        var table = Blocks("""<table><colgroup><col style="width: 120.0px;" /><col style="width: 200.0px;" /><col style="width: 80.0px;" /></colgroup><tbody><tr><td><p>a</p></td><td colspan="2"><p>b</p></td></tr></tbody></table>""")[0]!;
        var cells = table["content"]![0]!["content"]!.AsArray();
        Assert.Equal("[120]", cells[0]!["attrs"]!["colwidth"]!.ToJsonString());
        Assert.Equal("[200,80]", cells[1]!["attrs"]!["colwidth"]!.ToJsonString());
    }

    [Fact]
    public void Storage_nested_past_the_limit_is_refused() =>
        Assert.Throws<BadRequestException>(() => StorageToAdf.Convert(string.Concat(Enumerable.Repeat("<span>", 100_000)), TestMediaFiles.Instance));

    [Fact]
    public void Conversion_stops_when_the_request_is_cancelled()
    {
        var storage = string.Concat(Enumerable.Repeat("<p>x <strong>y</strong></p>", 20_000));
        Assert.Throws<OperationCanceledException>(() => StorageToAdf.Convert(storage, TestMediaFiles.Instance, new CancellationToken(canceled: true)));
        var adf = StorageToAdf.Convert(storage, TestMediaFiles.Instance);
        Assert.Throws<OperationCanceledException>(() => AdfToStorage.Convert(adf, TestMediaFiles.Instance, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Body_that_is_not_storage_format_is_refused() =>
        Assert.Throws<BadRequestException>(() => StorageToAdf.Convert("<p>open", TestMediaFiles.Instance));

    [Fact]
    public void Storage_nested_to_the_parse_limit_converts()
    {
        var storage = string.Concat(Enumerable.Repeat("<ul><li>", 199)) + "x" + string.Concat(Enumerable.Repeat("</li></ul>", 199));
        Assert.StartsWith("bulletList(listItem(bulletList(", Types(Blocks(storage)[0]));
    }
}
