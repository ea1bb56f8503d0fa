using System.Text;
using BenchmarkDotNet.Attributes;
using Quire.Core.Formats;

namespace Quire.Benchmarks;

/// <summary>
/// Bodies built to cost: a megabyte of entities (once quadratic: 160,000 took 50 s), the
/// 1.3 MB of nested spans that once overflowed the stack, and a 1 MB page of ordinary
/// markup at the nesting limit. Every path must stay linear in the body's length.
/// </summary>
[MemoryDiagnoser]
public class BodyFormatBenchmarks
{
    private string _entities = "";
    private string _nestedSpans = "";
    private string _deepButLegal = "";

    [GlobalSetup]
    public void Setup()
    {
        var entities = new StringBuilder("<p>");
        while (entities.Length < 1_000_000) entities.Append("&nbsp;&hellip;&eacute;\n");
        _entities = entities.Append("</p>").ToString();
        _nestedSpans = string.Concat(Enumerable.Repeat("<span>", 100_000)) + "x" + string.Concat(Enumerable.Repeat("</span>", 100_000));
        // Divs nested so that the paragraphs' inline elements sit exactly at the limit.
        const int divs = StorageFormat.MaxDepth - 2;
        var legal = new StringBuilder(string.Concat(Enumerable.Repeat("<div>", divs)));
        while (legal.Length < 1_000_000) legal.Append("<p>Some <b>bold</b> text &amp; <a href=\"https://example.com\">a link</a></p>");
        _deepButLegal = legal.Append(string.Concat(Enumerable.Repeat("</div>", divs))).ToString();
        if (StorageFormat.Validate(_deepButLegal) is { } error) throw new InvalidOperationException(error.Message);
        if (StorageFormat.Validate(_entities) is { } entityError) throw new InvalidOperationException(entityError.Message);
    }

    [Benchmark] public object? ValidateMegabyteOfEntities() => StorageFormat.Validate(_entities);
    [Benchmark] public string ViewOfMegabyteOfEntities() => StorageView.Render(_entities, "KEY");
    [Benchmark] public object? ValidateHundredThousandNestedSpans() => StorageFormat.Validate(_nestedSpans);
    [Benchmark] public object? ValidateMegabyteAtDepthLimit() => StorageFormat.Validate(_deepButLegal);
    [Benchmark] public string ViewOfMegabyteAtDepthLimit() => StorageView.Render(_deepButLegal, "KEY");
    [Benchmark] public string EditorOfMegabyteAtDepthLimit() => StorageEditor.ToEditor(_deepButLegal);
}
