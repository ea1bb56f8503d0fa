namespace Quire.Core;

/// <summary>
/// One value loaded from the database and kept in memory for a time to live, dropped at once by
/// <see cref="Invalidate"/> (a change made on this node, or announced by another). Each invalidation
/// starts a new generation, and a load is stored only if no invalidation happened while it ran, so a
/// reader that loaded the old rows just before a change can never put them back.
/// </summary>
public abstract class GenerationCache<T>(TimeProvider time, TimeSpan timeToLive) where T : class
{
    private sealed record Entry(T Value, long LoadedAt, long Generation);

    private Entry? _entry;
    private long _generation;

    /// <summary>The cached value if fresh, and the generation a fresh load must carry to be stored.</summary>
    public T? TryGet(out long generation)
    {
        generation = Interlocked.Read(ref _generation);
        var entry = Volatile.Read(ref _entry);
        if (entry is null || entry.Generation != generation) return null;
        return time.GetTimestamp() - entry.LoadedAt < timeToLive.TotalSeconds * time.TimestampFrequency ? entry.Value : null;
    }

    /// <summary>Stores a load, unless the value changed since it began (then the next caller loads again).</summary>
    public void Store(T value, long generation)
    {
        if (Interlocked.Read(ref _generation) == generation)
            Volatile.Write(ref _entry, new Entry(value, time.GetTimestamp(), generation));
    }

    /// <summary>The cached value, or a fresh load of it (stored for the next caller when nothing changed meanwhile).</summary>
    public async ValueTask<T> GetAsync(Func<Task<T>> load)
    {
        if (TryGet(out var generation) is { } cached) return cached;
        var loaded = await load();
        Store(loaded, generation);
        return loaded;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }
}
