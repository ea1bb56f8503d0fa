using Quire.Core.Cql;

namespace Quire.Core.Tests.Cql;

public sealed class CqlParserTests
{
    static string P(string cql) => CqlParser.Parse(cql).ToString();

    static CqlClause Clause(string cql) => Assert.IsType<CqlClause>(CqlParser.Parse(cql).Where);

    [Theory]
    [InlineData("ancestor = 123", CqlField.Ancestor)]
    [InlineData("container = 123", CqlField.Container)]
    [InlineData("content = 123", CqlField.Content)]
    [InlineData("created > 2024-01-31", CqlField.Created)]
    [InlineData("creator = jsmith", CqlField.Creator)]
    [InlineData("contributor = jsmith", CqlField.Contributor)]
    [InlineData("favourite = currentUser()", CqlField.Favourite)]
    [InlineData("favorite = currentUser()", CqlField.Favourite)]
    [InlineData("id = 123", CqlField.Id)]
    [InlineData("label = performance", CqlField.Label)]
    [InlineData("lastmodified < 2024-01-31", CqlField.LastModified)]
    [InlineData("lastModified < 2024-01-31", CqlField.LastModified)]
    [InlineData("macro = toc", CqlField.Macro)]
    [InlineData("mention = jsmith", CqlField.Mention)]
    [InlineData("parent = 123", CqlField.Parent)]
    [InlineData("space = DEV", CqlField.Space)]
    [InlineData("space.key = DEV", CqlField.SpaceKey)]
    [InlineData("space.title ~ Dev", CqlField.SpaceTitle)]
    [InlineData("space.type = personal", CqlField.SpaceType)]
    [InlineData("text ~ hello", CqlField.Text)]
    [InlineData("title = hello", CqlField.Title)]
    [InlineData("type = page", CqlField.Type)]
    [InlineData("watcher = currentUser()", CqlField.Watcher)]
    [InlineData("user = jsmith", CqlField.User)]
    [InlineData("user.fullname ~ jo", CqlField.UserFullName)]
    [InlineData("user.accountid = abc123", CqlField.UserAccountId)]
    [InlineData("TITLE = x", CqlField.Title)]
    [InlineData("Space.Key = DEV", CqlField.SpaceKey)]
    [InlineData("USER.FULLNAME ~ jo", CqlField.UserFullName)]
    public void Every_field_parses_to_its_normalized_name(string cql, CqlField field)
    {
        Assert.Equal(field, Clause(cql).Field);
    }

    [Fact]
    public void Every_field_in_the_registry_has_a_case_insensitive_name()
    {
        Assert.Equal(Enum.GetValues<CqlField>().Length, CqlFields.List.Count);
        foreach (var info in CqlFields.List)
        {
            Assert.True(CqlFields.TryFind(info.Name.ToUpperInvariant(), out var found));
            Assert.Equal(info.Field, found.Field);
        }
    }

    [Theory]
    [InlineData("title = x", CqlOperator.Equal)]
    [InlineData("title != x", CqlOperator.NotEqual)]
    [InlineData("created > 2024-01-01", CqlOperator.Greater)]
    [InlineData("created >= 2024-01-01", CqlOperator.GreaterOrEqual)]
    [InlineData("created < 2024-01-01", CqlOperator.Less)]
    [InlineData("created <= 2024-01-01", CqlOperator.LessOrEqual)]
    [InlineData("title ~ x", CqlOperator.Contains)]
    [InlineData("title !~ x", CqlOperator.NotContains)]
    [InlineData("title IN (x)", CqlOperator.In)]
    [InlineData("title in (x)", CqlOperator.In)]
    [InlineData("title NOT IN (x)", CqlOperator.NotIn)]
    [InlineData("title not In (x)", CqlOperator.NotIn)]
    [InlineData("title~x", CqlOperator.Contains)]
    [InlineData("title!=x", CqlOperator.NotEqual)]
    [InlineData("created>=2024-01-01", CqlOperator.GreaterOrEqual)]
    public void Every_operator_parses(string cql, CqlOperator op)
    {
        Assert.Equal(op, Clause(cql).Operator);
    }

    [Fact]
    public void Field_operator_table_follows_the_reference()
    {
        string Ops(CqlField f) => string.Join(" ", CqlFields.Of(f).Operators.Select(CqlWriter.Write));
        Assert.Equal("~ !~", Ops(CqlField.Text));
        Assert.Equal("= != ~ !~ IN NOT IN", Ops(CqlField.Title));
        Assert.Equal("= != > >= < <=", Ops(CqlField.Created));
        Assert.Equal("= != > >= < <=", Ops(CqlField.LastModified));
        Assert.Equal("= != IN NOT IN", Ops(CqlField.Label));
        Assert.Equal("= != IN NOT IN", Ops(CqlField.Ancestor));
        Assert.Equal("= != IN NOT IN", Ops(CqlField.Creator));
        Assert.Equal("= != IN NOT IN", Ops(CqlField.Type));
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        Assert.Equal("(title = 1 OR (label = 2 AND type = 3))", P("title = 1 OR label = 2 AND type = 3"));
        Assert.Equal("((title = 1 AND label = 2) OR type = 3)", P("title = 1 AND label = 2 OR type = 3"));
        var or = Assert.IsType<CqlOr>(CqlParser.Parse("title = 1 OR label = 2 AND type = 3").Where);
        Assert.IsType<CqlClause>(or.Operands[0]);
        Assert.IsType<CqlAnd>(or.Operands[1]);
    }

    [Fact]
    public void Chains_are_flattened()
    {
        var and = Assert.IsType<CqlAnd>(CqlParser.Parse("type = page and label = a and label = b and space = X").Where);
        Assert.Equal(4, and.Operands.Count);
    }

    [Fact]
    public void Parentheses_override_precedence()
    {
        Assert.Equal("((title = 1 OR label = 2) AND type = 3)", P("(title = 1 OR label = 2) AND type = 3"));
        Assert.Equal("title = 1", P("((title = 1))"));
    }

    [Fact]
    public void Not_binds_tighter_than_and()
    {
        Assert.Equal("(NOT title = 1 AND label = 2)", P("NOT title = 1 AND label = 2"));
        Assert.Equal("NOT (title = 1 AND label = 2)", P("not (title = 1 AND label = 2)"));
        Assert.Equal("NOT NOT title = 1", P("NOT NOT title = 1"));
        var not = Assert.IsType<CqlNot>(CqlParser.Parse("not label = a").Where);
        Assert.IsType<CqlClause>(not.Operand);
    }

    [Fact]
    public void Keywords_are_case_insensitive()
    {
        Assert.Equal("((title = \"a\" AND label = \"b\") OR NOT type = \"c\") ORDER BY title ASC",
            P("title = a aNd label = b Or nOt type = c oRdEr bY title AsC"));
    }

    [Fact]
    public void Order_by_takes_several_fields_with_directions()
    {
        var query = CqlParser.Parse("type = page order by created desc, title, lastmodified ASC");
        Assert.Equal(
            [new CqlOrder(CqlField.Created, CqlSortDirection.Descending, 22),
             new CqlOrder(CqlField.Title, CqlSortDirection.Ascending, 36),
             new CqlOrder(CqlField.LastModified, CqlSortDirection.Ascending, 43)],
            query.OrderBy);
        Assert.Equal("type = \"page\" ORDER BY created DESC, title ASC, lastmodified ASC", query.ToString());
    }

    [Fact]
    public void A_query_may_be_only_an_order()
    {
        var query = CqlParser.Parse("ORDER BY id");
        Assert.Null(query.Where);
        Assert.Single(query.OrderBy);
    }

    [Fact]
    public void Quoted_strings_unescape()
    {
        Assert.Equal("Advanced Searching", Value("title = \"Advanced Searching\""));
        Assert.Equal("Advanced Searching", Value("title = 'Advanced Searching'"));
        Assert.Equal("\"Advanced Searching\"", Value("title = \"\\\"Advanced Searching\\\"\""));
        Assert.Equal("it's", Value("title = 'it\\'s'"));
        Assert.Equal("it's", Value("title = \"it's\""));
        Assert.Equal("say \"hi\"", Value("title = 'say \"hi\"'"));
        Assert.Equal("a\\b", Value("title = \"a\\\\b\""));
        Assert.Equal("a\nb\tc\rd e", Value("title = \"a\\nb\\tc\\rd\\ e\""));
        Assert.Equal("é", Value("title = \"\\u00e9\""));
        Assert.Equal("", Value("title = \"\""));
        Assert.Equal("and", Value("title = \"and\""));
        Assert.Equal("日本語 ok", Value("title ~ \"日本語 ok\""));
        Assert.True(((CqlString)Clause("title = \"x\"").Value).Quoted);
        Assert.False(((CqlString)Clause("title = x").Value).Quoted);

        static string Value(string cql) => Assert.IsType<CqlString>(Clause(cql).Value).Value;
    }

    [Fact]
    public void Unquoted_words_take_letters_digits_and_some_punctuation()
    {
        Assert.Equal("557058:abc-def", ((CqlString)Clause("creator = 557058:abc-def").Value).Value);
        Assert.Equal("ada@example.com", ((CqlString)Clause("user = ada@example.com").Value).Value);
        Assert.Equal("café", ((CqlString)Clause("title ~ café").Value).Value);
        Assert.Equal("win*", ((CqlString)Clause("title ~ win*").Value).Value);
    }

    [Fact]
    public void Numbers_stay_text_with_an_integer_view()
    {
        var number = Assert.IsType<CqlNumber>(Clause("id = 123").Value);
        Assert.Equal("123", number.Text);
        Assert.Equal(123, number.Int64);
        Assert.Null(Assert.IsType<CqlNumber>(Clause("id = 99999999999999999999999").Value).Int64);
    }

    [Fact]
    public void Lists_hold_words_strings_numbers_and_functions()
    {
        var list = Assert.IsType<CqlList>(Clause("creator in (jsmith, \"a b\", 'c', 42, currentUser())").Value);
        Assert.Collection(list.Items,
            v => Assert.Equal("jsmith", Assert.IsType<CqlString>(v).Value),
            v => Assert.Equal("a b", Assert.IsType<CqlString>(v).Value),
            v => Assert.Equal("c", Assert.IsType<CqlString>(v).Value),
            v => Assert.Equal("42", Assert.IsType<CqlNumber>(v).Text),
            v => Assert.Equal(CqlFunctionName.CurrentUser, Assert.IsType<CqlFunction>(v).Name));
        Assert.Equal("ancestor NOT IN (1, 2, 3)", P("ancestor not in (1,2,3)"));
    }

    [Theory]
    [InlineData("creator = currentUser()", CqlFunctionName.CurrentUser, null)]
    [InlineData("created > now()", CqlFunctionName.Now, null)]
    [InlineData("created > now(\"-4w\")", CqlFunctionName.Now, "-4w")]
    [InlineData("created > now('-4w')", CqlFunctionName.Now, "-4w")]
    [InlineData("created > now(-4w)", CqlFunctionName.Now, "-4w")]
    [InlineData("created > now(\"+2h\")", CqlFunctionName.Now, "+2h")]
    [InlineData("created > now(\"30m\")", CqlFunctionName.Now, "+30m")]
    [InlineData("created > startOfDay()", CqlFunctionName.StartOfDay, null)]
    [InlineData("created > startOfDay(\"-1\")", CqlFunctionName.StartOfDay, "-1d")]
    [InlineData("created > startOfWeek(\"-1w\")", CqlFunctionName.StartOfWeek, "-1w")]
    [InlineData("created > startOfMonth(\"+1M\")", CqlFunctionName.StartOfMonth, "+1M")]
    [InlineData("created > startOfMonth(\"-1\")", CqlFunctionName.StartOfMonth, "-1M")]
    [InlineData("created > startOfYear(\"-1y\")", CqlFunctionName.StartOfYear, "-1y")]
    [InlineData("created < endOfDay()", CqlFunctionName.EndOfDay, null)]
    [InlineData("created < endOfWeek(\"+1\")", CqlFunctionName.EndOfWeek, "+1w")]
    [InlineData("created < endOfMonth(\"-14d\")", CqlFunctionName.EndOfMonth, "-14d")]
    [InlineData("lastmodified < endOfYear(\" -1y \")", CqlFunctionName.EndOfYear, "-1y")]
    [InlineData("created > STARTOFMONTH()", CqlFunctionName.StartOfMonth, null)]
    [InlineData("creator = CurrentUser()", CqlFunctionName.CurrentUser, null)]
    public void Functions_parse_with_their_offset(string cql, CqlFunctionName name, string? offset)
    {
        var function = Assert.IsType<CqlFunction>(Clause(cql).Value);
        Assert.Equal(name, function.Name);
        Assert.Equal(offset, function.Offset is null ? null : CqlWriter.Write(function.Offset));
    }

    [Theory]
    [InlineData("created = \"2024/01/31 13:45\"", 2024, 1, 31, 13, 45, true)]
    [InlineData("created = \"2024-01-31 13:45\"", 2024, 1, 31, 13, 45, true)]
    [InlineData("created = \"2024/01/31\"", 2024, 1, 31, 0, 0, false)]
    [InlineData("created = 2024-01-31", 2024, 1, 31, 0, 0, false)]
    [InlineData("created = 2024/01/31", 2024, 1, 31, 0, 0, false)]
    [InlineData("lastmodified >= '2020-02-29'", 2020, 2, 29, 0, 0, false)]
    public void Date_literals_of_date_fields_become_dates(string cql, int y, int mo, int d, int h, int mi, bool hasTime)
    {
        var date = Assert.IsType<CqlDate>(Clause(cql).Value);
        Assert.Equal(new DateTime(y, mo, d, h, mi, 0), date.Value);
        Assert.Equal(DateTimeKind.Unspecified, date.Value.Kind);
        Assert.Equal(hasTime, date.HasTime);
    }

    [Fact]
    public void Positions_are_one_based_character_offsets()
    {
        var query = CqlParser.Parse("type = page AND  title ~ \"x y\"");
        var and = Assert.IsType<CqlAnd>(query.Where);
        var second = Assert.IsType<CqlClause>(and.Operands[1]);
        Assert.Equal(1, and.Position);
        Assert.Equal(18, second.Position);
        Assert.Equal(26, second.Value.Position);
    }

    [Theory]
    [InlineData("type = page and space in (DEV, \"My Space\") and (label = a or label != b) and not creator = currentUser() order by created desc, title")]
    [InlineData("text ~ \"quo\\\"te\" and created >= startOfMonth(\"-1M\") and lastmodified < \"2024-01-31 10:00\"")]
    [InlineData("title !~ 'x' or title not in (\"a\\\\b\", c) or ancestor = 123")]
    public void Canonical_text_parses_back_to_the_same_tree(string cql)
    {
        var once = P(cql);
        Assert.Equal(once, P(once));
    }
}
