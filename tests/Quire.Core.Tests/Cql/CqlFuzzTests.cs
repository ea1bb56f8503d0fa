using System.Diagnostics;
using System.Text;
using Quire.Core.Cql;
using Xunit.Abstractions;

namespace Quire.Core.Tests.Cql;

/// <summary>
/// Random input, deterministic seed: parsing either succeeds or throws the CQL 400, never
/// anything else. What succeeds also writes canonical CQL that parses back to the same text, and
/// its date values evaluate or fail with the CQL 400 only. The run is bounded by its number of
/// inputs, not by a clock: on a loaded machine the same inputs take longer, and that is no defect.
/// (What an input may cost is bounded by the parser's limits, which the extremes exercise.)
/// </summary>
public sealed class CqlFuzzTests(ITestOutputHelper output)
{
    const int Seed = 20_240_313;
    const int CasesPerKind = 6_000;

    static readonly string[] Valid =
    [
        "type = page",
        "type = page and space = DEV order by created desc",
        "title ~ \"release notes\" or (label in (a, b, \"c d\") and not creator = currentUser())",
        "created >= startOfMonth(\"-1M\") and lastmodified < now('-4w')",
        "ancestor = 123 and container != 456 and content in (1, 2, 3) and id not in (7)",
        "text ~ 'it\\'s' and space.key = DEV and space.type = personal and space.title ~ Dev",
        "creator = jsmith and contributor in (a, b) and mention = currentUser() and watcher = currentUser() and favourite = currentUser()",
        "macro = toc and parent = 9 and label != draft and title != \"x\\\\y\"",
        "type = user and user.fullname ~ jo and user.accountid = abc and user = x order by user.fullname",
        "created = \"2024/01/31 13:45\" or created > 2024-01-31 or lastmodified <= endOfYear(\"+1y\") order by title asc, id desc",
        "NOT (title = a OR title = b) AND ((label = x))",
    ];

    static readonly string[] Vocabulary =
    [
        "ancestor", "container", "content", "created", "creator", "contributor", "favourite", "favorite", "id",
        "label", "lastmodified", "lastModified", "macro", "mention", "parent", "space", "space.key", "space.title",
        "space.type", "text", "title", "type", "watcher", "user", "user.fullname", "user.accountid", "colour",
        "=", "!=", ">", ">=", "<", "<=", "~", "!~", "!", "IN", "in", "NOT", "not", "NOT IN", "AND", "and", "OR", "or",
        "ORDER", "BY", "order by", "asc", "DESC", "(", ")", "(", ")", ",", "\"", "'", "\\", "\\\"", "\"a b\"", "'c'",
        "page", "blogpost", "DEV", "123", "0", "99999999999999999999999", "2024-01-31", "2024/13/01", "\"2024-01-31 10:00\"",
        "currentUser()", "now()", "now(\"-4w\")", "startOfDay(", "startOfMonth(\"+1M\")", "endOfYear(-1)", "endOfWeek(\"x\")",
        "whoami()", "now(\"1000000y\")", "startOfYear(\"-1000000y\")", "\"\\u00e9\"", "\"\\u12\"", "é", "日本", "*", "-4w",
    ];

    [Fact]
    public void Random_input_parses_or_fails_with_the_cql_400_only()
    {
        var random = new Random(Seed);
        var generators = new (string Name, Func<Random, string> Make, int Cases)[]
        {
            ("ascii", RandomAscii, CasesPerKind),
            ("unicode", RandomUnicode, CasesPerKind),
            ("token soup", TokenSoup, CasesPerKind),
            ("mutated valid query", Mutated, CasesPerKind),
            ("nesting and length", Extremes, 300), // each up to 10,000 characters
        };
        var total = Stopwatch.StartNew();
        foreach (var (name, make, cases) in generators)
        {
            var kind = Stopwatch.StartNew();
            int parsed = 0, rejected = 0;
            var slowest = TimeSpan.Zero;
            for (var i = 0; i < cases; i++)
            {
                var input = make(random);
                var watch = Stopwatch.StartNew();
                if (Check(input)) parsed++;
                else rejected++;
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            }
            output.WriteLine($"{name}: {parsed} parsed, {rejected} rejected in {kind.Elapsed.TotalMilliseconds:F0} ms, slowest {slowest.TotalMilliseconds:F1} ms");
            if (name is "token soup" or "mutated valid query") Assert.True(parsed > 50, $"{name}: only {parsed} inputs parsed");
        }
        output.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s (reported, not asserted)");
    }

    /// <summary>True if the input parsed; false if it was rejected with a CqlException; fails on anything else.</summary>
    static bool Check(string input)
    {
        CqlQuery query;
        try
        {
            query = CqlParser.Parse(input);
        }
        catch (CqlException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Detail));
            Assert.InRange(e.Position, 1, Math.Min(input.Length, CqlParser.MaxLength) + 1);
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} for {Escape(input)}: {e}");
            throw;
        }

        try
        {
            var canonical = query.ToString();
            try
            {
                Assert.Equal(canonical, CqlParser.Parse(canonical).ToString());
            }
            catch (CqlException e) when (e.Detail.Contains("deeper than") || e.Detail.Contains("characters long"))
            {
                // Canonical text parenthesises every AND and OR and quotes every word, so a query
                // near the depth or length limit may exceed it.
            }
            foreach (var value in DateValues(query.Where))
            {
                try
                {
                    CqlDates.Range(value, DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
                }
                catch (CqlException)
                {
                }
            }
            // Every translation (content, space, user search) either succeeds or is the CQL 400.
            var translator = new Quire.Core.Search.CqlToFilter(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
            foreach (var translate in new Action[]
                     {
                         () => Quire.Core.Search.CqlToFilter.Target(query), () => translator.Where(query), () => translator.Order(query),
                         () => translator.SpaceWhere(query), () => Quire.Core.Search.CqlToFilter.SpaceOrder(query),
                         () => translator.UserWhere(query), () => Quire.Core.Search.CqlToFilter.UserOrderDescending(query),
                     })
            {
                try
                {
                    translate();
                }
                catch (CqlException)
                {
                }
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{e.GetType().Name} after parsing {Escape(input)}: {e}");
        }
        return true;
    }

    static IEnumerable<CqlValue> DateValues(CqlExpression? expression) => expression switch
    {
        CqlAnd and => and.Operands.SelectMany(DateValues),
        CqlOr or => or.Operands.SelectMany(DateValues),
        CqlNot not => DateValues(not.Operand),
        CqlClause { Info.Kind: CqlFieldKind.Date } clause => [clause.Value],
        _ => [],
    };

    static string RandomAscii(Random r)
    {
        var chars = new char[r.Next(0, 60)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)r.Next(0, 128);
        return new string(chars);
    }

    static string RandomUnicode(Random r)
    {
        var b = new StringBuilder();
        var length = r.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            switch (r.Next(4))
            {
                case 0: b.Append((char)r.Next(0, 0x10000)); break;             // any UTF-16 unit, lone surrogates too
                case 1: b.Append(char.ConvertFromUtf32(r.Next(0x1F300, 0x1F6FF))); break; // a surrogate pair
                case 2: b.Append((char)r.Next(0x80, 0x3000)); break;
                default: b.Append(Vocabulary[r.Next(Vocabulary.Length)]).Append(' '); break;
            }
        }
        return b.ToString();
    }

    static readonly string[] Fields = Vocabulary[..27];
    static readonly string[] Operators = ["=", "!=", ">", ">=", "<", "<=", "~", "!~", "in", "NOT IN"];
    static readonly string[] Values =
        ["page", "DEV", "123", "\"a b\"", "'c'", "2024-01-31", "currentUser()", "now(\"-4w\")", "startOfMonth(\"+1M\")",
         "(a, b)", "(1)", "(currentUser(), x)", "endOfDay()", "\"2024/01/31 10:00\""];
    static readonly string[] Connectors = ["and", "OR", "and not", "AND", "or NOT"];

    /// <summary>Clause-shaped runs of CQL words, some replaced by any word of the vocabulary.</summary>
    static string TokenSoup(Random r)
    {
        var words = new List<string>();
        var clauses = r.Next(1, 5);
        for (var i = 0; i < clauses; i++)
        {
            if (i > 0) words.Add(Connectors[r.Next(Connectors.Length)]);
            if (r.Next(5) == 0) words.Add("(");
            words.Add(Fields[r.Next(Fields.Length)]);
            words.Add(Operators[r.Next(Operators.Length)]);
            words.Add(Values[r.Next(Values.Length)]);
            if (words.Contains("(") && r.Next(2) == 0) words.Add(")");
        }
        if (r.Next(4) == 0) words.AddRange(["order", "by", Fields[r.Next(Fields.Length)], r.Next(2) == 0 ? "desc" : "asc"]);
        for (var i = 0; i < words.Count; i++)
            if (r.Next(8) == 0) words[i] = Vocabulary[r.Next(Vocabulary.Length)];
        var b = new StringBuilder();
        foreach (var word in words)
            b.Append(word).Append(r.Next(8) switch { 0 => "", 1 => "  ", 2 => "\t", _ => " " });
        return b.ToString();
    }

    static string Mutated(Random r)
    {
        var s = new StringBuilder(Valid[r.Next(Valid.Length)]);
        var mutations = r.Next(0, 4);
        for (var m = 0; m < mutations && s.Length > 0; m++)
        {
            var at = r.Next(s.Length);
            switch (r.Next(6))
            {
                case 0: s.Remove(at, 1); break;
                case 1: s.Insert(at, (char)r.Next(32, 127)); break;
                case 2: s.Insert(at, " " + Vocabulary[r.Next(Vocabulary.Length)] + " "); break;
                case 3: s.Length = at; break;
                case 4:
                    var other = r.Next(s.Length);
                    (s[at], s[other]) = (s[other], s[at]);
                    break;
                default:
                    var length = Math.Min(r.Next(1, 12), s.Length - at);
                    s.Insert(at, s.ToString(at, length));
                    break;
            }
        }
        return s.ToString();
    }

    static string Extremes(Random r) => r.Next(6) switch
    {
        0 => new string('(', r.Next(90, 3000)) + "title = a" + new string(')', r.Next(90, 3000)),
        1 => string.Concat(Enumerable.Repeat("not ", r.Next(90, 2600))) + "title = a",
        2 => "title ~ \"" + new string('x', r.Next(9_980, 10_020)) + "\"",
        3 => string.Join(r.Next(2) == 0 ? " and " : " or ", Enumerable.Repeat("label = a", r.Next(1, 800))),
        4 => "label in (" + string.Join(",", Enumerable.Range(0, r.Next(990, 1010))) + ")",
        _ => "title = \"" + new string('\\', r.Next(1, 5000)) + "\"",
    };

    static string Escape(string s) => CqlWriter.Quote(s.Length > 300 ? s[..300] + "…" : s);
}
