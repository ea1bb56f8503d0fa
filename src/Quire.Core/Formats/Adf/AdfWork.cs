namespace Quire.Core.Formats.Adf;

/// <summary>
/// Counts the nodes a conversion or check visits and asks, every few thousand, whether the
/// request still wants the work, as <see cref="StorageFormat"/> does while parsing.
/// </summary>
internal sealed class AdfWork(CancellationToken ct)
{
    private const int CancellationStride = 4096;
    private int _visited;

    public void Tick()
    {
        if (++_visited % CancellationStride == 0) ct.ThrowIfCancellationRequested();
    }
}
