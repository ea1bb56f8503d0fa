using Quire.Core.Cql;
using Quire.Core.Errors;

namespace Quire.Core.Tests.Cql;

/// <summary>One test per class of error: the message names what and where, the status is 400.</summary>
public sealed class CqlErrorTests
{
    static CqlException Fails(string cql)
    {
        var e = Assert.Throws<CqlException>(() => CqlParser.Parse(cql));
        Assert.IsAssignableFrom<BadRequestException>(e);
        Assert.Equal(400, e.StatusCode);
        Assert.StartsWith("Could not parse cql: ", e.Message);
        Assert.EndsWith($" at position {e.Position}", e.Message);
        return e;
    }

    static void Expect(string cql, int position, string detail)
    {
        var e = Fails(cql);
        Assert.Equal(detail, e.Detail);
        Assert.Equal(position, e.Position);
    }

    [Theory]
    [InlineData("title = \"a\\u0000b\"", 9)]
    [InlineData("text ~ '\\ud800'", 8)]
    [InlineData("label in (ok, \"\\udc00x\")", 15)]
    public void Strings_spelling_nul_or_a_lone_surrogate(string cql, int position) =>
        Expect(cql, position, "a string must not contain NUL characters or lone surrogates");

    [Fact]
    public void Unknown_field() =>
        Expect("type = page and colour = red", 17, "unknown field 'colour'");

    [Fact]
    public void Operator_the_field_does_not_support()
    {
        Expect("text = hello", 6, "field 'text' does not support the operator = (it supports ~, !~)");
        Expect("label ~ x", 7, "field 'label' does not support the operator ~ (it supports =, !=, IN, NOT IN)");
        Expect("created in (2024-01-01)", 9, "field 'created' does not support the operator IN (it supports =, !=, >, >=, <, <=)");
        Expect("title > x", 7, "field 'title' does not support the operator > (it supports =, !=, ~, !~, IN, NOT IN)");
    }

    [Fact]
    public void Missing_operator() =>
        Expect("title foo", 7, "expected an operator (=, !=, >, >=, <, <=, ~, !~, IN, NOT IN) after 'title' but found 'foo'");

    [Fact]
    public void Missing_value()
    {
        Expect("title =", 8, "expected a value after 'title =' but found the end of the query");
        Expect("title = and label = x", 9, "expected a value after 'title =' but found the reserved word 'and'; quote it to search for it");
        Expect("title = )", 9, "expected a value after 'title =' but found ')'");
    }

    [Fact]
    public void Missing_clause()
    {
        Expect("", 1, "the query is empty; expected a clause such as type = page");
        Expect("   ", 4, "the query is empty; expected a clause such as type = page");
        Expect("type = page and", 16, "expected a field name but found the end of the query");
        Expect("= page", 1, "expected a field name but found '='");
    }

    [Fact]
    public void Unterminated_string()
    {
        Expect("title = \"abc", 9, "unterminated string: no closing \" for the string starting");
        Expect("title = 'it\\'s", 9, "unterminated string: no closing ' for the string starting");
    }

    [Fact]
    public void Invalid_escape() =>
        Expect("title = \"a\\qb\"", 11, "invalid escape sequence '\\q' in string (use \\\", \\', \\\\, \\n, \\t, \\r, \\u0000 or '\\ ')");

    [Fact]
    public void Unexpected_character()
    {
        Expect("title = a; drop", 10, "unexpected character ';'");
        Expect("title ! x", 7, "unexpected character '!' (expected != or !~)");
        Expect("title = \u0001", 9, "unexpected character '\\u0001'");
    }

    [Fact]
    public void Unbalanced_parentheses()
    {
        Expect("(title = a or label = b", 24, "expected ')' to close the '(' at position 1 but found the end of the query");
        Expect("(title = a label = b)", 12, "expected ')' to close the '(' at position 1, or AND or OR, but found 'label'");
        Expect("title = a)", 10, "unexpected ')' without a matching '('");
    }

    [Fact]
    public void Trailing_garbage()
    {
        Expect("title = a label = b", 11, "expected AND, OR or ORDER BY but found 'label'");
        Expect("title = a \"b\"", 11, "expected AND, OR or ORDER BY but found the string '\"b\"'");
        Expect("title = a order by title and label = b", 26,
            "expected ',' or the end of the query after ORDER BY title but found 'and'");
    }

    [Fact]
    public void Lists()
    {
        Expect("label in ()", 10, "empty list after 'label IN'; a list needs at least one value");
        Expect("label in a", 10, "expected a list of values in parentheses after 'label IN' but found 'a'");
        Expect("label in (a b)", 13, "expected ',' or ')' in the list after 'label IN' but found 'b'");
        Expect("label in (a,", 13, "expected a value after 'label IN' but found the end of the query");
        Expect("label in ((a))", 11, "lists cannot be nested: expected a value after 'label IN' but found '('");
        Expect("label = (a, b)", 9, "expected a single value after 'label =' but found a list; lists go with IN or NOT IN");
        Expect("label in (" + string.Join(",", Enumerable.Range(0, 1001)) + ")", 10,
            "the list after 'label IN' has more than 1000 values");
    }

    [Fact]
    public void Bad_function()
    {
        Expect("creator = whoami()", 11, "unknown function 'whoami()'");
        Expect("creator = now()", 11, "function now() is not supported for field 'creator' (it supports currentUser())");
        Expect("created > currentUser()", 11,
            "function currentUser() is not supported for field 'created' (it supports now(), startOfDay(), startOfWeek(), startOfMonth(), startOfYear(), endOfDay(), endOfWeek(), endOfMonth(), endOfYear())");
        Expect("label = currentUser()", 9, "field 'label' takes no functions, but found currentUser()");
        Expect("creator = currentUser(x)", 23, "currentUser() takes no arguments");
        Expect("created > now(\"-4w\", \"1d\")", 22, "now() takes at most one argument, an offset such as \"-4w\"");
        Expect("created > now(\"-4x\")", 15,
            "invalid offset '-4x' for now(): expected (+/-)nn followed by y, M, w, d, h or m, nn at most 1000000");
        Expect("created > now(\"4\")", 15,
            "invalid offset '4' for now(): expected (+/-)nn followed by y, M, w, d, h or m, nn at most 1000000");
        Expect("created > startOfDay(\"99999999d\")", 22,
            "invalid offset '99999999d' for startOfDay(): expected (+/-)nn followed by y, M, w, d, h or m (without a unit, the function's own period), nn at most 1000000");
        Expect("created > now(\"-4w\"", 20, "expected ',' or ')' after the arguments of now() but found the end of the query");
        Expect("created > now(=)", 15, "expected an argument of now() but found '='");
    }

    [Fact]
    public void Bad_date()
    {
        Expect("created > 2024-13-01", 11,
            "invalid date '2024-13-01' for field 'created': expected yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd or yyyy-MM-dd, or a date function");
        Expect("lastmodified < \"yesterday\"", 16,
            "invalid date 'yesterday' for field 'lastmodified': expected yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd or yyyy-MM-dd, or a date function");
        Expect("created = 2024", 11,
            "invalid date '2024' for field 'created': expected yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd or yyyy-MM-dd, or a date function");
        Expect("created = \"2023-02-29\"", 11,
            "invalid date '2023-02-29' for field 'created': expected yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd or yyyy-MM-dd, or a date function");
    }

    [Fact]
    public void Bad_order_by()
    {
        Expect("type = page order by text", 22,
            "cannot order by field 'text' (results can be ordered by content, created, id, lastmodified, space, space.key, space.title, title, type, user.fullname)");
        Expect("type = page order by colour", 22, "unknown field 'colour'");
        Expect("type = page order title", 19, "expected BY after ORDER but found 'title'");
        Expect("type = page order by", 21, "expected a field name after ORDER BY but found the end of the query");
        Expect("type = page order by title,", 28, "expected a field name after ORDER BY but found the end of the query");
    }

    [Fact]
    public void Too_long()
    {
        var cql = "title ~ \"" + new string('a', CqlParser.MaxLength) + "\"";
        Expect(cql, 10_001, "the query is 10,010 characters long; the limit is 10,000");
        CqlParser.Parse("title ~ \"" + new string('a', CqlParser.MaxLength - 10) + "\""); // at the limit is fine
    }

    [Fact]
    public void Too_deep()
    {
        Expect(new string('(', 101) + "title = a" + new string(')', 101), 101,
            "the query nests parentheses and NOT deeper than 100 levels");
        Expect(string.Concat(Enumerable.Repeat("not ", 101)) + "title = a", 401,
            "the query nests parentheses and NOT deeper than 100 levels");
        CqlParser.Parse(new string('(', 100) + "title = a" + new string(')', 100));
        // Depth is nesting, not length: a long flat chain is fine.
        CqlParser.Parse(string.Join(" or ", Enumerable.Repeat("(label = a)", 600)));
    }
}
