using System.Text;
using System.Xml;
using Quire.Core.Errors;
using Quire.Core.Formats;

namespace Quire.Core.Tests.Formats;

/// <summary>
/// Bodies built to hurt: nesting that once overflowed the stack, entities that once cost the
/// square of their number, declarations that once escaped validation, and work that must stop
/// when the request does. Each walk over a body must survive the deepest body that fits under
/// the request size limit (5 MB).
/// </summary>
public sealed class HostileBodyTests
{
    private const int RequestLimit = 5 * 1024 * 1024;

    private static string Nested(string open, string close, int levels) =>
        string.Concat(Enumerable.Repeat(open, levels)) + "x" + string.Concat(Enumerable.Repeat(close, levels));

    /// <summary>The deepest body of each shape that fits under the request limit, and the 100,000 levels of the report.</summary>
    public static TheoryData<string> DeepBodies()
    {
        var data = new TheoryData<string>();
        foreach (var (open, close) in new[]
                 {
                     ("<span>", "</span>"), ("<b>", "</b>"),
                     ("<ac:structured-macro ac:name=\"info\"><ac:rich-text-body>", "</ac:rich-text-body></ac:structured-macro>"),
                 })
        {
            data.Add(Nested(open, close, 100_000));
            data.Add(Nested(open, close, RequestLimit / (open.Length + close.Length)));
        }
        return data;
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted_and_one_more_level_is_refused_with_its_position()
    {
        Assert.Null(StorageFormat.Validate(Nested("<div>", "</div>", StorageFormat.MaxDepth)));
        var error = StorageFormat.Validate(Nested("<div>", "</div>", StorageFormat.MaxDepth + 1));
        Assert.NotNull(error);
        Assert.Equal($"Elements nest deeper than {StorageFormat.MaxDepth} levels", error.Problem);
        Assert.Equal((1, StorageFormat.MaxDepth * 5 + 2), (error.Line, error.Column));
    }

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public void Every_walk_over_a_deep_body_answers_without_exhausting_the_stack(string body)
    {
        Assert.Contains("nest deeper", StorageFormat.Validate(body)!.Message);
        Assert.Throws<XmlException>(() => StorageFormat.Parse(body));
        // A body stored before the limit existed is shown and indexed as text, not walked.
        Assert.StartsWith("&lt;", StorageView.Render(body, "KEY"));
        Assert.StartsWith(body[..50], StorageText.Extract(body));
        Assert.Throws<XmlException>(() => StorageEditor.ToEditor(body));
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<i><b><u>", "")]
    [InlineData("<table><tbody><tr><td>", "</td></tr></tbody></table>")]
    public void Deep_editor_bodies_are_refused(string open, string close)
    {
        var levels = RequestLimit / (open.Length + close.Length + 1);
        var error = Assert.Throws<BadRequestException>(() => StorageEditor.ToStorage(Nested(open, close, levels)));
        Assert.Contains("editor body", error.Message);
    }

    [Fact]
    public void A_megabyte_of_entities_resolves_with_positions_still_true()
    {
        var entities = new StringBuilder("<p>");
        while (entities.Length < 1_000_000) entities.Append("&nbsp;&hellip;\n");
        var body = entities.Append("</p>").ToString();
        Assert.Null(StorageFormat.Validate(body));
        Assert.Equal(body.Split('\n').Length - 1, StorageText.Extract(body).Count(c => c == '…'));

        // After many lines of entities, an error is still placed on its own line and column.
        var broken = body[..^4] + "<b>x</p>";
        var error = StorageFormat.Validate(broken)!;
        Assert.Equal(body.Count(c => c == '\n') + 1, error.Line);
        Assert.Equal("Unexpected close tag </p>; expected </b>", error.Problem);
        Assert.Equal(7, error.Column);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p>x</p>", "XML declaration")]
    [InlineData("<p>x</p><?php echo 1; ?>", "processing instruction")]
    public void Declarations_and_processing_instructions_are_refused(string body, string mention)
    {
        Assert.Contains(mention, StorageFormat.Validate(body)!.Message);
        Assert.Equal(System.Net.WebUtility.HtmlEncode(body), StorageView.Render(body, "KEY"));
    }

    [Fact]
    public void Work_on_a_body_stops_when_the_request_is_cancelled()
    {
        var body = string.Concat(Enumerable.Repeat("<p>para <b>bold</b></p>", 10_000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => StorageFormat.Validate(body, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => StorageFormat.Parse(body, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => StorageView.Render(body, "KEY", cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => StorageEditor.ToEditor(body, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => StorageEditor.ToStorage(body, cancelled.Token));
    }
}
