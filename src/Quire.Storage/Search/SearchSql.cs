using Quire.Storage.Content;
using System.Globalization;
using System.Text;
using Dapper;
using Quire.Storage.Dialects;
using Quire.Storage.Watches;

namespace Quire.Storage.Search;

/// <summary>
/// Writes a <see cref="SearchFilter"/> as a SQL condition over <c>content c JOIN spaces s</c>,
/// with every value a parameter (<c>@q0_</c>, <c>@q1_</c>, ...), never text in the statement.
/// Each clause is written so that it is never NULL (nullable columns are tested for NULL
/// first), so <c>NOT</c> and <c>!=</c> keep two-valued logic. Full-text clauses are the
/// engine's own: an FTS5 <c>MATCH</c> on SQLite (the query string, built here from quoted
/// terms, is itself a parameter) and <c>@@</c> over tsqueries built by
/// <c>plainto_tsquery</c>/<c>phraseto_tsquery</c>/<c>to_tsquery</c> on PostgreSQL.
/// </summary>
public sealed class SearchSql(SqlDialect dialect, DynamicParameters parameters)
{
    private int _next;
    private bool TsVector => dialect.FullText == FullTextIndex.TsVector;

    public string Parameter(object? value)
    {
        // The trailing underscore keeps a name from being the prefix of another (@q1, @q11), which
        // Dapper's list expansion once confused; arrays are one parameter now, but the names stay safe.
        var name = "q" + _next++.ToString(CultureInfo.InvariantCulture) + "_";
        parameters.Add(name, value);
        return "@" + name;
    }

    private string InList(string column, IReadOnlyList<object> values)
    {
        // One parameter holding the array, written as every store writes it (SqlDialect.InList).
        var array = values.All(v => v is long) ? (object)values.Cast<long>().ToArray() : values.Select(v => (string)v).ToArray();
        return dialect.InList(column, Parameter(array)[1..]);
    }

    /// <summary>
    /// The parts joined by the operator, in parentheses, as a balanced tree: SQLite refuses an
    /// expression nested deeper than 1,000 ("Expression tree is too large"), and a flat chain of
    /// n ORs is n deep to its parser, which a CQL query of 1,000 clauses or a list of 1,000 labels
    /// reaches. Balanced, 1,000 parts are 15 levels deep.
    /// </summary>
    public static string Balanced(string op, IReadOnlyList<string> parts)
    {
        const int Flat = 8;
        if (parts.Count <= Flat) return "(" + string.Join(op, parts) + ")";
        var half = parts.Count / 2;
        return "(" + Balanced(op, parts.Take(half).ToList()) + op + Balanced(op, parts.Skip(half).ToList()) + ")";
    }

    public string Write(SearchFilter filter) => filter switch
    {
        SearchAll all => Balanced(" AND ", all.Items.Select(Write).ToList()),
        SearchAny any => Balanced(" OR ", any.Items.Select(Write).ToList()),
        SearchNot not => "NOT " + Write(not.Item),
        SearchNothing => "(1 = 0)",
        SearchEverything => "(1 = 1)",
        SearchAccount account => Account(account),
        SearchFullName name => FullName(name),
        SearchSpaceName name => SpaceName(name),
        SearchFavourite favourite => Favourite(favourite),
        SearchMacro macro => Macro(macro),
        SearchMention mention => Mention(mention),
        SearchWatcher watcher => Watcher(watcher),
        SearchIn clause => In(clause),
        SearchRange range => Range(range),
        SearchUser user => User(user),
        SearchLabel label => Label(label),
        SearchText text => Text(text),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name),
    };

    private string In(SearchIn clause)
    {
        if (clause.Values.Count == 0) return "(1 = 0)";
        return clause.Key switch
        {
            SearchKey.Id => $"({InList("c.id", clause.Values)})",
            SearchKey.Type => $"({InList("c.type", clause.Values)})",
            SearchKey.SpaceKey => $"({InList("s.key_lower", clause.Values)})",
            SearchKey.SpaceType => $"({InList("s.type", clause.Values)})",
            SearchKey.TitleLower => $"({InList("c.title_lower", clause.Values)})",
            SearchKey.SpaceId => $"({InList("s.id", clause.Values)})",
            SearchKey.SpaceNameLower => $"({InList("lower(s.name)", clause.Values)})",
            SearchKey.Parent => $"(c.parent_id IS NOT NULL AND {InList("c.parent_id", clause.Values)})",
            SearchKey.Container => $"(c.container_id IS NOT NULL AND {InList("c.container_id", clause.Values)})",
            // Below a page: its descendant pages (one recursive query), and the comments and
            // attachments of it and of them.
            SearchKey.Ancestor => Ancestor(clause.Values),
            _ => throw new ArgumentOutOfRangeException(nameof(clause), clause.Key.ToString()),
        };
    }

    // The recursive step reads `below CROSS JOIN content` so that SQLite keeps the walk outer and
    // probes (parent_id, type) per row: with `content JOIN below`, SQLite 3.49 scanned every page
    // through the (type, ...) index for each level (43 s at 57,000 pages; bench/search-load.sh).
    // The page tree below (pages, and the folders, whiteboards... they hang in), their comments and attachments, and those of
    // the named pages are one uncorrelated IN list, each part read through an index: an OR of several INs made PostgreSQL
    // filter every content row of the site against them (200 ms at 100,000 pages).
    /// <summary>
    /// The page tree under the given ids (pages, folders, whiteboards...), the comments and attachments of those pages and of the ids, and the
    /// comments on those attachments (a comment's container is then the attachment, one level further down).
    /// </summary>
    private string Ancestor(IReadOnlyList<object> ids) =>
        $"""
        (c.id IN (
            WITH RECURSIVE below (id, depth) AS (
                SELECT d.id, 1 FROM content d WHERE d.type IN {PageTreeTypes.Sql} AND {InList("d.parent_id", ids)}
                UNION ALL
                SELECT d.id, below.depth + 1 FROM below CROSS JOIN content d
                WHERE d.parent_id = below.id AND d.type IN {PageTreeTypes.Sql} AND below.depth < 1000
            )
            SELECT id FROM below
            UNION ALL
            SELECT k.id FROM below CROSS JOIN content k WHERE k.container_id = below.id
            UNION ALL
            SELECT k.id FROM content k WHERE {InList("k.container_id", ids)}
            UNION ALL
            SELECT r.id FROM below CROSS JOIN content a CROSS JOIN content r
            WHERE a.container_id = below.id AND a.type = 'attachment' AND r.container_id = a.id
            UNION ALL
            SELECT r.id FROM content a CROSS JOIN content r
            WHERE {InList("a.container_id", ids)} AND a.type = 'attachment' AND r.container_id = a.id))
        """;

    private string Account(SearchAccount account)
    {
        var tests = new List<string>();
        if (account.Viewer) tests.Add("u.id = @viewerId");
        if (account.AccountIds.Count > 0) tests.Add(InList("u.account_id", account.AccountIds.Select(a => (object)a).ToList()));
        return tests.Count == 0 ? "(1 = 0)" : "(" + string.Join(" OR ", tests) + ")";
    }

    /// <summary>Each word starts the display name or one of its words (after a space).</summary>
    private string FullName(SearchFullName name)
    {
        if (name.Words.Count == 0) return "(1 = 0)";
        return "(" + string.Join(" AND ", name.Words.Select(w =>
            $"(lower(u.display_name) LIKE {Parameter(Sql.PrefixPattern(w))} ESCAPE '\\' OR lower(u.display_name) LIKE {Parameter("% " + Sql.PrefixPattern(w))} ESCAPE '\\')")) + ")";
    }

    private string SpaceName(SearchSpaceName name)
    {
        if (name.Words.Count == 0) return "(1 = 0)";
        return "(" + string.Join(" AND ", name.Words.Select(w =>
        {
            var pattern = Parameter(Sql.ContainsPattern(w));
            return name.WithDescription
                ? $"(lower(s.name) LIKE {pattern} ESCAPE '\\' OR lower(COALESCE(s.description, '')) LIKE {pattern} ESCAPE '\\')"
                : $"(lower(s.name) LIKE {pattern} ESCAPE '\\')";
        })) + ")";
    }

    /// <summary>The ids of the named users (by account id or user name) as a subquery, or null for none.</summary>
    private string? Users(IReadOnlyList<string> accountIdsOrNames)
    {
        if (accountIdsOrNames.Count == 0) return null;
        var names = accountIdsOrNames.Select(n => (object)n).ToList();
        var lowered = accountIdsOrNames.Select(n => (object)n.ToLowerInvariant()).ToList();
        return $"SELECT u.id FROM users u WHERE {InList("u.account_id", names)} OR {InList("u.user_name_lower", lowered)}";
    }

    private string Favourite(SearchFavourite favourite)
    {
        var owners = new List<string>();
        if (favourite.Viewer) owners.Add("l.owner_id = @viewerId");
        if (Users(favourite.AccountIdsOrNames) is { } users) owners.Add($"l.owner_id IN ({users})");
        if (owners.Count == 0) return "(1 = 0)";
        var labelled = favourite.Space
            ? "SELECT 1 FROM space_labels fl JOIN labels l ON l.id = fl.label_id WHERE fl.space_id = s.id"
            : "SELECT 1 FROM content_labels fl JOIN labels l ON l.id = fl.label_id WHERE fl.content_id = c.id";
        return $"EXISTS ({labelled} AND l.prefix = 'my' AND l.name = 'favourite' AND ({string.Join(" OR ", owners)}))";
    }

    private string Watcher(SearchWatcher watcher)
    {
        var watches = new List<string>();
        if (watcher.Viewer) watches.Add(WatchStore.WatchedBy("@viewerId"));
        if (Users(watcher.AccountIdsOrNames) is { } users) watches.Add(WatchStore.WatchedBy(users));
        return watches.Count == 0 ? "(1 = 0)" : "(" + string.Join(" OR ", watches) + ")";
    }

    /// <summary>Whether the stored body contains the text (an exact substring: no pattern syntax to escape).</summary>
    private string BodyContains(string text) =>
        dialect.Contains("c.body_storage", text);

    private string Macro(SearchMacro macro)
    {
        if (macro.Names.Count == 0) return "(1 = 0)";
        return "(c.body_storage IS NOT NULL AND " + Balanced(" OR ", macro.Names.Select(n =>
            BodyContains(Parameter($"<ac:structured-macro ac:name=\"{n}\""))).ToList()) + ")";
    }

    private string Mention(SearchMention mention)
    {
        var who = new List<string>();
        if (mention.Viewer) who.Add("u.id = @viewerId");
        if (mention.AccountIdsOrNames.Count > 0)
        {
            var names = mention.AccountIdsOrNames.Select(n => (object)n).ToList();
            var lowered = mention.AccountIdsOrNames.Select(n => (object)n.ToLowerInvariant()).ToList();
            who.Add($"{InList("u.account_id", names)} OR {InList("u.user_name_lower", lowered)}");
        }
        if (who.Count == 0) return "(1 = 0)";
        return $"(c.body_storage IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE ({string.Join(" OR ", who)}) AND {BodyContains("'<ri:user ri:account-id=\"' || u.account_id || '\"'")}))";
    }

    private string Range(SearchRange range)
    {
        var column = range.Field switch
        {
            SearchInstant.Created => "c.created_at",
            SearchInstant.LastModified => "c.updated_at",
            _ => "s.created_at",
        };
        var parts = new List<string>();
        if (range.From is { } from) parts.Add($"{column} >= {Parameter(from)}");
        if (range.Until is { } until) parts.Add($"{column} < {Parameter(until)}");
        return parts.Count == 0 ? "(1 = 1)" : "(" + string.Join(" AND ", parts) + ")";
    }

    private string User(SearchUser user)
    {
        var who = new List<string>();
        if (user.Viewer) who.Add("@viewerId");
        var users = "";
        if (user.AccountIdsOrNames.Count > 0)
        {
            var names = user.AccountIdsOrNames.Select(n => (object)n).ToList();
            var lowered = user.AccountIdsOrNames.Select(n => (object)n.ToLowerInvariant()).ToList();
            users = $"SELECT u.id FROM users u WHERE {InList("u.account_id", names)} OR {InList("u.user_name_lower", lowered)}";
        }
        string Matches(string column)
        {
            var tests = new List<string>();
            if (who.Count > 0) tests.Add($"{column} = @viewerId");
            if (users.Length > 0) tests.Add($"{column} IN ({users})");
            return tests.Count == 0 ? "1 = 0" : $"{column} IS NOT NULL AND ({string.Join(" OR ", tests)})";
        }
        if (user.Role == SearchPerson.SpaceCreator) return $"({Matches("s.created_by")})";
        return user.Role == SearchPerson.Creator
            ? $"({Matches("c.created_by")})"
            : $"(({Matches("c.updated_by")}) OR ({Matches("c.created_by")}) OR EXISTS (SELECT 1 FROM content_versions cv WHERE cv.content_id = c.id AND {Matches("cv.created_by")}))";
    }

    private string Label(SearchLabel label)
    {
        if (label.Labels.Count == 0) return "(1 = 0)";
        var any = label.Labels.Select(l =>
            $"(l.prefix = {Parameter(l.Prefix)} AND l.name = {Parameter(l.Name)} AND l.owner_id = {(l.Prefix == "my" ? "@viewerId" : "0")})");
        // An uncorrelated IN (content_id is NOT NULL, so NOT keeps two-valued logic): SQLite reads the
        // label's rows through (label_id, content_id) once, where a correlated EXISTS was probed for
        // every page of the site (425 ms to 40 ms for label = x AND type = page at 100,000 pages).
        return $"(c.id IN (SELECT cl.content_id FROM content_labels cl JOIN labels l ON l.id = cl.label_id WHERE {Balanced(" OR ", any.ToList())}))";
    }

    private string Text(SearchText text) =>
        text.Terms.Count == 0 ? "(1 = 0)" : $"c.id IN (SELECT x.{SearchIndexKey} FROM content_search x WHERE {Matches(text)})";

    /// <summary>The search index's column that holds the content id: FTS5's <c>rowid</c>, the tsvector table's <c>content_id</c>.</summary>
    public string SearchIndexKey => TsVector ? "content_id" : "rowid";

    /// <summary>"The search index row <c>x</c> matches the text": the condition on <c>content_search x</c> alone (terms required).</summary>
    public string Matches(SearchText text) => Matches([text]);

    /// <summary>"The search index row <c>x</c> matches every one of the texts" (each with terms), as one FTS5 <c>MATCH</c> or ANDed tsquery tests.</summary>
    public string Matches(IReadOnlyList<SearchText> texts) =>
        TsVector
            ? Balanced(" AND ", texts.Select(text => text.TitleOnly
                ? $"to_tsvector('english'::regconfig, x.title) @@ {TsQuery(text)}"
                : $"x.document @@ {TsQuery(text)}").ToList())
            : $"content_search MATCH {Parameter(texts.Count == 1 ? FtsQuery(texts[0]) : Balanced(" AND ", texts.Select(t => "(" + FtsQuery(t) + ")").ToList()))}";

    /// <summary>An FTS5 query: every term a quoted string (quotes doubled), so no input is FTS syntax.</summary>
    public static string FtsQuery(SearchText text)
    {
        var query = new StringBuilder();
        foreach (var term in text.Terms)
        {
            if (query.Length > 0) query.Append(' ');
            query.Append('"').Append(string.Join(' ', term.Words).Replace("\"", "\"\"")).Append('"');
            if (term.Prefix) query.Append(" *");
        }
        return text.TitleOnly ? "{title} : (" + query + ")" : query.ToString();
    }

    /// <summary>All terms of each text clause, any clause: what relevance and highlighting look for.</summary>
    public static string FtsQuery(IReadOnlyList<SearchText> texts) =>
        texts.Any(t => t.Terms.Count > 0)
            ? Balanced(" OR ", texts.Where(t => t.Terms.Count > 0).Select(t => "(" + FtsQuery(t) + ")").ToList())
            : "";

    /// <summary>A tsquery expression: each term's tsquery from a parameter, all of them ANDed.</summary>
    public string TsQuery(SearchText text) =>
        "(" + string.Join(" && ", text.Terms.Select(term =>
            term.Prefix
                // to_tsquery reads operators, so only the word's letters and digits reach it.
                ? $"to_tsquery('english'::regconfig, {Parameter(PrefixWord(term))})"
                : term.Phrase
                    ? $"phraseto_tsquery('english'::regconfig, {Parameter(string.Join(' ', term.Words))})"
                    : $"plainto_tsquery('english'::regconfig, {Parameter(term.Words[0])})")) + ")";

    public string TsQuery(IReadOnlyList<SearchText> texts) =>
        Balanced(" || ", texts.Where(t => t.Terms.Count > 0).Select(TsQuery).ToList());

    private static string PrefixWord(SearchTerm term)
    {
        var words = term.Words.Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).ToList();
        if (words.Count == 0) return "''";
        // The last word is the prefix; earlier ones (a phrase ending in a wildcard) follow each other.
        return string.Join(" <-> ", words.Take(words.Count - 1).Select(w => w)) + (words.Count > 1 ? " <-> " : "") + words[^1] + ":*";
    }

    public static string OrderColumn(SearchOrderKey key) => key switch
    {
        SearchOrderKey.Title => "c.title_lower",
        SearchOrderKey.Created => "c.created_at",
        SearchOrderKey.LastModified => "c.updated_at",
        SearchOrderKey.Id => "c.id",
        SearchOrderKey.Type => "c.type",
        SearchOrderKey.SpaceKey => "s.key_lower",
        SearchOrderKey.SpaceTitle => "lower(s.name)",
        SearchOrderKey.SpaceId => "s.id",
        SearchOrderKey.SpaceCreated => "s.created_at",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.ToString()),
    };
}
