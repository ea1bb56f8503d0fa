using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// Page creations sent at once, some with a title another of them takes. On SQLite they queue for the one writer and share
/// transactions (group commit, SqliteWriter), so a refused one sits between accepted ones in the same transaction: each answer
/// must say what is stored, every page answered 200 readable and none answered with an error.
/// </summary>
public abstract class ConcurrentCreationTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int Titles = 8;
    private const int Copies = 3;

    [SkippableFact]
    public async Task Concurrent_creations_store_exactly_the_pages_answered_200()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var titles = Enumerable.Range(0, Titles).Select(i => $"Concurrent {i}").ToArray();

        var sent = titles.SelectMany(title => Enumerable.Range(0, Copies).Select(_ => (title, answer: Task.Run(() =>
            Admin.PostJson(ContentUrl, new { type = "page", title, space = new { key }, body = StorageBody($"<p>{title}</p>") }))))).ToList();
        await Task.WhenAll(sent.Select(s => s.answer));

        var created = new Dictionary<string, string>();
        foreach (var (title, answer) in sent)
        {
            var response = answer.Result;
            if (response.Status == HttpStatusCode.OK)
            {
                Assert.True(created.TryAdd(title, (string)response.Json!["id"]!), $"\"{title}\" was created twice");
                continue;
            }
            var error = response.ExpectError(HttpStatusCode.BadRequest);
            Assert.Equal("A page with this title already exists: A page already exists with the same TITLE in this space", error.ErrorMessage);
        }
        Assert.Equal(titles.Order(), created.Keys.Order());

        foreach (var (title, id) in created)
        {
            var page = await Admin.GetContentAsync(id, "?expand=body.storage");
            Assert.Equal(title, (string)page["title"]!);
            Assert.Equal($"<p>{title}</p>", (string)page["body"]!["storage"]!["value"]!);
        }
        var listed = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page?limit=100")).Expect(HttpStatusCode.OK)
            .Json!["results"]!.AsArray().Where(p => ((string)p!["title"]!).StartsWith("Concurrent ", StringComparison.Ordinal))
            .Select(p => (string)p!["id"]!).Order();
        Assert.Equal(created.Values.Order(), listed);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrentCreationTestsOnSqlite(SqliteServerFixture fixture) : ConcurrentCreationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrentCreationTestsOnPostgres(PostgresServerFixture fixture) : ConcurrentCreationTests(fixture);
