using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Core.Formats;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Search;

/// <summary>
/// The search row of new content. On SQLite a creation writes it whole before the content, under the id the insert is about
/// to take, and the insert's trigger leaves it be (SearchIndexStore.TryWriteAheadAsync, migration 0043); on PostgreSQL the
/// trigger writes it and the text follows. Either way each piece of content has exactly one row, holding its title and its
/// body's text, a creation refused (its title taken, alone or among concurrent ones sharing a transaction) leaves none
/// behind, and other inserts (a space's homepage) still get theirs from the trigger.
/// </summary>
public abstract class SearchRowTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Each_new_piece_of_content_has_one_search_row_with_its_title_and_text_and_a_refused_one_none()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var bodies = new Dictionary<string, (string Title, string Body)>();
        async Task<string> Created(object request, string title, string body)
        {
            var id = (string)(await Admin.PostJson(ContentUrl, request)).Expect(HttpStatusCode.OK).Json!["id"]!;
            bodies[id] = (title, body);
            return id;
        }

        var page = await Created(new { type = "page", title = "Quartz row", space = new { key }, body = StorageBody("<p>Feldspar and <em>mica</em></p>") },
            "Quartz row", "<p>Feldspar and <em>mica</em></p>");
        await Created(new { type = "page", title = "Empty row", space = new { key }, body = StorageBody("") }, "Empty row", "");
        await Created(new { type = "blogpost", title = "Basalt post", space = new { key }, body = StorageBody("<p>Obsidian</p>") }, "Basalt post", "<p>Obsidian</p>");
        await Created(new { type = "comment", container = new { id = page, type = "page" }, body = StorageBody("<p>Granite remark</p>") },
            "Re: Quartz row", "<p>Granite remark</p>");
        (await Admin.PostJson(ContentUrl, new { type = "page", title = "Quartz row", space = new { key }, body = StorageBody("<p>Refused</p>") }))
            .ExpectError(HttpStatusCode.BadRequest);
        // Concurrent creations share the writer's transactions on SQLite; the refused ones sit between accepted ones there.
        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var title = $"Burst {i % 4}";
            var body = $"<p>Shale {i % 4}</p>";
            var answer = await Admin.PostJson(ContentUrl, new { type = "page", title, space = new { key }, body = StorageBody(body) });
            return (answer, title, body);
        })));
        foreach (var (answer, title, body) in burst.Where(b => b.answer.Status == HttpStatusCode.OK))
            bodies[(string)answer.Json!["id"]!] = (title, body);
        Assert.Equal(4 + 4, bodies.Count);

        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var column = db.Dialect.FullTextKey;
        var spaceId = await db.ExecuteScalarAsync<long>("SELECT id FROM spaces WHERE key = @key", new { key });
        var rows = await db.QueryAsync<(long Id, string Title, string? Body)>(
            $"""
            SELECT x.{column}, x.title, x.body FROM content_search x JOIN content c ON c.id = x.{column}
            WHERE c.space_id = @spaceId AND c.id <> COALESCE((SELECT homepage_id FROM spaces WHERE id = @spaceId), 0)
            """, new { spaceId });
        Assert.Equal(bodies.Keys.Select(long.Parse).Order(), rows.Select(r => r.Id).Order());
        foreach (var row in rows)
        {
            var (title, body) = bodies[row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(title, row.Title);
            Assert.Equal(StorageText.Extract(body), row.Body);
        }
        // No search row without its content, and the homepage (inserted without a body's text) has its row from the trigger.
        Assert.Equal(0, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM content_search x WHERE NOT EXISTS (SELECT 1 FROM content c WHERE c.id = x.{column})"));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM content_search x JOIN spaces s ON s.homepage_id = x.{column} WHERE s.id = @spaceId", new { spaceId }));

        // And CQL finds them by title and by text, the refused creation's text nowhere.
        async Task<List<string>> Ids(string cql) =>
            (await Admin.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString(cql)}&limit=50")).Expect(HttpStatusCode.OK)
                .Json!["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Equal([page], await Ids($"space = {key} AND type = page AND title ~ quartz"));
        Assert.Equal([page], await Ids($"space = {key} AND text ~ feldspar"));
        Assert.Empty(await Ids($"space = {key} AND text ~ refused"));
        Assert.Equal(4, (await Ids($"space = {key} AND text ~ shale")).Count);
    }

    /// <summary>
    /// The id a search row is written ahead under is the one the insert then takes (SQLite's AUTOINCREMENT rule), also after a
    /// refused insert and after a deletion of the newest content; PostgreSQL writes nothing ahead.
    /// </summary>
    [SkippableFact]
    public async Task A_search_row_written_ahead_takes_the_id_the_insert_then_takes()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var last = (string)(await Admin.CreatePageAsync(key, "Newest for now"))["id"]!;
        (await Admin.Delete($"{ContentUrl}/{last}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{ContentUrl}/{last}?status=trashed")).Expect(HttpStatusCode.NoContent);

        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var search = scope.ServiceProvider.GetRequiredService<Quire.Storage.Search.SearchIndexStore>();
        var spaceId = await db.ExecuteScalarAsync<long>("SELECT id FROM spaces WHERE key = @key", new { key });
        Assert.Null(await search.TryWriteAheadAsync("Outside", "a transaction", CancellationToken.None));
        var (ahead, inserted) = await db.InTransactionAsync(async () =>
        {
            var ahead = await search.TryWriteAheadAsync("Ahead", "written first", CancellationToken.None);
            var inserted = await db.ExecuteScalarAsync<long>(
                """
                INSERT INTO content (type, status, space_id, title, title_lower, body_storage, version, created_at, updated_at)
                VALUES ('page', 'current', @spaceId, 'Ahead', 'ahead', '<p>written first</p>', 1, 0, 0) RETURNING id
                """, new { spaceId });
            return (ahead, inserted);
        });
        if (db.Provider == DatabaseProvider.Postgres)
        {
            Assert.Null(ahead);
            return;
        }
        Assert.Equal(inserted, ahead);
        Assert.True(inserted > long.Parse(last), "ids are never reused, the deleted newest one's neither");
        var rows = await db.QueryAsync<(string Title, string Body)>("SELECT title, body FROM content_search WHERE rowid = @inserted", new { inserted });
        Assert.Equal([("Ahead", "written first")], rows);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchRowTestsOnSqlite(SqliteServerFixture fixture) : SearchRowTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SearchRowTestsOnPostgres(PostgresServerFixture fixture) : SearchRowTests(fixture);
