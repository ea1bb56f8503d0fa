namespace Quire.Storage.Search;

// What a content search asks of storage: a condition tree over content, already resolved
// from CQL by the core (dates are epoch-millisecond intervals, currentUser() is the viewer,
// free text is a list of terms), which SearchSql writes as SQL with parameters. Keeping CQL
// out of storage keeps the layers apart: the core knows the query language, storage the SQL.

public abstract record SearchFilter;

public sealed record SearchAll(IReadOnlyList<SearchFilter> Items) : SearchFilter;

public sealed record SearchAny(IReadOnlyList<SearchFilter> Items) : SearchFilter;

public sealed record SearchNot(SearchFilter Item) : SearchFilter;

/// <summary>A condition that never holds (a value that cannot name anything, such as an empty text query).</summary>
public sealed record SearchNothing : SearchFilter;

/// <summary>A condition that always holds (<c>type = user</c> in a user search).</summary>
public sealed record SearchEverything : SearchFilter;

/// <summary>User search: the user is one of these account ids, or the viewer.</summary>
public sealed record SearchAccount(IReadOnlyList<string> AccountIds, bool Viewer) : SearchFilter;

/// <summary>User search: each word starts a word of the user's display name (case-insensitively).</summary>
public sealed record SearchFullName(IReadOnlyList<string> Words) : SearchFilter;

/// <summary>Each word occurs (case-insensitively) in the space's name, or also in its description.</summary>
public sealed record SearchSpaceName(IReadOnlyList<string> Words, bool WithDescription) : SearchFilter;

/// <summary>The content (or, with <c>Space</c>, the space) is labelled <c>my:favourite</c> by one of the users or the viewer.</summary>
public sealed record SearchFavourite(IReadOnlyList<string> AccountIdsOrNames, bool Viewer, bool Space) : SearchFilter;

/// <summary>The content's stored body holds one of these macros (<c>&lt;ac:structured-macro ac:name="x"</c>).</summary>
public sealed record SearchMacro(IReadOnlyList<string> Names) : SearchFilter;

/// <summary>One of the users (by account id or user name), or the viewer, watches the content.</summary>
public sealed record SearchWatcher(IReadOnlyList<string> AccountIdsOrNames, bool Viewer) : SearchFilter;

/// <summary>The content's stored body mentions one of the users or the viewer (<c>&lt;ri:user ri:account-id="x"</c>).</summary>
public sealed record SearchMention(IReadOnlyList<string> AccountIdsOrNames, bool Viewer) : SearchFilter;

public enum SearchKey { Id, Type, SpaceKey, SpaceType, TitleLower, Parent, Container, Ancestor, SpaceId, SpaceNameLower }

/// <summary>The key is one of the values (ids as longs; strings lower-cased by the caller).</summary>
public sealed record SearchIn(SearchKey Key, IReadOnlyList<object> Values) : SearchFilter;

public enum SearchInstant { Created, LastModified, SpaceCreated }

/// <summary>From &lt;= t &lt; Until, epoch milliseconds; either end may be open.</summary>
public sealed record SearchRange(SearchInstant Field, long? From, long? Until) : SearchFilter;

public enum SearchPerson { Creator, Contributor, SpaceCreator }

/// <summary>The creator (or any publisher of a version) is one of the users, by account id or user name, or the viewer.</summary>
public sealed record SearchUser(SearchPerson Role, IReadOnlyList<string> AccountIdsOrNames, bool Viewer) : SearchFilter;

/// <summary>The content carries one of the labels; <c>my</c> labels are the viewer's own.</summary>
public sealed record SearchLabel(IReadOnlyList<(string Prefix, string Name)> Labels) : SearchFilter;

/// <summary>One term of a text query: a word, a phrase (several words in order) or a word prefix.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    public bool Phrase => Words.Count > 1;
}

/// <summary>All terms occur (stemmed) in the title, or anywhere (title, body, labels).</summary>
public sealed record SearchText(IReadOnlyList<SearchTerm> Terms, bool TitleOnly) : SearchFilter;

public enum SearchOrderKey { Title, Created, LastModified, Id, Type, SpaceKey, SpaceTitle, SpaceId, SpaceCreated }

public sealed record SearchOrder(SearchOrderKey Key, bool Descending);

/// <summary>
/// A whole search: the condition, the content statuses it may find, the order (empty: by
/// relevance to <see cref="Relevance"/> if there is text, else newest first), and whether
/// content of archived spaces counts.
/// </summary>
public sealed record SearchSpec(
    SearchFilter? Filter,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<SearchOrder> Order,
    IReadOnlyList<SearchText> Relevance,
    bool IncludeArchivedSpaces = true);

/// <summary>A user search: the condition over <c>users u</c> and whether to order by name descending.</summary>
public sealed record UserSearchSpec(SearchFilter? Filter, bool Descending);

/// <summary>A space search (<c>type = space</c>): the condition over <c>spaces s</c>, the order (empty: by name), archived spaces or not.</summary>
public sealed record SpaceSearchSpec(SearchFilter? Filter, IReadOnlyList<SearchOrder> Order, bool IncludeArchivedSpaces);
