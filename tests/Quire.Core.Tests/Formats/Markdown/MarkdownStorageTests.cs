using Quire.Core.Errors;
using Quire.Core.Formats.Markdown;

namespace Quire.Core.Tests.Formats.Markdown;

public sealed class MarkdownStorageTests
{
    [Theory]
    [InlineData("# Title", "<h1>Title</h1>")]
    [InlineData("Some **bold**, *em*, `code` and ~~gone~~.", "<p>Some <strong>bold</strong>, <em>em</em>, <code>code</code> and <del>gone</del>.</p>")]
    [InlineData("one\n\ntwo", "<p>one</p><p>two</p>")]
    [InlineData("- a\n- b\n  - c", "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>")]
    [InlineData("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>")]
    [InlineData("- **a** *b*", "<ul><li><strong>a</strong> <em>b</em></li></ul>")]
    [InlineData("> quoted", "<blockquote><p>quoted</p></blockquote>")]
    [InlineData("---", "<hr />")]
    [InlineData("[Quire](https://example.com/a?b=1&c=2)", "<p><a href=\"https://example.com/a?b=1&amp;c=2\">Quire</a></p>")]
    [InlineData("![logo](https://example.com/l.png)", "<p><ac:image ac:alt=\"logo\"><ri:url ri:value=\"https://example.com/l.png\" /></ac:image></p>")]
    [InlineData("| A | B |\n| --- | --- |\n| 1 | 2 |", "<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>")]
    [InlineData("```csharp\nvar x = a < b;\n```", "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">csharp</ac:parameter><ac:plain-text-body><![CDATA[var x = a < b;]]></ac:plain-text-body></ac:structured-macro>")]
    [InlineData("", "")]
    public void Markdown_becomes_storage_as_Confluence_writes_it(string markdown, string storage) =>
        Assert.Equal(storage, MarkdownToStorage.Convert(markdown));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<ac:structured-macro ac:name=\"html\"><ac:plain-text-body><![CDATA[<script>x</script>]]></ac:plain-text-body></ac:structured-macro>")]
    public void Html_typed_into_Markdown_stays_text(string markdown)
    {
        var storage = MarkdownToStorage.Convert(markdown);
        Assert.DoesNotContain("<script", storage);
        Assert.DoesNotContain("<img", storage);
        Assert.DoesNotContain("<ac:", storage);
        Assert.StartsWith("<p>&lt;", storage);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "<p><a>x</a></p>")]
    [InlineData("<javascript:alert(1)>", "<p><a>javascript:alert(1)</a></p>")]
    [InlineData("![x](javascript:alert(1))", "<p><ac:image ac:alt=\"x\"><ri:url ri:value=\"\" /></ac:image></p>")]
    public void Script_urls_are_not_kept(string markdown, string storage) => Assert.Equal(storage, MarkdownToStorage.Convert(markdown));

    [Fact]
    public void A_storage_fence_is_kept_as_storage()
    {
        var macro = "<ac:structured-macro ac:name=\"info\" ac:macro-id=\"m1\"><ac:rich-text-body><p>Note</p></ac:rich-text-body></ac:structured-macro>";
        Assert.Equal("<p>before</p>" + macro, MarkdownToStorage.Convert($"before\n\n```storage\n{macro}\n```"));
    }

    [Fact]
    public void A_malformed_storage_fence_is_refused_naming_its_line()
    {
        var error = Assert.Throws<BadRequestException>(() => MarkdownToStorage.Convert("text\n\n```storage\n<p>open\n```"));
        Assert.Contains("line 3", error.Message);
    }

    [Theory]
    [InlineData("<h2>Heading</h2><p>Some <strong>bold</strong> and <em>em</em> with <code>x*y</code>.</p>")]
    [InlineData("<p>Stars * and _under_ and [brackets] and &lt;tags&gt; &amp; a | pipe \\ backslash ~ tilde</p>")]
    [InlineData("<p># not a heading</p><p>- not a list</p><p>1. not ordered</p><p>+ plus</p>")]
    [InlineData("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><ol><li>one</li><li>two</li></ol>")]
    [InlineData("<blockquote><p>q1</p><p>q2</p></blockquote><hr />")]
    [InlineData("<p>line one<br />line two</p>")]
    [InlineData("<p><a href=\"https://example.com/x\">a <strong>link</strong></a></p>")]
    [InlineData("<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td><td><em>3</em></td></tr></tbody></table>")]
    [InlineData("<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">sql</ac:parameter><ac:plain-text-body><![CDATA[select 1;\n-- ``` fence inside\n]]></ac:plain-text-body></ac:structured-macro>")]
    public void Storage_that_Markdown_can_say_becomes_Markdown_and_comes_back(string storage)
    {
        var markdown = StorageToMarkdown.Convert(storage);
        Assert.DoesNotContain("```storage", markdown);
        Assert.Equal(StorageToMarkdown.Normalized(storage), StorageToMarkdown.Normalized(MarkdownToStorage.Convert(markdown)));
    }

    [Theory]
    [InlineData("<ac:structured-macro ac:name=\"toc\" ac:macro-id=\"1\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro>")]
    [InlineData("<p>See <ac:link><ri:page ri:content-title=\"Home\" /><ac:plain-text-body><![CDATA[home]]></ac:plain-text-body></ac:link> now</p>")]
    [InlineData("<p style=\"text-align: center;\">centred</p>")]
    [InlineData("<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>do it</ac:task-body></ac:task></ac:task-list>")]
    [InlineData("<table class=\"wrapped\"><colgroup><col /></colgroup><tbody><tr><td><p>x</p></td></tr></tbody></table>")]
    [InlineData("<p><span style=\"color: red;\">red</span> and <u>under</u></p>")]
    [InlineData("<ac:structured-macro ac:name=\"code\" ac:macro-id=\"abc\"><ac:parameter ac:name=\"title\">T</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>")]
    [InlineData("bare text at the top <em>level</em>")]
    [InlineData("<p><ac:image><ri:attachment ri:filename=\"a b.png\" /></ac:image></p>")]
    public void What_Markdown_cannot_say_survives_an_edit_untouched(string block)
    {
        var storage = $"<h1>Before</h1>{block}<p>After</p>";
        var markdown = StorageToMarkdown.Convert(storage);
        Assert.Contains("```storage", markdown);
        Assert.StartsWith("# Before\n\n```storage\n", markdown);
        Assert.Equal(StorageToMarkdown.Normalized(storage), StorageToMarkdown.Normalized(MarkdownToStorage.Convert(markdown)));
        Assert.Contains(Quire.Core.Formats.StorageFormat.Write(Quire.Core.Formats.StorageFormat.Parse(block).Nodes()), MarkdownToStorage.Convert(markdown));
    }

    [Fact]
    public void Editing_the_Markdown_around_a_macro_changes_only_the_text()
    {
        var macro = "<ac:structured-macro ac:name=\"info\" ac:macro-id=\"7\"><ac:rich-text-body><p>keep ``` me</p></ac:rich-text-body></ac:structured-macro>";
        var markdown = StorageToMarkdown.Convert($"<p>old text</p>{macro}");
        Assert.Contains("````storage", markdown); // the fence outgrows the backticks inside
        var edited = markdown.Replace("old text", "new **text**");
        Assert.Equal($"<p>new <strong>text</strong></p>{macro}", MarkdownToStorage.Convert(edited));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\n\nb")]
    [InlineData("# H\n\n- a\n- b\n\n> q\n\n```js\nx()\n```")]
    public void Markdown_survives_a_round_trip_through_storage(string markdown)
    {
        var storage = MarkdownToStorage.Convert(markdown);
        Assert.Equal(storage, MarkdownToStorage.Convert(StorageToMarkdown.Convert(storage)));
    }

    [Fact]
    public void Deep_nesting_is_a_clear_refusal_not_a_crash()
    {
        var markdown = string.Concat(Enumerable.Repeat("> ", 1000)) + "deep";
        Assert.Throws<BadRequestException>(() => MarkdownToStorage.Convert(markdown));
    }
}
