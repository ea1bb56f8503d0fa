using System.Text;
using Quire.Core.Content;
using Quire.Core.Cql;
using Quire.Core.Labels;
using Quire.Storage.Search;

namespace Quire.Core.Search;

/// <summary>What a <c>/search</c> query finds.</summary>
public enum SearchTarget { Content, Space, User }

/// <summary>
/// Turns a parsed CQL query into the storage's <see cref="SearchFilter"/>: dates become
/// epoch-millisecond intervals in the caller's time zone (<see cref="CqlDates.Range"/>),
/// <c>currentUser()</c> the caller, free text a list of terms. A field Quire cannot search yet
/// is a 400 naming it and its position, never silently ignored.
/// </summary>
public sealed class CqlToFilter(DateTimeOffset now, TimeZoneInfo zone)
{
    /// <summary>The content types a content search finds (the page tree's folders, whiteboards, databases and smart links too).</summary>
    public static readonly IReadOnlyList<string> ContentTypes =
        [ContentRules.Page, ContentRules.BlogPost, ContentRules.Comment, ContentRules.Attachment, .. ContentRules.TreeKinds];

    /// <summary>The text clauses outside any NOT: what relevance and highlighting look for.</summary>
    public List<SearchText> Positive { get; } = [];

    public SearchFilter? Where(CqlQuery query) => query.Where is null ? null : Convert(query.Where, negated: false, Clause);

    /// <summary>
    /// What a <c>/search</c> query finds, from the types its <c>type</c> clauses name: users if
    /// they name only <c>user</c>, spaces if only <c>space</c>, else content. Spaces or users
    /// named with content types (or with each other) are a 400: they are separate searches here.
    /// </summary>
    public static SearchTarget Target(CqlQuery query)
    {
        var types = new List<CqlValue>();
        void Walk(CqlExpression? e)
        {
            switch (e)
            {
                case CqlAnd and: foreach (var o in and.Operands) Walk(o); break;
                case CqlOr or: foreach (var o in or.Operands) Walk(o); break;
                case CqlNot not: Walk(not.Operand); break;
                case CqlClause { Field: CqlField.Type } clause: types.AddRange(Values(clause)); break;
            }
        }
        Walk(query.Where);
        var names = types.Select(v => v is CqlString or CqlNumber ? Text(v).ToLowerInvariant() : "").ToList();
        bool space = names.Contains("space"), user = names.Contains("user");
        if (!space && !user) return SearchTarget.Content;
        if (names.Any(n => n is not ("space" or "user")) || (space && user))
        {
            var at = types.First(v => Text(v).ToLowerInvariant() is "space" or "user");
            throw new CqlException("type space and type user cannot be mixed with other types in one query: search spaces, users and content separately", at.Position);
        }
        return space ? SearchTarget.Space : SearchTarget.User;
    }

    /// <summary>The condition of a space search: space fields, <c>type = space</c>, <c>favourite</c>.</summary>
    public SearchFilter? SpaceWhere(CqlQuery query) => query.Where is null ? null : Convert(query.Where, negated: false, SpaceClause);

    public static IReadOnlyList<SearchOrder> SpaceOrder(CqlQuery query) =>
        query.OrderBy.Select(o => new SearchOrder(o.Field switch
        {
            CqlField.Title or CqlField.SpaceTitle => SearchOrderKey.SpaceTitle,
            CqlField.Space or CqlField.SpaceKey => SearchOrderKey.SpaceKey,
            CqlField.Id or CqlField.Content => SearchOrderKey.SpaceId,
            CqlField.Created or CqlField.LastModified => SearchOrderKey.SpaceCreated,
            _ => throw new CqlException($"spaces cannot be ordered by '{CqlFields.Of(o.Field).Name}'", o.Position),
        }, o.Direction == CqlSortDirection.Descending)).ToList();

    /// <summary>The clause's values, lower-cased, as one "is one of" condition on the key.</summary>
    private SearchIn LowerIn(SearchKey key, CqlClause clause) =>
        new(key, Values(clause).Select(v => (object)Text(v).ToLowerInvariant()).ToList());

    private SearchFilter SpaceClause(CqlClause clause, bool negated)
    {
        switch (clause.Field)
        {
            case CqlField.Type:
                return new SearchEverything(); // Target() has checked that every type named is space
            case CqlField.Space:
            case CqlField.SpaceKey:
                return LowerIn(SearchKey.SpaceKey, clause);
            case CqlField.SpaceType:
                return LowerIn(SearchKey.SpaceType, clause);
            case CqlField.Id:
            case CqlField.Content:
                return Ids(SearchKey.SpaceId, clause);
            case CqlField.Title when clause.Operator is CqlOperator.Contains or CqlOperator.NotContains:
            case CqlField.SpaceTitle:
                return new SearchSpaceName(Capped(Text(clause.Value)), WithDescription: false);
            case CqlField.Text:
                return new SearchSpaceName(Capped(Text(clause.Value)), WithDescription: true);
            case CqlField.Title:
                return new SearchIn(SearchKey.SpaceNameLower, Values(clause).Select(v => (object)Text(v).ToLowerInvariant()).ToList());
            case CqlField.Favourite:
                var (names, viewer) = People(clause);
                return new SearchFavourite(names, viewer, Space: true);
            case CqlField.Creator:
                var (creators, me) = People(clause);
                return new SearchUser(SearchPerson.SpaceCreator, creators, me);
            case CqlField.Created:
            case CqlField.LastModified:
                // Spaces keep no modification time: both are the creation time.
                return Date(clause, SearchInstant.SpaceCreated);
            default:
                throw new CqlException($"the field '{clause.Info.Name}' does not apply to spaces", clause.Position);
        }
    }

    private static (IReadOnlyList<string> Names, bool Viewer) People(CqlClause clause)
    {
        var values = Values(clause);
        return (values.Where(v => v is not CqlFunction).Select(Text).ToList(),
            values.Any(v => v is CqlFunction { Name: CqlFunctionName.CurrentUser }));
    }

    /// <summary>The condition of a user search (<c>/search/user</c>): only user fields and <c>type = user</c>.</summary>
    public SearchFilter? UserWhere(CqlQuery query) => query.Where is null ? null : Convert(query.Where, negated: false, UserClause);

    /// <summary>Whether a user search is ordered by name descending; only user.fullname orders users.</summary>
    public static bool UserOrderDescending(CqlQuery query)
    {
        foreach (var order in query.OrderBy)
            if (order.Field != CqlField.UserFullName)
                throw new CqlException($"users cannot be ordered by '{CqlFields.Of(order.Field).Name}' (only by user.fullname)", order.Position);
        return query.OrderBy.Count > 0 && query.OrderBy[0].Direction == CqlSortDirection.Descending;
    }

    private static SearchFilter UserClause(CqlClause clause, bool negated)
    {
        switch (clause.Field)
        {
            case CqlField.Type:
                foreach (var value in Values(clause))
                    if (!Text(value).Equals("user", StringComparison.OrdinalIgnoreCase))
                        throw new CqlException($"user search finds only type user, not {CqlTokenizer.Show(Text(value))} (content is searched by /wiki/rest/api/search)", value.Position);
                return new SearchEverything();
            case CqlField.User:
            case CqlField.UserAccountId:
                var values = Values(clause);
                return new SearchAccount(values.Where(v => v is not CqlFunction).Select(Text).ToList(),
                    values.Any(v => v is CqlFunction { Name: CqlFunctionName.CurrentUser }));
            case CqlField.UserFullName:
                return new SearchFullName(Capped(Text(clause.Value)));
            default:
                throw new CqlException($"the field '{clause.Info.Name}' does not apply to users (user search takes type, user, user.accountid and user.fullname)", clause.Position);
        }
    }

    public IReadOnlyList<SearchOrder> Order(CqlQuery query) =>
        query.OrderBy.Select(o => new SearchOrder(o.Field switch
        {
            CqlField.Title => SearchOrderKey.Title,
            CqlField.Created => SearchOrderKey.Created,
            CqlField.LastModified => SearchOrderKey.LastModified,
            CqlField.Id or CqlField.Content => SearchOrderKey.Id,
            CqlField.Type => SearchOrderKey.Type,
            CqlField.Space or CqlField.SpaceKey => SearchOrderKey.SpaceKey,
            CqlField.SpaceTitle => SearchOrderKey.SpaceTitle,
            _ => throw NotSupported(CqlFields.Of(o.Field).Name, o.Position),
        }, o.Direction == CqlSortDirection.Descending)).ToList();

    private static SearchFilter Convert(CqlExpression expression, bool negated, Func<CqlClause, bool, SearchFilter> clauses) => expression switch
    {
        CqlAnd and => new SearchAll(and.Operands.Select(o => Convert(o, negated, clauses)).ToList()),
        CqlOr or => new SearchAny(or.Operands.Select(o => Convert(o, negated, clauses)).ToList()),
        CqlNot not => new SearchNot(Convert(not.Operand, !negated, clauses)),
        CqlClause clause => Negate(clause.Operator is CqlOperator.NotEqual or CqlOperator.NotIn or CqlOperator.NotContains,
            clauses(clause, negated ^ (clause.Operator is CqlOperator.NotEqual or CqlOperator.NotIn or CqlOperator.NotContains))),
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    private static SearchFilter Negate(bool negate, SearchFilter filter) => negate ? new SearchNot(filter) : filter;

    /// <summary>The clause's positive form (the caller negates !=, NOT IN and !~).</summary>
    private SearchFilter Clause(CqlClause clause, bool negated)
    {
        var info = clause.Info;
        switch (clause.Field)
        {
            case CqlField.Type:
                return new SearchIn(SearchKey.Type, Values(clause).Select(v => (object)Type(v)).ToList());
            case CqlField.Space:
            case CqlField.SpaceKey:
                return LowerIn(SearchKey.SpaceKey, clause);
            case CqlField.SpaceType:
                return LowerIn(SearchKey.SpaceType, clause);
            case CqlField.Id:
            case CqlField.Content:
                return Ids(SearchKey.Id, clause);
            case CqlField.Parent:
                return Ids(SearchKey.Parent, clause);
            case CqlField.Container:
                return Ids(SearchKey.Container, clause);
            case CqlField.Ancestor:
                return Ids(SearchKey.Ancestor, clause);
            case CqlField.Label:
                return new SearchLabel(Values(clause).Select(v => Label(v)).ToList());
            case CqlField.Created:
            case CqlField.LastModified:
                return Date(clause);
            case CqlField.Creator:
            case CqlField.Contributor:
                var values = Values(clause);
                return new SearchUser(clause.Field == CqlField.Creator ? SearchPerson.Creator : SearchPerson.Contributor,
                    values.Where(v => v is not CqlFunction).Select(Text).ToList(),
                    values.Any(v => v is CqlFunction { Name: CqlFunctionName.CurrentUser }));
            case CqlField.Title when clause.Operator is CqlOperator.Contains or CqlOperator.NotContains:
            case CqlField.Text:
                var text = new SearchText(Terms(Text(clause.Value)), TitleOnly: clause.Field == CqlField.Title);
                if (!negated) Positive.Add(text);
                return text;
            case CqlField.Title:
                return new SearchIn(SearchKey.TitleLower, Values(clause).Select(v => (object)Text(v).ToLowerInvariant()).ToList());
            case CqlField.User:
            case CqlField.UserFullName:
            case CqlField.UserAccountId:
                throw new CqlException($"the field '{info.Name}' searches users: use /wiki/rest/api/search/user", clause.Position);
            case CqlField.SpaceTitle:
                return new SearchSpaceName(Capped(Text(clause.Value)), WithDescription: false);
            case CqlField.Favourite:
                var (favourers, viewerFavours) = People(clause);
                return new SearchFavourite(favourers, viewerFavours, Space: false);
            case CqlField.Mention:
                var (mentioned, viewerMentioned) = People(clause);
                return new SearchMention(mentioned, viewerMentioned);
            case CqlField.Macro:
                return new SearchMacro(Values(clause).Select(Text).ToList());
            case CqlField.Watcher:
                var (watchers, viewerWatches) = People(clause);
                return new SearchWatcher(watchers, viewerWatches);
            default:
                throw NotSupported(info.Name, clause.Position);
        }
    }

    private static CqlException NotSupported(string field, int position) =>
        new($"the field '{field}' is not supported yet", position);

    private static IReadOnlyList<CqlValue> Values(CqlClause clause) =>
        clause.Value is CqlList list ? list.Items : [clause.Value];

    private static string Text(CqlValue value) => value switch
    {
        CqlString s => s.Value,
        CqlNumber n => n.Text,
        _ => throw new CqlException($"expected a value but found {value}", value.Position),
    };

    private static string Type(CqlValue value)
    {
        var type = Text(value).ToLowerInvariant();
        if (ContentTypes.Contains(type)) return type;
        // A custom content type key (declared or not: an undeclared one finds nothing), as Cloud's CQL takes type = "ac:app:module".
        if (ContentRules.IsCustom(type)) return type;
        if (type is "space" or "user")
            throw new CqlException($"type '{type}' is not found by a content search (it finds {string.Join(", ", ContentTypes)})", value.Position);
        throw new CqlException($"unknown type {CqlTokenizer.Show(Text(value))} (known: {string.Join(", ", ContentTypes)})", value.Position);
    }

    private static SearchFilter Ids(SearchKey key, CqlClause clause)
    {
        var ids = new List<object>();
        foreach (var value in Values(clause))
        {
            var text = Text(value);
            // Attachments are rendered "att123"; either form names them.
            var digits = text.StartsWith("att", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
            if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                throw new CqlException($"{CqlTokenizer.Show(text)} is not a content id", value.Position);
            ids.Add(id);
        }
        return new SearchIn(key, ids);
    }

    private static (string Prefix, string Name) Label(CqlValue value)
    {
        try
        {
            return LabelRules.Qualified(Text(value));
        }
        catch (Errors.BadRequestException e)
        {
            throw new CqlException(e.Message.TrimEnd('.'), value.Position);
        }
    }

    private SearchFilter Date(CqlClause clause) =>
        Date(clause, clause.Field == CqlField.Created ? SearchInstant.Created : SearchInstant.LastModified);

    private SearchFilter Date(CqlClause clause, SearchInstant field)
    {
        var (start, end) = CqlDates.Range(clause.Value, now, zone);
        long from = start.ToUnixTimeMilliseconds(), until = end.ToUnixTimeMilliseconds();
        return clause.Operator switch
        {
            CqlOperator.Equal or CqlOperator.NotEqual => new SearchRange(field, from, until),
            CqlOperator.Greater => new SearchRange(field, until, null),
            CqlOperator.GreaterOrEqual => new SearchRange(field, from, null),
            CqlOperator.Less => new SearchRange(field, null, from),
            CqlOperator.LessOrEqual => new SearchRange(field, null, until),
            _ => throw new CqlException($"the field '{clause.Info.Name}' does not support this operator", clause.Position),
        };
    }

    /// <summary>
    /// Free text as Confluence reads it: "quoted words" are a phrase, a word ending in * a
    /// prefix, other words must each occur. Words are runs of letters and digits (as the
    /// index's tokenizer sees them), so punctuation never reaches a full-text engine's syntax.
    /// </summary>
    public static IReadOnlyList<SearchTerm> Terms(string text)
    {
        var terms = new List<SearchTerm>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            string chunk;
            var phrase = text[i] == '"';
            if (phrase)
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0) close = text.Length;
                chunk = text[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var stop = i;
                while (stop < text.Length && !char.IsWhiteSpace(text[stop])) stop++;
                chunk = text[i..stop];
                i = stop;
            }
            var prefix = !phrase && chunk.EndsWith('*');
            var words = Words(chunk);
            if (words.Count == 0) continue;
            if (phrase || !prefix || words.Count == 1) terms.Add(new SearchTerm(words, prefix));
            else
            {
                // "foo-ba*": the whole words, then the last one as a prefix.
                terms.Add(new SearchTerm(words.Take(words.Count - 1).ToList(), false));
                terms.Add(new SearchTerm([words[^1]], true));
            }
            if (terms.Count >= 64) break;
        }
        return terms;
    }

    /// <summary>The distinct words of a text, at most 64 (as <see cref="Terms"/>), so no input makes a huge statement.</summary>
    private static List<string> Capped(string text) => Words(text).Select(w => w.ToLowerInvariant()).Distinct().Take(64).ToList();

    private static List<string> Words(string chunk)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in chunk)
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
