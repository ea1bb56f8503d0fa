namespace Quire.Storage.Search;

/// <summary>
/// A text clause every hit of a filter must match (one of its top-level AND parts), and the filter
/// without it: a search can then start from the full-text index's matches of that text instead of
/// testing every content row against them.
/// </summary>
public sealed record RequiredText(SearchText Text, SearchFilter? Rest)
{
    /// <summary>The first text clause with terms among the filter's top-level AND parts (nested ANDs included), or null.</summary>
    public static RequiredText? Of(SearchFilter? filter)
    {
        var parts = new List<SearchFilter>();
        Conjuncts(filter, parts);
        var text = parts.OfType<SearchText>().FirstOrDefault(t => t.Terms.Count > 0);
        if (text is null) return null;
        var rest = parts.Where(p => !ReferenceEquals(p, text)).ToList();
        return new RequiredText(text, rest.Count switch { 0 => null, 1 => rest[0], _ => new SearchAll(rest) });
    }

    private static void Conjuncts(SearchFilter? filter, List<SearchFilter> parts)
    {
        if (filter is SearchAll all)
            foreach (var item in all.Items) Conjuncts(item, parts);
        else if (filter is not null)
            parts.Add(filter);
    }
}
