using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using Quire.Storage.Dialects;
using Quire.Storage.Search;

namespace Quire.Api.Tests.Search;

/// <summary>
/// Every start looks for bodies the full-text index has not read (<see cref="SearchIndexStore.UnindexedAsync"/>); on
/// PostgreSQL it must read the partial index of them (migration 0044), not the whole table, which took 0.7 s at 100,000
/// pages on every node's start. With sequential scans priced out, as on a large table, the plan names that index (without
/// it the planner walks the primary key instead).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SearchBackfillPostgresPlanTests(PostgresServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task The_start_up_search_for_unindexed_bodies_reads_their_partial_index()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        string? plan = null;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await db.ExecuteAsync("SET LOCAL enable_seqscan = off");
                plan = string.Join("\n", await db.QueryAsync<string>(
                    "EXPLAIN " + SearchIndexStore.UnindexedText(SqlDialect.Postgres), new { count = 200 }));
                throw new RolledBack();
            });
        }
        catch (RolledBack)
        {
        }

        Assert.NotNull(plan);
        Assert.Contains("ix_content_search_unindexed", plan);
    }

    private sealed class RolledBack : Exception;
}
