namespace Quire.Server.Http;

/// <summary>
/// One shared empty lookup per type: what a bulk load that found nothing answers, so an
/// expansion that was not asked for costs no allocation on every request.
/// </summary>
public static class EmptyLookup<TKey, TElement>
{
    public static readonly ILookup<TKey, TElement> Instance = Array.Empty<TElement>().ToLookup(_ => default(TKey)!);
}

public static class LookupExtensions
{
    /// <summary><c>ToLookup</c>, or the shared empty lookup when there are no rows.</summary>
    public static ILookup<TKey, TElement> ToLookupOrEmpty<TKey, TElement>(this IReadOnlyCollection<TElement> rows, Func<TElement, TKey> key) =>
        rows.Count == 0 ? EmptyLookup<TKey, TElement>.Instance : rows.ToLookup(key);

    /// <summary><c>ToDictionary</c>, or the shared empty dictionary when there are no rows.</summary>
    public static IReadOnlyDictionary<TKey, TElement> ToDictionaryOrEmpty<TKey, TElement>(this IReadOnlyCollection<TElement> rows, Func<TElement, TKey> key)
        where TKey : notnull =>
        rows.Count == 0 ? System.Collections.ObjectModel.ReadOnlyDictionary<TKey, TElement>.Empty : rows.ToDictionary(key);
}
