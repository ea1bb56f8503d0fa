using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Core.Redactions;

namespace Quire.Core.Tests.Formats;

public sealed class TextRedactionsTests
{
    private static JsonObject Document(params string[] texts) => new()
    {
        ["type"] = "doc",
        ["version"] = 1,
        ["content"] = new JsonArray(texts.Select(t => (JsonNode)new JsonObject
        {
            ["type"] = "paragraph",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = t }),
        }).ToArray()),
    };

    private static string TextOf(JsonObject document, int paragraph) => (string)document["content"]![paragraph]!["content"]![0]!["text"]!;

    [Fact]
    public void Ranges_of_one_text_are_replaced_together_and_overlaps_share_an_id()
    {
        var document = Document("abcdefghij", "klmno");
        var applied = TextRedactions.RedactDocument(document,
        [
            new RedactionPointerInput("/content/0/content/0/text", 6, 8, "later"),
            new RedactionPointerInput("/content/0/content/0/text", 1, 3, null),
            new RedactionPointerInput("/content/0/content/0", 2, 5, null),
            new RedactionPointerInput("/content/1/content/0/text", null, null, null),
        ]);
        Assert.Equal("a[redacted]f[redacted]ij", TextOf(document, 0));
        Assert.Equal("[redacted]", TextOf(document, 1));
        Assert.Equal([6, 1, 2, 0], applied.Select(a => a.From));
        Assert.Equal([8, 3, 5, 5], applied.Select(a => a.To));
        Assert.Equal(applied[1].RedactionId, applied[2].RedactionId);
        Assert.Equal(3, applied.Select(a => a.RedactionId).Distinct().Count());
        Assert.Equal("later", applied[0].Reason);
    }

    [Theory]
    [InlineData("/content/0/content/0/text", 3, 99)]
    [InlineData("/content/0/content/0/text", 4, 4)]
    [InlineData("/content/0/content/0/text", -1, 2)]
    [InlineData("/content/0", 0, 1)]
    [InlineData("/content/7/content/0/text", 0, 1)]
    [InlineData("/content/x", 0, 1)]
    [InlineData("content/0/content/0/text", 0, 1)]
    [InlineData("/version", 0, 1)]
    public void Bad_pointers_and_ranges_change_nothing(string pointer, int from, int to)
    {
        var document = Document("abcdefghij");
        Assert.Throws<BadRequestException>(() => TextRedactions.RedactDocument(document,
            [new RedactionPointerInput("/content/0/content/0/text", 0, 2, null), new RedactionPointerInput(pointer, from, to, null)]));
        Assert.Equal("abcdefghij", TextOf(document, 0));
    }

    [Fact]
    public void A_title_is_one_text()
    {
        var (title, applied) = TextRedactions.RedactTitle("Secret plan", [new RedactionPointerInput("/", 0, 6, null)]);
        Assert.Equal("[redacted] plan", title);
        Assert.Single(applied);
        Assert.Throws<BadRequestException>(() => TextRedactions.RedactTitle("Secret plan", [new RedactionPointerInput("/content/0", 0, 6, null)]));
    }
}
