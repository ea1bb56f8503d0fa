using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Storage;
using Quire.Storage.Analytics;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Analytics;

public abstract class AnalyticsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Views(string id, string query = "") => $"/wiki/rest/api/analytics/content/{id}/views{query}";
    private static string Viewers(string id, string query = "") => $"/wiki/rest/api/analytics/content/{id}/viewers{query}";

    [SkippableFact]
    public async Task Reads_of_content_are_counted_as_views_and_distinct_viewers()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var id = (string)(await Admin.CreatePageAsync(key, "Popular"))["id"]!;
        var none = (await Admin.Get(Views(id))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((long.Parse(id), 0L), ((long)none["id"]!, (long)none["count"]!));

        for (var i = 0; i < 3; i++) (await reader.Client.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);
        await Admin.UpdateAsync(id, 2, "Popular", "<p>v2</p>");
        (await Admin.Get($"{ContentUrl}/{id}?version=1")).Expect(HttpStatusCode.OK); // an old version is not a view of the page

        Assert.Equal(4, (long)(await reader.Client.Get(Views(id))).Expect(HttpStatusCode.OK).Json!["count"]!);
        Assert.Equal(2, (long)(await reader.Client.Get(Viewers(id))).Expect(HttpStatusCode.OK).Json!["count"]!);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(0, (long)(await Admin.Get(Views(id, $"?fromDate={tomorrow}"))).Json!["count"]!);
        Assert.Equal(4, (long)(await Admin.Get(Views(id, "?fromDate=2021-03-21T00:00:00.000Z"))).Json!["count"]!);
    }

    [SkippableFact]
    public async Task A_flush_of_more_readers_than_one_statement_takes_stores_them_all()
    {
        var key = await Admin.SharedSpaceAsync([]);
        var id = long.Parse((string)(await Admin.CreatePageAsync(key, "Read by many"))["id"]!);
        await using var session = new DbSession(Server.Services.GetRequiredService<Database>());
        // 250 readers, one of them twice: rows for three of ContentViewStore's statements (a hundred rows each), each column
        // an array; a view of content that does not exist is left out.
        var views = Enumerable.Range(1, 250).Select(user => new ContentView(id, user, 1_000 + user))
            .Append(new ContentView(id, 7, 5_000)).Append(new ContentView(99_999_999, 1, 1)).ToList();
        await new ContentViewStore(session).InsertAsync(views);

        var stored = await session.QueryAsync<(long UserId, long ViewedAt, long Views)>(
            "SELECT user_id, viewed_at, views FROM content_views WHERE content_id = @id ORDER BY user_id", new { id });
        Assert.Equal(Enumerable.Range(1, 250).Select(u => ((long)u, u == 7 ? 5_000L : 1_000L + u, u == 7 ? 2L : 1L)), stored);
        Assert.Equal(0, await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM content_views WHERE content_id = 99999999"));
    }

    [SkippableFact]
    public async Task A_readers_reads_within_one_flush_are_stored_as_one_row_that_counts_them_all()
    {
        var key = await Admin.SharedSpaceAsync([]);
        var id = (string)(await Admin.CreatePageAsync(key, "Read often"))["id"]!;
        for (var i = 0; i < 20; i++) (await Admin.Get($"{ContentUrl}/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal(20, (long)(await Admin.Get(Views(id))).Expect(HttpStatusCode.OK).Json!["count"]!);
        await using var session = new DbSession(Server.Services.GetRequiredService<Database>());
        var rows = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM content_views WHERE content_id = @id", new { id = long.Parse(id) });
        // One row per flush (every two seconds) that saw them: on a loaded machine the reads may straddle a few flushes,
        // never one row per read.
        Assert.InRange(rows, 1, 5);
    }

    [SkippableFact]
    public async Task Hidden_missing_and_bad_requests_are_refused()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var id = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(id, Entry("read", [me]));
        (await reader.Client.Get(Views(id))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get(Viewers(id))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get(Views("99999999"))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get(Views(id, "?fromDate=last-tuesday"))).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get(Views(id))).ExpectError(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AnalyticsApiTestsOnSqlite(SqliteServerFixture fixture) : AnalyticsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AnalyticsApiTestsOnPostgres(PostgresServerFixture fixture) : AnalyticsApiTests(fixture);
