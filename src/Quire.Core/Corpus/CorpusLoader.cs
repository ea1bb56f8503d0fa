using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Watches;

namespace Quire.Core.Corpus;

/// <summary>A space of a loaded corpus and the pages a benchmark asks about.</summary>
public sealed record CorpusSpace(string Key, long HomepageId, long FirstChildId, int Pages);

/// <summary>
/// Writes a benchmark corpus (<see cref="CorpusPlan"/>) straight into the database, for growth
/// figures at up to a million pages, where one HTTP call per page would take hours. Spaces are
/// created by <see cref="SpaceService"/>; each page gets the rows <see cref="ContentService.CreateAsync"/>
/// writes for it (the content row, with the parent's read guards and the index row its trigger adds;
/// the body's search text and inline tasks; the creator's watch), by the same stores, without the
/// per-request checks and in transactions of <see cref="CorpusPlan.BatchSize"/> pages, so the
/// server then serves them exactly like pages created over HTTP. Each table is written by one
/// statement per run of up to <see cref="PagesPerStatement"/> pages, its columns array parameters
/// (<see cref="ContentStore.TryInsertPagesAsync"/>): a statement per page per table made a load on
/// PostgreSQL a dozen round trips per page (about 330 pages/s on a quiet machine).
/// </summary>
public sealed class CorpusLoader(DbSession db, SpaceService spaces, ContentStore content, BodyIndexer bodies, WatchStore watches, TimeProvider time)
{
    public async Task<IReadOnlyList<CorpusSpace>> LoadAsync(
        Caller owner, CorpusPlan plan, CorpusText text, Action<string>? progress = null, CancellationToken ct = default)
    {
        plan.Check();
        var now = time.NowMillis();
        var loaded = new List<CorpusSpace>();
        long number = 0;
        for (var s = 0; s < plan.Spaces; s++)
        {
            var key = plan.KeyPrefix + s.ToString(CultureInfo.InvariantCulture);
            var space = await spaces.CreateAsync(owner, new NewSpace(key, $"Growth corpus {s}", "Pages written by the corpus loader."), isPrivate: false, ct);
            var count = plan.PagesIn(s);
            // Ids by breadth-first number, index 0 the homepage: parents are written before their children.
            var ids = new long[count + 1];
            ids[0] = space.HomepageId!.Value;
            for (var first = 1; first <= count; first += plan.BatchSize)
            {
                var last = Math.Min(count, first + plan.BatchSize - 1);
                await db.InTransactionAsync(async () =>
                {
                    for (var start = first; start <= last;)
                    {
                        var end = StatementEnd(plan, s, start, last);
                        await WriteAsync(owner, plan, text, s, space.Id, key, ids, start, end, number, now, ct);
                        start = end + 1;
                    }
                }, ct);
                progress?.Invoke($"{key}: {last}/{count} pages");
            }
            number += count;
            loaded.Add(new CorpusSpace(key, ids[0], count > 0 ? ids[1] : 0, count));
        }
        return loaded;
    }

    /// <summary>
    /// Pages per statement at most: a few MB of bodies per statement on PostgreSQL, where each statement is a round trip, and
    /// still little JSON for SQLite to read per array (<see cref="Quire.Storage.Dialects.SqlDialect.ArrayColumns"/>).
    /// </summary>
    private const int PagesPerStatement = 1000;

    /// <summary>
    /// The last page of the statement that starts at page <paramref name="start"/>: a page's parent must be written before
    /// the statement (its id is one of the page's columns), so the statement stops before the first page whose parent is
    /// at or after <paramref name="start"/>. Parents come before their children breadth first, so only the first
    /// statements of a space are cut short (20, then 400 pages, with a fanout of 20).
    /// </summary>
    private static int StatementEnd(CorpusPlan plan, int space, int start, int last)
    {
        var end = Math.Min(last, start + PagesPerStatement - 1);
        for (var k = start; k <= end; k++)
            if (plan.Place(space, k).Parent >= start) return k - 1;
        return end;
    }

    /// <summary>
    /// Writes pages <paramref name="start"/> to <paramref name="end"/> of a space, each statement over all of them: the
    /// content rows with their read guards (<see cref="ContentStore.TryInsertPagesAsync"/>), the body's search text and
    /// tasks (<see cref="BodyIndexer.CreatedAsync(long[], IReadOnlyList{DerivedBody}, long?, long[], CancellationToken)"/>),
    /// the creator's watch: the rows <see cref="ContentService.CreateAsync"/> writes for a page.
    /// </summary>
    private async Task WriteAsync(Caller owner, CorpusPlan plan, CorpusText text, int spaceNumber, long spaceId, string key, long[] ids,
        int start, int end, long number, long now, CancellationToken ct)
    {
        var records = new ContentRecord[end - start + 1];
        var derived = new DerivedBody[records.Length];
        for (var k = start; k <= end; k++)
        {
            var (parent, position) = plan.Place(spaceNumber, k);
            var random = new Random(unchecked((int)(number + k)));
            // Older pages first, a second apart, so "last modified" orders have something to sort.
            var at = now - (plan.Pages - (number + k)) * 1000L;
            var body = text.Body(random);
            records[k - start] = new ContentRecord
            {
                Type = ContentRules.Page, Status = ContentRules.Current, SpaceId = spaceId, ParentId = ids[parent],
                Position = position, Title = text.Title(random, number + k), BodyStorage = body, Version = 1,
                CreatedBy = owner.UserId, CreatedAt = at, UpdatedBy = owner.UserId, UpdatedAt = at,
            };
            derived[k - start] = DerivedBody.From(body);
        }
        var inserted = await content.TryInsertPagesAsync(records, ct);
        for (var i = 0; i < records.Length; i++)
            ids[start + i] = inserted[i] ?? throw new Errors.ConflictException($"Space {key} already has a page titled '{records[i].Title}'.");
        var written = ids[start..(end + 1)];
        var times = records.Select(r => r.CreatedAt).ToArray();
        await bodies.CreatedAsync(written, derived, owner.UserId, times, ct);
        await watches.AddContentAsync(written, owner.UserId, times, ct);
    }
}
