namespace Quire.Core.Paging;

/// <summary>A window over a listing: skip <see cref="Start"/> items, return at most <see cref="Limit"/>.</summary>
public readonly record struct PageRequest(int Start, int Limit)
{
    /// <summary>Rows to ask storage for: one more than the limit tells whether a next page exists.</summary>
    public int FetchCount => Limit + 1;
}

/// <summary>A page of results and whether more follow it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Results, PageRequest Request, bool HasMore, long? TotalSize = null)
{
    /// <summary>
    /// Builds a page from rows fetched with <see cref="PageRequest.FetchCount"/>. A page of
    /// limit 0 has no next page: it would be this same empty window again.
    /// </summary>
    public static Page<T> FromOverfetch(IReadOnlyList<T> rows, PageRequest request, long? totalSize = null) =>
        rows.Count > request.Limit
            ? new Page<T>(rows.Take(request.Limit).ToList(), request, HasMore: request.Limit > 0, totalSize)
            : new Page<T>(rows, request, false, totalSize);
}
