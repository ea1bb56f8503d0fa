using Quire.Storage;

namespace Quire.Core.Paging;

/// <summary>A window of a keyset walk: start after <see cref="After"/> (null: from the start), return at most <see cref="Limit"/>.</summary>
public readonly record struct KeysetRequest(Keyset? After, int Limit)
{
    /// <summary>Rows to ask storage for: one more than the limit tells whether a next page exists.</summary>
    public int FetchCount => Limit + 1;
}

/// <summary>A page of a keyset walk and where the next one starts (null: this was the last).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Results, Keyset? Next)
{
    /// <summary>Builds a page from rows fetched with <see cref="KeysetRequest.FetchCount"/>; <paramref name="keyOf"/> gives a row's key.</summary>
    public static KeysetPage<T> FromOverfetch(IReadOnlyList<T> rows, KeysetRequest request, Func<T, Keyset> keyOf)
    {
        if (rows.Count <= request.Limit) return new KeysetPage<T>(rows, null);
        var page = rows.Take(request.Limit).ToList();
        return new KeysetPage<T>(page, keyOf(page[^1]));
    }

    public KeysetPage<TOut> Select<TOut>(Func<T, TOut> map) => new(Results.Select(map).ToList(), Next);
}
