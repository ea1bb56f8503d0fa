using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Search;

/// <summary>
/// The largest queries CQL allows (1,000 values in a list, 10,000 characters) run on both engines
/// (issue 12, item 5). A flat chain of ORs was as deep as it was long to SQLite's parser, which
/// refuses more than 1,000 levels ("Expression tree is too large"): 500 before the SQL was balanced.
/// </summary>
public abstract class LargeCqlTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string ContentSearch = "/wiki/rest/api/content/search";

    private async Task<List<string>> IdsAsync(string cql, string endpoint = ContentSearch)
    {
        Assert.True(cql.Length <= 10_000, $"{cql.Length} characters");
        var json = (await Admin.Get($"{endpoint}?cql={Uri.EscapeDataString(cql)}&limit=250")).Expect(HttpStatusCode.OK).Json!;
        return json["results"]!.AsArray().Select(r => (string?)r!["id"] ?? (string?)r!["content"]?["id"] ?? "").ToList();
    }

    [SkippableFact]
    public async Task Strings_escaping_to_nul_or_a_lone_surrogate_are_a_400_on_both_engines()
    {
        // PostgreSQL refuses NUL in text and Npgsql cannot encode a lone surrogate: both were 500s waiting to happen.
        foreach (var cql in new[] { "title = \"a\\u0000b\"", "text ~ \"\\ud800\"", "label in (x, \"\\udc00\")", "type = user and user.fullname ~ \"\\u0000\"" })
        foreach (var endpoint in new[] { ContentSearch, "/wiki/rest/api/search", "/wiki/rest/api/search/user" })
        {
            if (cql.StartsWith("type = user") != endpoint.EndsWith("/user")) continue;
            var answer = (await Admin.Get($"{endpoint}?cql={Uri.EscapeDataString(cql)}")).ExpectError(HttpStatusCode.BadRequest);
            Assert.Contains("NUL characters or lone surrogates", answer.ErrorMessage);
        }
    }

    [SkippableFact]
    public async Task A_thousand_values_in_a_list_and_a_thousand_clauses_find_what_they_name()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var u = Unique();
        var page = (string)(await Admin.CreatePageAsync(key, "Large " + u,
            "<ac:structured-macro ac:name=\"m999\" />"))["id"]!;
        (await Admin.PostJson($"{ContentUrl}/{page}/label", new[] { new { prefix = "global", name = "q999" } })).Expect(HttpStatusCode.OK);

        var labels = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"q{i}"));
        Assert.Equal([page], await IdsAsync($"label in ({labels}) and space = {key}"));
        Assert.Equal([page], await IdsAsync($"space = {key} and macro in ({string.Join(",", Enumerable.Range(0, 1000).Select(i => $"m{i}"))})"));
        Assert.Equal([page], await IdsAsync($"space = {key} and title in ({string.Join(",", Enumerable.Range(0, 999).Select(i => $"t{i}"))}, \"Large {u}\")"));
        Assert.Equal([page], await IdsAsync($"id in ({string.Join(",", Enumerable.Range(1, 999).Select(i => (long.Parse(page) + 1_000_000 + i).ToString()))}, {page})"));

        // 1,150 clauses joined by OR (and 700 by AND), each its own SQL condition.
        var ors = string.Join(" or ", Enumerable.Range(0, 1150).Select(i => i == 7 ? $"id={page}" : $"id={i % 9 + 1}"));
        Assert.Contains(page, await IdsAsync($"space = {key} and ({ors})"));
        var ands = string.Join(" and ", Enumerable.Range(0, 700).Select(i => $"id!={long.Parse(page) + 1 + i % 9}"));
        Assert.Contains(page, await IdsAsync($"space = {key} and {ands}"));
        // Free text in hundreds of clauses (the full-text query string and relevance are built from all of them).
        var texts = string.Join(" or ", Enumerable.Range(0, 700).Select(i => $"text~w{i % 10}"));
        Assert.Empty(await IdsAsync($"space = {key} and ({texts})", "/wiki/rest/api/search"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LargeCqlTestsOnSqlite(SqliteServerFixture fixture) : LargeCqlTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LargeCqlTestsOnPostgres(PostgresServerFixture fixture) : LargeCqlTests(fixture);
