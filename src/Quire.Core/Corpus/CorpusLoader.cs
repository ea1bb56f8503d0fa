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
/// writes for it (the content row through <see cref="ContentStore.TryInsertAsync"/>, with the
/// parent's read guards and the index row its trigger adds; the body's search text and inline
/// tasks through <see cref="BodyIndexer"/>; the creator's watch), by the same stores, without the
/// per-request checks and in transactions of <see cref="CorpusPlan.BatchSize"/> pages, so the
/// server then serves them exactly like pages created over HTTP.
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
                    for (var k = first; k <= last; k++)
                    {
                        var (parent, position) = plan.Place(s, k);
                        var random = new Random(unchecked((int)(number + k)));
                        // Older pages first, a second apart, so "last modified" orders have something to sort.
                        var at = now - (plan.Pages - (number + k)) * 1000L;
                        var body = text.Body(random);
                        var record = new ContentRecord
                        {
                            Type = ContentRules.Page, Status = ContentRules.Current, SpaceId = space.Id, ParentId = ids[parent],
                            Position = position, Title = text.Title(random, number + k), BodyStorage = body, Version = 1,
                            CreatedBy = owner.UserId, CreatedAt = at, UpdatedBy = owner.UserId, UpdatedAt = at,
                        };
                        ids[k] = await content.TryInsertAsync(record, ct)
                                 ?? throw new Errors.ConflictException($"Space {key} already has a page titled '{record.Title}'.");
                        await bodies.WrittenAsync(ids[k], body, owner.UserId, at, ct);
                        await watches.AddAsync(Watched.Content(ids[k]), owner.UserId, at, ct);
                    }
                }, ct);
                progress?.Invoke($"{key}: {last}/{count} pages");
            }
            number += count;
            loaded.Add(new CorpusSpace(key, ids[0], count > 0 ? ids[1] : 0, count));
        }
        return loaded;
    }
}
