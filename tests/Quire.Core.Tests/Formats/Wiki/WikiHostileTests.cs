using System.Text;
using Quire.Core.Errors;
using Quire.Core.Formats;
using Quire.Core.Formats.Wiki;

namespace Quire.Core.Tests.Formats.Wiki;

/// <summary>
/// Markup built to hurt: 5 MB (the request limit) of one mark, which a converter searching
/// afresh for every opener's closing mark would take hours over (these tests would then not
/// finish; how long they take is measured by WikiBenchmarks, not asserted here); nesting past
/// the storage limit; random markup, which must convert to valid storage or be refused as a
/// bad request.
/// </summary>
public sealed class WikiHostileTests
{
    private const int RequestLimit = 5 * 1024 * 1024;

    private static string Repeat(string unit, int length = RequestLimit)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length) text.Append(unit);
        return text.ToString();
    }

    /// <summary>Converts, answering the storage (checked valid) or null when refused as a bad request.</summary>
    private static string? ConvertOrRefuse(string wiki)
    {
        try
        {
            var storage = WikiMarkup.ToStorage(wiki);
            var problem = StorageFormat.Validate(storage);
            Assert.True(problem is null, problem?.Message);
            return storage;
        }
        catch (BadRequestException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("^")]
    [InlineData("~")]
    [InlineData("?")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("|")]
    [InlineData("!")]
    [InlineData("#")]
    [InlineData("\\")]
    [InlineData("(")]
    [InlineData("{{")]
    [InlineData("{{a")]
    [InlineData("{a:")]
    [InlineData("[~")]
    [InlineData("[a|")]
    [InlineData("!a|")]
    [InlineData("*_")]
    [InlineData("*a")]
    [InlineData("|[")]
    [InlineData("|{")]
    [InlineData("|!a")]
    [InlineData("||")]
    [InlineData("{x}")]
    [InlineData("{foo:a=1|b=2}")]
    [InlineData("{color:red}")]
    [InlineData("{anchor:a}")]
    [InlineData("{panel}x{panel}")]
    [InlineData("{code}")]
    [InlineData("# ")]
    [InlineData("\n* a")]
    [InlineData("\n|a|b")]
    [InlineData("\nh1. a")]
    [InlineData("\n")]
    [InlineData(":)")]
    [InlineData("--- ")]
    [InlineData("http://a")]
    [InlineData("\r")]
    public void Five_megabytes_of_one_mark_convert_to_valid_storage_or_are_refused(string unit)
    {
        // ConvertOrRefuse checks that what it converts to is valid storage (blank markup converts to none).
        ConvertOrRefuse(Repeat(unit));
    }

    [Fact]
    public void Many_different_unclosed_macros_convert()
    {
        var wiki = new StringBuilder();
        for (var i = 0; wiki.Length < RequestLimit; i++) wiki.Append("{m").Append(i).Append('}');
        var storage = ConvertOrRefuse(wiki.ToString());
        Assert.StartsWith("<p><ac:structured-macro ac:name=\"m0\"></ac:structured-macro><ac:structured-macro ac:name=\"m1\">", storage);
    }

    [Fact]
    public void A_line_of_many_macros_with_long_trailing_blanks_converts()
    {
        var wiki = Repeat("a{x}{x}", RequestLimit / 2) + new string(' ', RequestLimit / 2) + "\nnext";
        Assert.EndsWith("<ac:rich-text-body></ac:rich-text-body></ac:structured-macro><p>next</p>", ConvertOrRefuse(wiki));
    }

    [Fact]
    public void Deep_lists_and_nested_macros_are_refused_with_their_position()
    {
        var list = Assert.Throws<BadRequestException>(() => WikiMarkup.ToStorage("text\n\n" + new string('*', RequestLimit / 2) + " x"));
        Assert.Contains($"nests deeper than {StorageFormat.MaxDepth} levels at line 3, column 1", list.Message);

        var names = Enumerable.Range(0, 1000).Select(i => $"{{m{i}}}").ToList();
        var nested = "* " + string.Concat(names) + "x" + string.Concat(Enumerable.Reverse(names));
        var macros = Assert.Throws<BadRequestException>(() => WikiMarkup.ToStorage(nested));
        Assert.Matches(@"nests deeper than 400 levels at line 1, column \d+$", macros.Message);

        // Within the limit it converts: 150 macros of two elements each, each body a paragraph.
        var fits = names.Take(150).ToList();
        Assert.NotNull(ConvertOrRefuse(string.Concat(fits) + "x" + string.Concat(Enumerable.Reverse(fits))));
    }

    [Fact]
    public void Conversion_stops_when_the_request_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => WikiMarkup.ToStorage(Repeat("*a* [b] {{c}}\n"), cancelled.Token));
    }

    private static readonly string[] Tokens =
    [
        "*", "_", "-", "+", "^", "~", "??", "{{", "}}", "{", "}", "[", "]", "|", "||", "!", "\\", "\\\\", " ", " ", "a", "word",
        "\n", "\n\n", "\r\n", "\t", "h1. ", "h4. ", "bq. ", "* ", "# ", "** ", "#* ", "- ", "----", "---", "--", ":)", "(y)", "(*r)",
        "[~user]", "[a|http://x.example]", "[SP:Page#a^f.pdf]", "[#x]", "[^f.pdf]", "!a.png!", "!a.png|width=1,thumbnail!",
        "!http://x/y.png!", "http://x.example/a_b", "mailto:a@b", "<", ">", "&", "\"", "'", "\u0000", "\uD800", "\uFFFF", "]]>", "é", "😀",
    ];

    /// <summary>Macro tags, drawn less often: most random markup with one unclosed {code} is refused, and the rest must be exercised too.</summary>
    private static readonly string[] MacroTokens =
    [
        "{code}", "{code:java}", "{noformat}", "{panel:title=a|borderStyle=dashed}", "{panel}", "{info}", "{note:title=n}", "{note}",
        "{quote}", "{color:red}", "{color}", "{expand:t}", "{expand}", "{foo}", "{foo:a=1|b=2}", "{anchor:x}", "{toc}",
    ];

    [Fact]
    public void Random_markup_converts_to_valid_storage_or_is_refused_with_a_position()
    {
        var random = new Random(20261204);
        var (converted, refused) = (0, 0);
        for (var trial = 0; trial < 3000; trial++)
        {
            var wiki = new StringBuilder();
            var count = random.Next(1, 80);
            for (var i = 0; i < count; i++)
                wiki.Append(random.Next(40) == 0 ? MacroTokens[random.Next(MacroTokens.Length)] : Tokens[random.Next(Tokens.Length)]);
            try
            {
                var storage = WikiMarkup.ToStorage(wiki.ToString());
                Assert.True(StorageFormat.Validate(storage) is null, storage);
                converted++;
            }
            catch (BadRequestException e)
            {
                Assert.Matches(@"at line \d+, column \d+$", e.Message);
                refused++;
            }
        }
        Assert.True(converted > 1000 && refused > 100, $"{converted} converted, {refused} refused");
    }
}
