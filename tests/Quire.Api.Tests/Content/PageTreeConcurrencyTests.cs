using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// Re-parentings raced against each other (X under Y while Y goes under X, through the move
/// operation and through <c>PUT /content/{id}</c> with <c>ancestors</c>): whatever order they
/// run in, no parent cycle may form and no page may drop out of its space's tree.
/// </summary>
public abstract class PageTreeConcurrencyTests(ServerFixture fixture) : ApiTest(fixture)
{
    /// <summary>Rounds per kind of race; every request of a round is sent this many times at once.</summary>
    private const int RoundsPerKind = 6;
    private const int Copies = 3;

    private Task<ApiResponse> Move(string page, string target) =>
        Admin.PutJson($"{ContentUrl}/{page}/move/append/{target}", new { });

    private async Task<ApiResponse> PutUnder(string page, string parent, int version, string title) =>
        await Admin.PutJson($"{ContentUrl}/{page}", new
        {
            version = new { number = version + 1 }, type = "page", title, ancestors = new[] { new { id = parent } },
        });

    [SkippableFact]
    public async Task Opposing_re_parentings_never_form_a_cycle()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var pages = new Dictionary<string, string>();
        foreach (var title in new[] { "X", "Y", "Z" })
            pages[title] = (string)(await Admin.CreatePageAsync(key, title, parentId: root))["id"]!;
        string x = pages["X"], y = pages["Y"], z = pages["Z"];

        for (var round = 0; round < 4 * RoundsPerKind; round++)
        {
            var versions = new Dictionary<string, int>();
            foreach (var id in pages.Values)
                versions[id] = (int)(await Admin.GetContentAsync(id, "?expand=version"))["version"]!["number"]!;
            Func<Task<ApiResponse>>[] race = (round % 4) switch
            {
                0 => [() => Move(x, y), () => Move(y, x)],
                1 => [() => PutUnder(x, y, versions[x], "X"), () => PutUnder(y, x, versions[y], "Y")],
                2 => [() => Move(x, y), () => PutUnder(y, x, versions[y], "Y")],
                // A ring of three: any two may land, the third must then be refused.
                _ => [() => Move(x, y), () => Move(y, z), () => PutUnder(z, x, versions[z], "Z")],
            };
            var answers = await Task.WhenAll(race.SelectMany(send => Enumerable.Range(0, Copies).Select(_ => Task.Run(send))));
            Assert.All(answers, a => Assert.True(
                a.Status == HttpStatusCode.OK || (int)a.Status is >= 400 and < 500, $"Round {round}: {(int)a.Status} {a.Body}"));
            Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);

            await AssertTreeIntactAsync(root, pages, round);
            foreach (var id in pages.Values) (await Move(id, root)).Expect(HttpStatusCode.OK);
        }
    }

    /// <summary>Every page's ancestors end at the root, within the number of pages, and the root's descendants hold them all.</summary>
    private async Task AssertTreeIntactAsync(string root, Dictionary<string, string> pages, int round)
    {
        foreach (var (title, id) in pages)
        {
            var ancestors = (await Admin.GetContentAsync(id, "?expand=ancestors"))["ancestors"]!.AsArray()
                .Select(a => (string)a!["id"]!).ToList();
            Assert.True(ancestors.Count <= pages.Count && ancestors.Count > 0 && ancestors[0] == root && !ancestors.Contains(id),
                $"Round {round}: {title} has the ancestors {string.Join(", ", ancestors.Take(8))}{(ancestors.Count > 8 ? ", ..." : "")}");
        }
        var descendants = (await Admin.Get($"{ContentUrl}/{root}/descendant/page?limit=50")).Expect(HttpStatusCode.OK)
            .Json!["results"]!.AsArray().Select(r => (string)r!["id"]!).ToHashSet();
        Assert.True(descendants.SetEquals(pages.Values), $"Round {round}: the root's descendants are {string.Join(", ", descendants)}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageTreeConcurrencyTestsOnSqlite(SqliteServerFixture fixture) : PageTreeConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PageTreeConcurrencyTestsOnPostgres(PostgresServerFixture fixture) : PageTreeConcurrencyTests(fixture);
