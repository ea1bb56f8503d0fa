using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Quire.Core.Formats.Adf;

namespace Quire.Benchmarks;

/// <summary>
/// ADF both ways over a 20 KB and a megabyte page of ordinary markup (paragraphs with marks, lists, a table,
/// macros, mentions), its schema check, and lists nested to the depth limit. Each must stay
/// linear in the body's length: the published schema evaluated by a general validator took
/// seconds for a few kilobytes.
/// </summary>
[MemoryDiagnoser]
public class AdfBenchmarks
{
    private const string Page =
        "<h2>Section</h2><p>Some <strong>bold</strong> and <em>italic</em> text with <a href=\"https://example.com\">a link</a> " +
        "and <ac:link><ri:user ri:account-id=\"557058:1\" /></ac:link>.</p>" +
        "<ul><li><p>One</p></li><li><p>Two <code>code</code></p></li></ul>" +
        "<table><tbody><tr><th><p>H</p></th><th><p>H</p></th></tr><tr><td><p>a</p></td><td><p>b</p></td></tr></tbody></table>" +
        "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body><p>Note</p></ac:rich-text-body></ac:structured-macro>" +
        "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">js</ac:parameter><ac:plain-text-body><![CDATA[let x = 1;]]></ac:plain-text-body></ac:structured-macro>" +
        "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Do it</ac:task-body></ac:task></ac:task-list>";

    /// <summary>The page's size in characters of storage: a short real page, and a very long one.</summary>
    [Params(20_000, 1_000_000)]
    public int Size { get; set; }

    private string _storage = "";
    private string _adf = "";
    private JsonNode _adfNode = null!;
    private string _deepStorage = "";

    [GlobalSetup]
    public void Setup()
    {
        var storage = new StringBuilder();
        while (storage.Length < Size) storage.Append(Page);
        _storage = storage.ToString();
        _adf = StorageToAdf.Convert(_storage, NoAdfMediaFiles.Instance);
        _adfNode = JsonNode.Parse(_adf)!;
        _deepStorage = string.Concat(Enumerable.Repeat("<ul><li>", 199)) + "x" + string.Concat(Enumerable.Repeat("</li></ul>", 199));
    }

    [Benchmark] public string StorageToAdfOfPage() => StorageToAdf.Convert(_storage, NoAdfMediaFiles.Instance);
    [Benchmark] public string AdfToStorageOfPage() => AdfToStorage.Convert(_adf, NoAdfMediaFiles.Instance);
    [Benchmark] public string? ValidateAdfOfPage() => AdfSchema.Validate(_adfNode);
    [Benchmark] public string StorageToAdfAtDepthLimit() => StorageToAdf.Convert(_deepStorage, NoAdfMediaFiles.Instance);
}
