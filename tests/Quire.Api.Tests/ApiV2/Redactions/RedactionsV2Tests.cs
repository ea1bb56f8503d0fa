using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.Redactions;

/// <summary>confluence.js's redactions: ranges of a page's or blog post's body (pointed at in its ADF) and title, taken out in a new version.</summary>
public abstract class RedactionsV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Body = "<p>The code is 12345 and the pin 999.</p><p>Nothing <strong>secret</strong> here.</p>";

    private static object Request(object[]? body = null, object[]? title = null, int? versionNumber = null, bool? cleanHistory = null) => new
    {
        createdAt = "2026-12-05T08:00:00.000Z",
        versionNumber,
        cleanHistory,
        body = body is null ? null : new { redactions = body },
        title = title is null ? null : new { redactions = title },
    };

    private static object Pointer(string pointer, int? from = null, int? to = null, string? reason = null) => new { pointer, from, to, reason };

    private static async Task<JsonNode> StoredAsync(HttpClient client, string kind, string id) =>
        (await client.Get($"{V2}/{kind}/{id}?body-format=storage")).Expect(HttpStatusCode.OK).Json!;

    [SkippableFact]
    public async Task Body_and_title_ranges_are_replaced_in_a_new_version()
    {
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var page = await owner.Client.CreateV2PageAsync(spaceId, title: "Secret plan " + Unique(), body: Body);
        var id = (string)page["id"]!;

        var answer = (await owner.Client.PostJson($"{V2}/pages/{id}/redact", Request(
            body: [Pointer("/content/0/content/0/text", 12, 17, "account number"), Pointer("/content/0/content/0", 13, 15), Pointer("/content/0/content/0/text", 30, 33)],
            title: [Pointer("/", 0, 6)],
            versionNumber: 1))).Expect(HttpStatusCode.OK).Json!;
        var redactions = answer["body"]!["redactions"]!.AsArray();
        Assert.Equal(3, redactions.Count);
        Assert.Equal("/content/0/content/0/text", (string?)redactions[0]!["pointer"]);
        Assert.Equal(12, (int?)redactions[0]!["from"]);
        Assert.Equal(17, (int?)redactions[0]!["to"]);
        Assert.Equal("account number", (string?)redactions[0]!["reason"]);
        // The second range lies inside the first: one redaction, one id.
        Assert.Equal((string?)redactions[0]!["redactionId"], (string?)redactions[1]!["redactionId"]);
        Assert.NotEqual((string?)redactions[0]!["redactionId"], (string?)redactions[2]!["redactionId"]);
        Assert.True(Guid.TryParse((string?)redactions[2]!["redactionId"], out _));
        Assert.Single(answer["title"]!["redactions"]!.AsArray());

        var stored = await StoredAsync(owner.Client, "pages", id);
        var storage = (string)stored["body"]!["storage"]!["value"]!;
        Assert.Equal(2, (int?)stored["version"]!["number"]);
        Assert.StartsWith("[redacted] plan", (string?)stored["title"]);
        Assert.DoesNotContain("12345", storage);
        Assert.DoesNotContain("999", storage);
        Assert.Contains("The code is [redacted] and the pin [redacted].", storage);
        Assert.Contains("<strong>secret</strong>", storage);
        // v1 reads the same body; the earlier version keeps the text, as history is not rewritten.
        var v1 = (await owner.Client.Get($"/wiki/rest/api/content/{id}?expand=body.storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(storage, (string?)v1["body"]!["storage"]!["value"]);
        var first = (await owner.Client.Get($"{V2}/pages/{id}?version=1&body-format=storage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains("12345", (string?)first["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task Blog_posts_are_redacted_too()
    {
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var blog = (await owner.Client.PostJson($"{V2}/blogposts", new
        {
            spaceId, title = "News " + Unique(), body = new { representation = "storage", value = "<p>Call 555-0100 now.</p>" },
        })).Expect(HttpStatusCode.OK).Json!;
        var id = (string)blog["id"]!;
        (await owner.Client.PostJson($"{V2}/blogposts/{id}/redact", Request(body: [Pointer("/content/0/content/0/text", 5, 13)])))
            .Expect(HttpStatusCode.OK);
        Assert.Contains("Call [redacted] now.", (string?)(await StoredAsync(owner.Client, "blogposts", id))["body"]!["storage"]!["value"]);
        // A blog post is not a page: the page route does not find it.
        (await owner.Client.PostJson($"{V2}/pages/{id}/redact", Request(body: [Pointer("/content/0/content/0/text", 0, 1)])))
            .ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_range_that_splits_an_emoji_is_refused()
    {
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        // "Smile " is 6 UTF-16 units; the emoji is two (6 and 7), so 7 lies between its halves.
        var body = "<p>Smile \U0001F600 please</p>";
        var title = "\U0001F600 party " + Unique();
        var id = (string)(await owner.Client.CreateV2PageAsync(spaceId, title: title, body: body))["id"]!;
        var url = $"{V2}/pages/{id}/redact";
        const string text = "/content/0/content/0/text";

        (await owner.Client.PostJson(url, Request(body: [Pointer(text, 0, 7)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [Pointer(text, 7, 9)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(title: [Pointer("/", 0, 1)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        var stored = await StoredAsync(owner.Client, "pages", id);
        Assert.Equal(1, (int?)stored["version"]!["number"]);
        Assert.Equal(title, (string?)stored["title"]);

        // The whole emoji is a fine range.
        (await owner.Client.PostJson(url, Request(body: [Pointer(text, 6, 8)], title: [Pointer("/", 0, 2)]))).Expect(HttpStatusCode.OK);
        stored = await StoredAsync(owner.Client, "pages", id);
        Assert.Contains("Smile [redacted] please", (string?)stored["body"]!["storage"]!["value"]);
        Assert.StartsWith("[redacted] party", (string?)stored["title"]);
    }

    [SkippableFact]
    public async Task Bad_pointers_hidden_content_and_readers_change_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var space = await owner.Client.CreateSpaceAsync(isPrivate: true, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var spaceId = ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await owner.Client.CreateV2PageAsync(spaceId, body: Body);
        var id = (string)page["id"]!;
        var url = $"{V2}/pages/{id}/redact";
        var good = Pointer("/content/0/content/0/text", 0, 3);

        (await owner.Client.PostJson(url, Request(body: [good, Pointer("/content/9/content/0/text", 0, 1)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [Pointer("/content/0", 0, 1)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [Pointer("/content/0/content/0/text", 5, 500)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [Pointer("/content/0/content/0/text", 4, 4)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [Pointer("content/0", 0, 1)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(title: [Pointer("/content/0", 0, 1)]))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request())).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [good], cleanHistory: true))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, new { body = new { redactions = new[] { good } } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Request(body: [good], versionNumber: 7))).ExpectV2Error(HttpStatusCode.Conflict);
        (await reader.Client.PostJson(url, Request(body: [good]))).ExpectV2Error(HttpStatusCode.Forbidden);
        var stranger = await NewUserAsync();
        (await stranger.Client.PostJson(url, Request(body: [good]))).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.PostJson($"{V2}/pages/999999999/redact", Request(body: [good]))).ExpectV2Error(HttpStatusCode.NotFound);

        var stored = await StoredAsync(owner.Client, "pages", id);
        Assert.Equal(1, (int?)stored["version"]!["number"]);
        Assert.Equal(Body, (string?)stored["body"]!["storage"]!["value"]);

        // A trashed page is hidden from redaction as from every other write.
        (await owner.Client.Delete($"{V2}/pages/{id}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.PostJson(url, Request(body: [good]))).ExpectV2Error(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RedactionsV2TestsOnSqlite(SqliteServerFixture fixture) : RedactionsV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RedactionsV2TestsOnPostgres(PostgresServerFixture fixture) : RedactionsV2Tests(fixture);
