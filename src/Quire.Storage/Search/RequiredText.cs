namespace Quire.Storage.Search;

/// <summary>
/// The text clauses every hit of a filter must match (its top-level AND parts that are text), and the
/// filter without them: a search can then start from the full-text index's matches of those texts
/// instead of testing every content row against them.
/// </summary>
public sealed record RequiredText(IReadOnlyList<SearchText> Texts, SearchFilter? Rest)
{
    /// <summary>The text clauses with terms among the filter's top-level AND parts (nested ANDs included), or null if there is none.</summary>
    public static RequiredText? Of(SearchFilter? filter)
    {
        var parts = new List<SearchFilter>();
        Conjuncts(filter, parts);
        var texts = parts.OfType<SearchText>().Where(t => t.Terms.Count > 0).ToList();
        if (texts.Count == 0) return null;
        var rest = parts.Where(p => !texts.Any(t => ReferenceEquals(t, p))).ToList();
        return new RequiredText(texts, rest.Count switch { 0 => null, 1 => rest[0], _ => new SearchAll(rest) });
    }

    private static void Conjuncts(SearchFilter? filter, List<SearchFilter> parts)
    {
        if (filter is SearchAll all)
            foreach (var item in all.Items) Conjuncts(item, parts);
        else if (filter is not null)
            parts.Add(filter);
    }
}
