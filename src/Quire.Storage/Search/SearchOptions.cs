namespace Quire.Storage.Search;

/// <summary>How content searches bound their work (<c>Quire:Search:*</c>).</summary>
public sealed class SearchOptions
{
    public static readonly SearchOptions Default = new();

    /// <summary>
    /// How many readable matches of a text query, newest first, are ranked by relevance together
    /// (<see cref="ContentSearchStore"/>). A query with fewer matches is ranked whole; one that
    /// matches a third of a million-page site ranks its newest this many, then the next this many,
    /// so the first page costs the same at any size. Larger ranks more of the site at once and costs
    /// proportionally more per search.
    /// </summary>
    public int RelevanceWindow { get; set; } = 1000;

    public SearchOptions Validated() =>
        RelevanceWindow is < 1 or > 1_000_000
            ? throw new InvalidOperationException($"Quire:Search:RelevanceWindow must be between 1 and 1000000 (is {RelevanceWindow}).")
            : this;
}
