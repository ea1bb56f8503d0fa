namespace Quire.Core.Attachments;

/// <summary>
/// Serializes, per blob key, publishing a blob (until its record commits) and collecting it
/// (from the "still unreferenced?" check to the deletion of its bytes), so that a collection
/// never deletes bytes an upload of the same content has just recorded. In-process: the file
/// store serves one node, and the database store relies on its row locks across nodes.
/// Keys share a fixed set of striped locks, so there is nothing to create or clean up.
/// </summary>
public sealed class BlobGate
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Holds every given key until disposed; stripes are taken in ascending order, so two holders never deadlock.</summary>
    public async Task<IAsyncDisposable> HoldAsync(IEnumerable<string> keys, CancellationToken ct = default)
    {
        var stripes = keys.Select(StripeOf).Distinct().Order().ToList();
        var held = new List<SemaphoreSlim>(stripes.Count);
        try
        {
            foreach (var stripe in stripes)
            {
                await _locks[stripe].WaitAsync(ct);
                held.Add(_locks[stripe]);
            }
        }
        catch
        {
            foreach (var l in held) l.Release();
            throw;
        }
        return new Release(held);
    }

    private static int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes);

    private sealed class Release(List<SemaphoreSlim> held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            foreach (var l in held) l.Release();
            held.Clear();
            return ValueTask.CompletedTask;
        }
    }
}
