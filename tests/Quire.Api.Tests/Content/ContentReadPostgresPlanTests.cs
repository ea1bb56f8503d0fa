using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Dialects;

namespace Quire.Api.Tests.Content;

/// <summary>
/// The single-content read on PostgreSQL as the server runs it: Npgsql prepares it, and after five runs PostgreSQL keeps one
/// generic plan, made without the values. That plan must reach <c>content</c> by its primary key only, never scan the
/// table: with few rows the container's join once did (a hash join over every row of <c>content</c>). Checked on the table as
/// the tests left it (small, not analysed) and with 30,000 rows analysed, in a transaction that is rolled back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ContentReadPostgresPlanTests(PostgresServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task The_reads_generic_plans_reach_content_by_its_primary_key_only()
    {
        var (_, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var homeId = long.Parse(home);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var plans = new List<JsonNode>();
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var viewer = await db.ExecuteScalarAsync<long>("SELECT updated_by FROM content WHERE id = @homeId", new { homeId });
                await PlansAsync(db, homeId, viewer, plans);
                var columns = await db.QueryAsync<string>(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'content' AND column_name <> 'id' ORDER BY ordinal_position");
                // Copies of the home page as comments on it: rows enough for the planner to weigh, each with a container.
                var values = columns.Select(c => c switch
                {
                    "type" => "'comment'", "title" => "'Re ' || g", "title_lower" => "'re ' || g", "parent_id" => "NULL", "container_id" => "c.id",
                    _ => "c." + c,
                });
                await db.ExecuteAsync(
                    $"""
                    INSERT INTO content ({string.Join(", ", columns)})
                    SELECT {string.Join(", ", values)} FROM content c CROSS JOIN generate_series(1, 30000) g WHERE c.id = @homeId
                    """, new { homeId });
                await db.ExecuteAsync("ANALYZE content");
                await PlansAsync(db, homeId, viewer, plans);
                throw new RolledBack();
            });
        }
        catch (RolledBack)
        {
        }

        Assert.Equal(4, plans.Count);
        foreach (var plan in plans)
        {
            var nodes = Nodes(plan).ToList();
            // Only content is held to its primary key: the rule's probes of the small permission, restriction and guard
            // tables may be hashed or scanned as the planner weighs them (in the whole suite they hold other tests' rows).
            var onContent = nodes.Where(n => (string?)n["Relation Name"] == "content").ToList();
            Assert.NotEmpty(onContent);
            Assert.All(onContent, n => Assert.True(
                (string?)n["Node Type"] == "Index Scan" && (string?)n["Index Name"] == "content_pkey", plan.ToJsonString()));
        }
    }

    /// <summary>
    /// The generic plans of the row's statement and of the container check, as the session's prepared statements (Npgsql
    /// names its parameters $1, $2... in their order of first use; the names here are the read's).
    /// </summary>
    private static async Task PlansAsync(DbSession db, long id, long viewerId, List<JsonNode> plans)
    {
        await db.ExecuteAsync("SET LOCAL plan_cache_mode = force_generic_plan");
        foreach (var sql in new[] { ContentReadQuery.Row(SqlDialect.Postgres), ContentReadQuery.ContainerReadable(SqlDialect.Postgres) })
        {
            var name = "plan_" + Guid.NewGuid().ToString("N");
            var positional = sql.Replace("@viewerGroups", "$4").Replace("@viewerAnonymous", "$5").Replace("@viewerId", "$3")
                .Replace("@pending", "$2").Replace("@id", "$1");
            Assert.DoesNotContain("@", positional);
            await db.ExecuteAsync($"PREPARE {name} (bigint, boolean, bigint, text[], boolean) AS {positional}");
            var json = await db.ExecuteScalarAsync<string>(
                $"EXPLAIN (FORMAT JSON) EXECUTE {name} ({id}, false, {viewerId}, ARRAY['a-group']::text[], false)");
            await db.ExecuteAsync($"DEALLOCATE {name}");
            plans.Add(JsonNode.Parse(json!)![0]!["Plan"]!);
        }
    }

    /// <summary>A plan node and every node below it, subplans included.</summary>
    private static IEnumerable<JsonNode> Nodes(JsonNode node) =>
        new[] { node }.Concat((node["Plans"]?.AsArray() ?? []).SelectMany(child => Nodes(child!)));

    private sealed class RolledBack : Exception;
}
