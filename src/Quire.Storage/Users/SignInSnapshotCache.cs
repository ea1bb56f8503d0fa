using System.Collections.Concurrent;

namespace Quire.Storage.Users;

/// <summary>
/// The sign-in snapshots (user, token still live, groups) of recent callers, so a request signs
/// in without a query. Every write that could change one (a token revoked, a membership added or
/// removed, a group deleted) calls <see cref="AnnounceChangeAsync"/>, which drops every entry on
/// this node once the write commits and, on PostgreSQL, tells the other nodes (their
/// listeners call <see cref="Invalidate"/>). An entry lives at most <see cref="TimeToLive"/>:
/// the bound for a change no notification carried (another process on SQLite, such as the
/// command line, or a node whose listening connection was down).
/// </summary>
public sealed class SignInSnapshotCache(TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>The PostgreSQL channel on which sign-in changes are announced to every node.</summary>
    public const string ChangeChannel = "quire_sign_in";

    /// <summary>Callers remembered at most; past it the cache starts again (a flood of distinct tokens cannot grow it).</summary>
    private const int Capacity = 10_000;

    private sealed record Entry(SignInSnapshot Snapshot, long LoadedAt, long Generation);

    private readonly ConcurrentDictionary<(long UserId, string TokenId), Entry> _entries = new();
    private long _generation;

    /// <summary>The cached snapshot if fresh, and the generation a fresh load must carry to be stored.</summary>
    public SignInSnapshot? TryGet(long userId, string? tokenId, out long generation)
    {
        generation = Interlocked.Read(ref _generation);
        if (!_entries.TryGetValue((userId, tokenId ?? ""), out var entry) || entry.Generation != generation) return null;
        return time.GetTimestamp() - entry.LoadedAt < TimeToLive.TotalSeconds * time.TimestampFrequency ? entry.Snapshot : null;
    }

    /// <summary>Stores a load, unless something changed since it began (the next request loads again).</summary>
    public void Store(long userId, string? tokenId, SignInSnapshot snapshot, long generation)
    {
        if (Interlocked.Read(ref _generation) != generation) return;
        if (_entries.Count >= Capacity) _entries.Clear();
        _entries[(userId, tokenId ?? "")] = new Entry(snapshot, time.GetTimestamp(), generation);
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>
    /// To be called by a write that changes who someone is signed in as (inside its transaction,
    /// if it has one): PostgreSQL delivers the notification when, and only if, the write commits;
    /// this node drops its entries after the commit.
    /// </summary>
    public async Task AnnounceChangeAsync(DbSession db, CancellationToken ct)
    {
        if (db.Dialect.ServesManyNodes) await db.ExecuteAsync($"NOTIFY {ChangeChannel}", ct: ct);
        db.AfterCommit(Invalidate);
    }
}
