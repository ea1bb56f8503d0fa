using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;

namespace Quire.Core.Tests.Content;

/// <summary>
/// The web tree's top level is a range scan on SQLite: each page-tree type reads <c>ix_content_children</c> from the top of
/// its space (first page) or from the key after the cursor, in the tree's order, stopping at the page's end; only what the
/// branches yield (a page each at most) is sorted for the merge, so a page deep in a long level costs what the first does.
/// </summary>
public sealed class TreeRootsPlanTests : IAsyncLifetime
{
    private MigratedSqliteDatabase _sqlite = null!;
    private static readonly Viewer Reader = new(7, ["g-1"]);

    public async Task InitializeAsync() => _sqlite = await MigratedSqliteDatabase.CreateAsync("tree-plan");

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    [Fact]
    public async Task Each_tree_type_is_an_ordered_range_of_the_children_index_first_page_and_after_a_key()
    {
        foreach (var after in new[] { null, new Keyset("4000", 42) })
        {
            var plan = await PlanAsync(after);
            for (var i = 0; i < PageTreeTypes.All.Count; i++)
            {
                var steps = MigratedSqliteDatabase.Branch(plan, $"b{i}");
                var seek = steps.Split('\n').SingleOrDefault(s => s.Contains("INDEX ix_content_children", StringComparison.Ordinal));
                Assert.True(seek is not null, plan);
                Assert.Contains("(parent_id=? AND type=? AND status=? AND space_id=?", seek);
                // After a key the seek starts at its position (SQLite shows the row value's range by its first column).
                if (after is not null) Assert.Contains("position>", seek);
                else Assert.DoesNotContain("position", seek);
                Assert.DoesNotContain("TEMP B-TREE", steps);
            }
        }
    }

    /// <summary>SQLite's plan of the level's statement, one line per step.</summary>
    private Task<string> PlanAsync(Keyset? after)
    {
        var (sql, parameters) = TreeRootsQuery.Build(SqlDialect.Sqlite, spaceId: 3, Reader, after, count: 51);
        return _sqlite.PlanAsync(sql, parameters);
    }
}
