using System.Text;
using BenchmarkDotNet.Attributes;
using Quire.Core.Errors;
using Quire.Core.Formats.Wiki;

namespace Quire.Benchmarks;

/// <summary>
/// Wiki markup at the request limit (5 MB) built to hurt a converter that searches afresh for
/// each opener's closing mark, beside 5 MB of ordinary markup: all must stay linear (the
/// hostile tests only show that they finish).
/// </summary>
[MemoryDiagnoser]
public class WikiBenchmarks
{
    private const int Size = 5 * 1024 * 1024;

    [Params("ordinary", "*", "[", "{", "|", "{m}", "a{x}{x} + blanks")]
    public string Shape { get; set; } = "";

    private string _wiki = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder(Size + 64);
        var unit = Shape switch
        {
            "ordinary" => "h2. Section\n\nSome *bold* and _italic_ text with [a link|https://example.com].\n\n* one\n* two\n\n||H||H||\n|a|b|\n\n",
            "a{x}{x} + blanks" => "a{x}{x}",
            _ => Shape,
        };
        while (text.Length < (Shape == "a{x}{x} + blanks" ? Size / 2 : Size)) text.Append(unit);
        if (Shape == "a{x}{x} + blanks") text.Append(' ', Size / 2).Append("\nnext");
        _wiki = text.ToString();
    }

    [Benchmark]
    public int Convert()
    {
        try
        {
            return WikiMarkup.ToStorage(_wiki).Length;
        }
        catch (BadRequestException)
        {
            return 0;
        }
    }
}
