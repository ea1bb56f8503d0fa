using Microsoft.Extensions.Logging;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// Finds parent cycles in the page trees and breaks them. Moves are checked under the page-tree lock now
/// (<see cref="PageTreeLock"/>), but earlier versions let two concurrent moves close a cycle, whose pages then had
/// endless ancestors and had dropped out of their space's tree. Each cycle is broken at its oldest page (the lowest
/// id), which is re-attached under its space's homepage, or at the top of the space when the homepage is a member of
/// the cycle, hangs below it or is not a current page; the pages below the cycle come back with it.
/// </summary>
public sealed class PageTreeRepair(
    DbSession db, ContentStore store, ContentTreeStore tree, Storage.Settings.SettingsStore settings, ILogger<PageTreeRepair> logger)
{
    /// <summary>
    /// Set once a database's trees have been checked. Only earlier versions could leave a cycle, so the check runs at the
    /// first start of a database (new, or upgraded from such a version): it walks every page, about 0.5 s of SQLite's CPU and
    /// 1.7 s of PostgreSQL's for 200,000 pages, too much to spend on every start. Setting it to 'no' checks again at the next
    /// start (after a rolling upgrade in which nodes of an earlier version still moved pages, say).
    /// </summary>
    public const string CheckedSetting = "page_trees_checked";

    /// <summary>At start-up: <see cref="RepairAsync"/> unless this database's trees were checked before.</summary>
    public async Task<IReadOnlyList<Repair>> RepairOnceAsync(CancellationToken ct = default)
    {
        if (await settings.EnsureAsync(CheckedSetting, "no", ct) == "yes") return [];
        var repairs = await RepairAsync(ct);
        await settings.SetAsync(CheckedSetting, "yes", ct);
        return repairs;
    }

    /// <summary>One broken cycle: its members (each the parent of the one before it), the page re-attached and where.</summary>
    public sealed record Repair(IReadOnlyList<long> Cycle, long PageId, long? NewParentId);

    public async Task<IReadOnlyList<Repair>> RepairAsync(CancellationToken ct = default)
    {
        var suspects = await tree.UnrootedPagesAsync(ct);
        if (suspects.Count == 0) return [];
        var repairs = await db.InTransactionAsync(async () =>
        {
            var spaces = suspects.Select(p => p.SpaceId).ToHashSet();
            await store.LockTreesAsync(spaces, ct);
            // Read again under the lock (another node may have repaired them meanwhile); only the locked spaces are touched.
            var unrooted = (await tree.UnrootedPagesAsync(ct)).Where(p => spaces.Contains(p.SpaceId)).ToDictionary(p => p.Id);
            var done = new List<Repair>();
            foreach (var cycle in Cycles(unrooted))
            {
                var page = unrooted[cycle.Min()];
                var homepage = await tree.CurrentHomepageAsync(page.SpaceId, ct);
                var parent = homepage is { } h && !unrooted.ContainsKey(h) ? homepage : null;
                // Last among the siblings there.
                await tree.ReattachAsync(page.Id, parent, await store.NextPositionAsync(page.SpaceId, ContentRules.Page, parent, ct), ct);
                done.Add(new Repair(cycle, page.Id, parent));
            }
            return done;
        }, ct);
        foreach (var repair in repairs)
            logger.LogWarning(
                "Pages {Cycle} were a parent cycle (left by an earlier version); page {PageId} now hangs under {Parent}",
                string.Join(" -> ", repair.Cycle), repair.PageId, repair.NewParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the top of its space");
        return repairs;
    }

    /// <summary>
    /// The cycles among pages cut off from the top of their space, each as its members in parent order. Every such page
    /// either is in a cycle or hangs below one, so following parents from each page ends on a page already seen.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<long>> Cycles(IReadOnlyDictionary<long, UnrootedPageRecord> pages)
    {
        var finished = new HashSet<long>();
        foreach (var start in pages.Keys)
        {
            var walk = new List<long>();
            var onWalk = new HashSet<long>();
            var id = start;
            while (!finished.Contains(id) && !onWalk.Contains(id) && pages.TryGetValue(id, out var page))
            {
                walk.Add(id);
                onWalk.Add(id);
                id = page.ParentId;
            }
            if (onWalk.Contains(id)) yield return walk[walk.IndexOf(id)..];
            finished.UnionWith(walk);
        }
    }
}
