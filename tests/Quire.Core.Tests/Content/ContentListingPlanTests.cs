using Dapper;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;

namespace Quire.Core.Tests.Content;

/// <summary>
/// v2's sorted listings of pages and blog posts are index range scans on SQLite: each order reads an index of migration 0028
/// (or the id indexes) in order and stops at the page's end, never sorting the matching rows (no temporary b-tree for the
/// order), in a space and site-wide, first page and after a cursor, for one status and for several merged.
/// </summary>
public sealed class ContentListingPlanTests : IAsyncLifetime
{
    private MigratedSqliteDatabase _sqlite = null!;
    private static readonly Viewer Reader = new(7, ["g-1"]);

    public async Task InitializeAsync() => _sqlite = await MigratedSqliteDatabase.CreateAsync("plan");

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

    public static TheoryData<ContentSortKey, bool, string, string> Orders => new()
    {
        { ContentSortKey.CreatedAt, false, "ix_content_space_created", "ix_content_type_created" },
        { ContentSortKey.CreatedAt, true, "ix_content_space_created", "ix_content_type_created" },
        { ContentSortKey.ModifiedAt, false, "ix_content_space_modified", "ix_content_type_modified" },
        { ContentSortKey.ModifiedAt, true, "ix_content_space_modified", "ix_content_type_modified" },
        { ContentSortKey.Title, false, "ix_content_space_title", "ix_content_type_title" },
        { ContentSortKey.Title, true, "ix_content_space_title", "ix_content_type_title" },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Each_sort_is_a_range_scan_of_its_index_per_status(ContentSortKey key, bool descending, string spaceIndex, string siteIndex)
    {
        var order = new ContentOrder(key, descending);
        var cursor = new Keyset(key == ContentSortKey.Title ? "Middle" : "1700000000000", 42);
        foreach (var after in new[] { null, cursor })
        {
            foreach (var type in new[] { "page", "blogpost" })
            {
                var inSpace = await PlanAsync(new ContentListing(type, ["current"], SpaceIds: [3]), order, after);
                Assert.Contains($"INDEX {spaceIndex} (space_id=? AND type=? AND status=?", inSpace);
                Assert.DoesNotContain("TEMP B-TREE", inSpace);

                var siteWide = await PlanAsync(new ContentListing(type, ["current"]), order, after);
                Assert.Contains($"INDEX {siteIndex} (type=? AND status=?", siteWide);
                Assert.DoesNotContain("TEMP B-TREE", siteWide);

                // Several statuses: one ordered range per status, each read in order (no sort inside a branch); only the
                // merge of their first pages (at most a page each) is sorted.
                var merged = await PlanAsync(new ContentListing(type, ["current", "archived"], SpaceIds: [3]), order, after);
                foreach (var branch in new[] { "b0", "b1" })
                {
                    var steps = MigratedSqliteDatabase.Branch(merged, branch);
                    Assert.True(steps.Contains($"INDEX {spaceIndex} (space_id=? AND type=? AND status=?", StringComparison.Ordinal), merged);
                    Assert.DoesNotContain("TEMP B-TREE", steps);
                }
            }
        }
    }

    /// <summary>SQLite's plan of the listing's statement, one line per step.</summary>
    private Task<string> PlanAsync(ContentListing listing, ContentOrder order, Keyset? after)
    {
        var (sql, parameters) = ContentListingQuery.Build(SqlDialect.Sqlite, listing, Reader, order, after, count: 26);
        return _sqlite.PlanAsync(sql, parameters);
    }
}
