using System.Text;
using BenchmarkDotNet.Attributes;
using Quire.Core.ContentBody;
using Quire.Core.Formats;
using Quire.Core.Formats.View;

namespace Quire.Benchmarks;

/// <summary>
/// Rendering a 20 KB and a 1 MB page of ordinary Confluence markup to view HTML: the first render
/// (parse, references, render, sanitize) and a repeated one (BodyRenderer's cache hit: a hash of
/// the storage and two lookups; the few reference queries it also runs are not measured here).
/// </summary>
[MemoryDiagnoser]
public class ViewRenderBenchmarks
{
    [Params(20_000, 1_000_000)]
    public int Size { get; set; }

    private string _storage = "";

    private const string Chunk =
        "<h2>Section</h2><p>Some <strong>bold</strong> text &amp; a <a href=\"https://example.com\">link</a> and " +
        "<ac:link><ri:page ri:content-title=\"Other page\" /></ac:link>.</p>" +
        "<ac:structured-macro ac:name=\"info\"><ac:parameter ac:name=\"title\">Note</ac:parameter><ac:rich-text-body><p>Careful</p></ac:rich-text-body></ac:structured-macro>" +
        "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">java</ac:parameter><ac:plain-text-body><![CDATA[int a = b < c ? 1 : 2;]]></ac:plain-text-body></ac:structured-macro>" +
        "<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>" +
        "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>";

    [GlobalSetup]
    public void Setup()
    {
        var page = new StringBuilder();
        while (page.Length < Size) page.Append(Chunk);
        _storage = page.ToString();
        var first = FirstRender();
        BodyRenderCache.KeepRendered(Key(), new RenderedBody(first, []));
    }

    private string Key() => BodyRenderCache.KeyOf("view", BodyRenderCache.HashOf(_storage), "KEY", "1", "Title", "/wiki", "u", "");

    [Benchmark]
    public string FirstRender()
    {
        var root = StorageFormat.Parse(_storage);
        ViewReferences.Collect(root, "KEY", default);
        var html = ViewRenderer.Render(root, new ViewContext(1, "Title", "KEY", "/wiki", ViewResolutions.None), default, _storage.Length);
        return HtmlPolicy.Sanitize(html.Html);
    }

    [Benchmark]
    public string RenderWithoutSanitizing()
    {
        var root = StorageFormat.Parse(_storage);
        return ViewRenderer.Render(root, new ViewContext(1, "Title", "KEY", "/wiki", ViewResolutions.None), default, _storage.Length).Html;
    }

    [Benchmark]
    public RenderedBody? RepeatedRender() => BodyRenderCache.Rendered(Key());
}
