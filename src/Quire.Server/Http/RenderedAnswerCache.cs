using Microsoft.Extensions.Caching.Memory;
using Quire.Core.Security;
using Quire.Storage;

namespace Quire.Server.Http;

/// <summary>How long and how much <see cref="RenderedAnswerCache"/> keeps (<c>Quire:AnswerCache:*</c>).</summary>
public sealed class RenderedAnswerOptions
{
    /// <summary>
    /// Longest an answer is reused, in milliseconds; 0 turns the cache off. It bounds what no commit count can show: the
    /// friendly dates in an answer ("1 minute ago"), a write by another process on the same SQLite file (the command
    /// line), and on PostgreSQL another node's commit while this node cannot hear it. Whatever this process commits ends
    /// every kept answer at once, whatever the lifetime.
    /// </summary>
    public int LifetimeMilliseconds { get; set; } = 1000;

    /// <summary>Bytes of answers kept at most; the least recently used go first.</summary>
    public long MaxBytes { get; set; } = 32L * 1024 * 1024;

    public RenderedAnswerOptions Validated() =>
        LifetimeMilliseconds is < 0 or > 60_000
            ? throw new InvalidOperationException($"Quire:AnswerCache:LifetimeMilliseconds must be between 0 and 60000 (is {LifetimeMilliseconds}).")
            : MaxBytes < 1024 * 1024
                ? throw new InvalidOperationException($"Quire:AnswerCache:MaxBytes must be at least 1048576 (is {MaxBytes}).")
                : this;
}

/// <summary>
/// What an answer was rendered for: the caller as their read permissions stand (<see cref="Caller.ViewerFacts"/>: user,
/// groups, grants, time zone, app), the site's base and the request's path and query.
/// </summary>
public readonly record struct AnswerKey(string Viewer, string Base, string PathAndQuery)
{
    public static AnswerKey Of(Caller caller, string siteBase, HttpRequest request) =>
        new(caller.ViewerFacts, siteBase, request.Path.Value + request.QueryString.Value);
}

/// <summary>A rendered answer's bytes, and the content it shows, so a reuse still counts as a view of it.</summary>
public sealed record RenderedAnswer(byte[] Json, long ContentId, bool Latest, long Commits, long ExpiresAt);

/// <summary>
/// Rendered JSON answers of the busiest reads, reused while nothing this process commits could have changed them. An
/// answer is kept under the commit count (<see cref="CommitSequence"/>) read before its data was, and reused only while
/// the count is still that value: any commit in between, of any write, ends it, so a client whose write was answered never
/// reads an answer from before it. The key holds the caller's read permissions as sign-in found them
/// (<see cref="Caller.ViewerFacts"/>), which sign-in takes from caches dropped only after a change's commit: an answer
/// read with a caller's old groups is never found for the same caller with the new ones, and one viewer's answer never
/// reaches another. On PostgreSQL the count also hears the other nodes' commits (and the command line's), a few
/// milliseconds after they commit (<see cref="CommitSequence"/>): a client that writes through one node and reads through
/// another at once may read the answer from before its write for that long, at most for the lifetime. Asking the database
/// instead would cost what the read does.
/// <para>
/// Confluence keeps no such promise in its API; a cache of rendered answers is Quire's way to serve a page that many
/// clients poll (publishing tools, sync scripts, dashboards) at a fraction of the read's cost. Its lifetime is short
/// (<see cref="RenderedAnswerOptions.LifetimeMilliseconds"/>) because friendly dates move with the clock.
/// </para>
/// </summary>
public sealed class RenderedAnswerCache : IDisposable
{
    private readonly CommitSequence? _commits;
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly TimeSpan _lifetime;
    private readonly MemoryCache? _kept;
    private readonly long _maxEntryBytes;

    public RenderedAnswerCache(Database database, TimeProvider time, RenderedAnswerOptions options)
    {
        _time = time;
        _lifetimeTicks = options.LifetimeMilliseconds * time.TimestampFrequency / 1000;
        // The cache's own expiry frees memory on the real clock; whether an answer may be used is decided on _time.
        _lifetime = TimeSpan.FromMilliseconds(Math.Max(options.LifetimeMilliseconds, 1));
        if (options.LifetimeMilliseconds == 0) return;
        _commits = database.Commits;
        _kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxBytes, CompactionPercentage = 0.25 });
        // One huge answer must not empty the cache for everybody else.
        _maxEntryBytes = options.MaxBytes / 16;
    }

    /// <summary>Whether answers are kept at all: with a lifetime above zero.</summary>
    public bool Enabled => _kept is not null;

    /// <summary>The kept answer for <paramref name="key"/>, if nothing was committed since it was read and it is young enough.</summary>
    public RenderedAnswer? Find(in AnswerKey key)
    {
        if (_kept is null || !_kept.TryGetValue(key, out var found)) return null;
        var answer = (RenderedAnswer)found!;
        if (answer.Commits == _commits!.Current && _time.GetTimestamp() < answer.ExpiresAt) return answer;
        _kept.Remove(key); // dead for good: counts only grow, and the clock only moves on
        return null;
    }

    /// <summary>
    /// The commit count to read under, or null when a commit is under way (what is read now may be from either side of it,
    /// so it is not kept). Take it before reading anything the answer shows.
    /// </summary>
    public long? BeginRead()
    {
        if (_commits is null) return null;
        var now = _commits.Current;
        return CommitSequence.IsSettled(now) ? now : null;
    }

    /// <summary>Keeps an answer read under <paramref name="commits"/> (from <see cref="BeginRead"/>), unless a commit came since.</summary>
    public void Keep(in AnswerKey key, long commits, byte[] json, long contentId, bool latest)
    {
        if (_kept is null || json.Length > _maxEntryBytes || _commits!.Current != commits) return;
        var entryBytes = json.Length + 256L + 2L * (key.PathAndQuery.Length + key.Base.Length + key.Viewer.Length);
        _kept.Set(key, new RenderedAnswer(json, contentId, latest, commits, _time.GetTimestamp() + _lifetimeTicks),
            new MemoryCacheEntryOptions { Size = entryBytes, AbsoluteExpirationRelativeToNow = _lifetime });
    }

    public void Dispose() => _kept?.Dispose();
}
