using Quire.Storage.Content;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Core.Tests.Content;

/// <summary>
/// The single-content read on SQLite: the row and the container check each reach <c>content</c> by its primary key, and the
/// rule's probes (space grant, read guards, trash, the containers above) are index lookups, never a scan of a table.
/// </summary>
public sealed class ContentReadPlanTests : IAsyncLifetime
{
    private MigratedSqliteDatabase _sqlite = null!;
    private static readonly Viewer Reader = new(7, ["g-1"]);

    public async Task InitializeAsync() => _sqlite = await MigratedSqliteDatabase.CreateAsync("read-plan");

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    [Fact]
    public async Task The_row_and_its_container_are_primary_key_lookups_and_the_rule_probes_indexes()
    {
        var row = await _sqlite.PlanAsync(ContentReadQuery.Row(SqlDialect.Sqlite), ReadRule.ForOneRow(Reader, 42));
        Assert.Contains("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)", row);
        // Containers are the second statement's, run only for a row that has one.
        Assert.DoesNotContain("SEARCH k ", row);

        var container = await _sqlite.PlanAsync(ContentReadQuery.ContainerReadable(SqlDialect.Sqlite), ReadRule.ForOneRow(Reader, 42));
        Assert.Contains("SEARCH k USING INTEGER PRIMARY KEY (rowid=?)", container);

        // The viewer's groups are a json_each over one parameter; EXISTS (...) is SQLite's constant row.
        foreach (var plan in new[] { row, container })
            Assert.DoesNotContain(plan.Split('\n'), step => step.TrimStart().StartsWith("SCAN ", StringComparison.Ordinal)
                && !step.Contains("json_each", StringComparison.Ordinal) && !step.Contains("CONSTANT ROW", StringComparison.Ordinal));
    }
}
