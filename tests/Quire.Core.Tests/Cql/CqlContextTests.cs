using Quire.Core.Cql;

namespace Quire.Core.Tests.Cql;

public sealed class CqlContextTests
{
    [Fact]
    public void A_context_names_space_content_and_statuses()
    {
        var context = CqlContext.Parse("{\"spaceKey\":\"DEV\",\"contentId\":\"123\",\"contentStatuses\":[\"current\",\"archived\",\"current\"],\"other\":1}");
        Assert.Equal("DEV", context.SpaceKey);
        Assert.Equal("123", context.ContentId);
        Assert.Equal(["current", "archived"], context.ContentStatuses);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{}")]
    [InlineData("{\"spaceKey\":null,\"contentId\":null,\"contentStatuses\":null}")]
    public void Missing_parts_are_empty(string? json)
    {
        var context = CqlContext.Parse(json);
        Assert.Null(context.SpaceKey);
        Assert.Null(context.ContentId);
        Assert.Empty(context.ContentStatuses);
    }

    [Fact]
    public void A_numeric_content_id_is_taken_as_text() =>
        Assert.Equal("42", CqlContext.Parse("{\"contentId\":42}").ContentId);

    [Theory]
    [InlineData("{\"spaceKey\":", "Could not parse cqlcontext: invalid JSON at line 1, byte 13")]
    [InlineData("{'spaceKey':'DEV'}", "Could not parse cqlcontext: invalid JSON at line 1, byte 2")]
    [InlineData("[1]", "Could not parse cqlcontext: expected a JSON object but found an array")]
    [InlineData("\"DEV\"", "Could not parse cqlcontext: expected a JSON object but found a string")]
    [InlineData("{\"spaceKey\":1}", "Could not parse cqlcontext: spaceKey must be a string but is a number")]
    [InlineData("{\"spaceKey\":\" \"}", "Could not parse cqlcontext: spaceKey must not be blank")]
    [InlineData("{\"contentId\":true}", "Could not parse cqlcontext: contentId must be a string but is a boolean")]
    [InlineData("{\"contentId\":\"abc\"}", "Could not parse cqlcontext: contentId must be a content id (digits) but is 'abc'")]
    [InlineData("{\"contentId\":-1}", "Could not parse cqlcontext: contentId must be a content id (digits) but is '-1'")]
    [InlineData("{\"contentStatuses\":\"current\"}", "Could not parse cqlcontext: contentStatuses must be an array of strings but is a string")]
    [InlineData("{\"contentStatuses\":[1]}", "Could not parse cqlcontext: contentStatuses must hold strings but holds a number")]
    [InlineData("{\"contentStatuses\":[\"gone\"]}", "Could not parse cqlcontext: unknown content status 'gone' (known: current, draft, archived, trashed)")]
    [InlineData("{\"a\":[[[[[[[[[[1]]]]]]]]]]}", "Could not parse cqlcontext: invalid JSON at line 1, byte 13")]
    public void Bad_contexts_are_400s_that_say_why(string json, string message)
    {
        var e = Assert.Throws<CqlException>(() => CqlContext.Parse(json));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Random_contexts_fail_only_with_the_400()
    {
        var random = new Random(7);
        string[] parts = ["{", "}", "[", "]", "\"spaceKey\"", "\"contentId\"", "\"contentStatuses\"", ":", ",", "\"current\"", "1", "null", "true", "\"", "\\", "é"];
        for (var i = 0; i < 5_000; i++)
        {
            var json = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => parts[random.Next(parts.Length)]));
            try { CqlContext.Parse(json); }
            catch (CqlException) { }
        }
        Assert.Throws<CqlException>(() => CqlContext.Parse("{\"spaceKey\":\"" + new string('a', CqlContext.MaxLength) + "\"}"));
    }
}
