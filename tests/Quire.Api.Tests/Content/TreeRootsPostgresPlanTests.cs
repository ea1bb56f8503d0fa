using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;

namespace Quire.Api.Tests.Content;

/// <summary>
/// The web tree's top level on PostgreSQL, whose planner weighs statistics (SQLite's plan is checked without data in
/// <c>TreeRootsPlanTests</c>): in a space of 20,000 top-level pages and 3,000 folders, beside top-level comments that share
/// their <c>parent_id IS NULL</c>, each kind's branch of a page is an ordered range of <c>ix_content_children</c> stopped at
/// the page's end, never a sort of the kind's items, on the first page and deep in the walk (the key a range condition of
/// the index). The rows are written and analysed in a transaction that is rolled back, so no other test sees them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TreeRootsPostgresPlanTests(PostgresServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_page_of_a_long_top_level_is_an_ordered_range_of_the_children_index_at_any_depth()
    {
        var (_, spaceId, home) = await Admin.CreateSpaceWithHomepageAsync();
        var homeId = long.Parse(home);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var plans = new List<(Keyset? After, JsonNode Plan)>();
        try
        {
            await db.InTransactionAsync(async () =>
            {
                // Copies of the home page (every column as it has it), but for the kind, place and title.
                var columns = await db.QueryAsync<string>(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'content' AND column_name <> 'id' ORDER BY ordinal_position");
                async Task CopiesAsync(int count, string type, string position, string title, string container)
                {
                    var values = columns.Select(c => c switch
                    {
                        "type" => type, "position" => position, "title" => title, "title_lower" => $"lower({title})",
                        "parent_id" => "NULL", "container_id" => container, _ => "c." + c,
                    });
                    await db.ExecuteAsync(
                        $"""
                        INSERT INTO content ({string.Join(", ", columns)})
                        SELECT {string.Join(", ", values)} FROM content c CROSS JOIN generate_series(1, @count) g WHERE c.id = @homeId
                        """, new { count, homeId });
                }
                await CopiesAsync(20000, "'page'", "2 * g", "'Bulk ' || g", "NULL");
                await CopiesAsync(3000, "'folder'", "2 * g + 1", "'Folder ' || g", "NULL");
                await CopiesAsync(20000, "'comment'", "0", "'Re ' || g", "c.id");
                await db.ExecuteAsync("ANALYZE content");

                var userId = await db.ExecuteScalarAsync<long>("SELECT updated_by FROM content WHERE id = @homeId", new { homeId });
                var groups = await db.QueryAsync<string>("SELECT group_id FROM group_members WHERE user_id = @userId", new { userId });
                var deep = await db.ExecuteScalarAsync<long>(
                    "SELECT id FROM content WHERE space_id = @spaceId AND parent_id IS NULL AND type = 'page' AND position = 30000", new { spaceId });
                foreach (var after in new[] { null, new Keyset("30000", deep) })
                {
                    var (sql, parameters) = TreeRootsQuery.Build(SqlDialect.Postgres, spaceId, new Viewer(userId, groups.ToList()), after, 51);
                    var rows = await db.QueryAsync<ContentRecord>(sql, parameters);
                    Assert.Equal(after is null ? 2 : 30002, rows[after is null ? 1 : 0].Position);
                    plans.Add((after, JsonNode.Parse(await db.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + sql, parameters) ?? "")![0]!["Plan"]!));
                }
                throw new RolledBack();
            });
        }
        catch (RolledBack)
        {
        }

        Assert.Equal(2, plans.Count);
        foreach (var (after, plan) in plans)
        {
            // b0 is the pages' branch and b1 the folders': the kinds with items enough for a sort to tempt the planner.
            foreach (var branch in new[] { "b0", "b1" })
            {
                var nodes = Nodes(Nodes(plan).Single(n => (string?)n["Alias"] == branch)).ToList();
                Assert.True(nodes.All(n => (string?)n["Node Type"] != "Sort"), plan.ToJsonString());
                var seek = nodes.SingleOrDefault(n => (string?)n["Index Name"] == "ix_content_children");
                Assert.True(seek is not null, plan.ToJsonString());
                if (after is not null) Assert.Contains("ROW(\"position\", id) >", (string?)seek["Index Cond"]);
            }
        }
    }

    /// <summary>A plan node and every node below it.</summary>
    private static IEnumerable<JsonNode> Nodes(JsonNode node) =>
        new[] { node }.Concat((node["Plans"]?.AsArray() ?? []).SelectMany(child => Nodes(child!)));

    private sealed class RolledBack : Exception;
}
