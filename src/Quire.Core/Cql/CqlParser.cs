using System.Globalization;
using Superpower.Model;

namespace Quire.Core.Cql;

/// <summary>
/// Parses CQL into a <see cref="CqlQuery"/>. Grammar (keywords case-insensitive):
/// <code>
/// query   := [or] [ORDER BY order {, order}]
/// or      := and {OR and}
/// and     := unary {AND unary}
/// unary   := NOT unary | ( or ) | clause
/// clause  := field op value | field (IN | NOT IN) list
/// value   := word | number | "string" | 'string' | function
/// list    := ( value {, value} )
/// function:= name ( [arg {, arg}] )
/// order   := field [ASC | DESC]
/// </code>
/// Every failure is a <see cref="CqlException"/> (400) with a 1-based position; the parser
/// never throws anything else. Limits keep any input cheap: <see cref="MaxLength"/>
/// characters, <see cref="MaxDepth"/> levels of parentheses and NOT, <see cref="MaxListItems"/>
/// values in a list.
/// </summary>
public static class CqlParser
{
    public const int MaxLength = 10_000;
    public const int MaxDepth = 100;
    public const int MaxListItems = 1_000;
    public const int MaxFunctionArguments = 10;

    public static CqlQuery Parse(string? cql)
    {
        cql ??= "";
        if (cql.Length > MaxLength)
            throw new CqlException(
                $"the query is {cql.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; the limit is {MaxLength.ToString("N0", CultureInfo.InvariantCulture)}",
                MaxLength + 1);
        var tokens = CqlTokenizer.Instance.Lex(cql);
        return new Parser(cql, tokens).Query();
    }

    sealed class Parser(string source, Token<CqlToken>[] tokens)
    {
        int index;
        int depth;

        bool AtEnd => index >= tokens.Length;
        Token<CqlToken> Current => tokens[index];

        int PositionOf(int i) => i < tokens.Length ? tokens[i].Span.Position.Absolute + 1 : source.Length + 1;
        int Here => PositionOf(index);

        string Text(int i) => tokens[i].Span.ToStringValue();

        string Found(int i) => i >= tokens.Length
            ? "the end of the query"
            : tokens[i].Kind == CqlToken.String ? $"the string {CqlTokenizer.Show(Text(i))}" : CqlTokenizer.Show(Text(i));

        bool IsKeyword(int i, string keyword) =>
            i < tokens.Length && tokens[i].Kind == CqlToken.Word &&
            tokens[i].Span.EqualsValueIgnoreCase(keyword);

        bool IsKeyword(string keyword) => IsKeyword(index, keyword);

        bool Is(CqlToken kind) => !AtEnd && Current.Kind == kind;

        CqlException Error(string detail) => new(detail, Here);

        public CqlQuery Query()
        {
            if (AtEnd) throw Error("the query is empty; expected a clause such as type = page");
            CqlExpression? where = null;
            if (!IsKeyword("order")) where = Or();
            var order = IsKeyword("order") ? OrderBy() : [];
            if (!AtEnd)
            {
                if (Is(CqlToken.RParen)) throw Error("unexpected ')' without a matching '('");
                throw Error(order.Count > 0
                    ? $"expected ',' or the end of the query after ORDER BY {CqlFields.Of(order[^1].Field).Name} but found {Found(index)}"
                    : $"expected AND, OR or ORDER BY but found {Found(index)}");
            }
            return new CqlQuery(where, order);
        }

        CqlExpression Or()
        {
            var start = Here;
            var first = And();
            if (!IsKeyword("or")) return first;
            var operands = new List<CqlExpression> { first };
            while (IsKeyword("or"))
            {
                index++;
                operands.Add(And());
            }
            return new CqlOr(operands, start);
        }

        CqlExpression And()
        {
            var start = Here;
            var first = Unary();
            if (!IsKeyword("and")) return first;
            var operands = new List<CqlExpression> { first };
            while (IsKeyword("and"))
            {
                index++;
                operands.Add(Unary());
            }
            return new CqlAnd(operands, start);
        }

        CqlExpression Unary()
        {
            var start = Here;
            if (IsKeyword("not"))
            {
                Enter();
                index++;
                var operand = Unary();
                depth--;
                return new CqlNot(operand, start);
            }
            if (Is(CqlToken.LParen))
            {
                Enter();
                index++;
                var inner = Or();
                if (!Is(CqlToken.RParen))
                    throw Error(AtEnd
                        ? $"expected ')' to close the '(' at position {start} but found the end of the query"
                        : $"expected ')' to close the '(' at position {start}, or AND or OR, but found {Found(index)}");
                index++;
                depth--;
                return inner;
            }
            return Clause();
        }

        void Enter()
        {
            if (++depth > MaxDepth)
                throw Error($"the query nests parentheses and NOT deeper than {MaxDepth} levels");
        }

        CqlFieldInfo Field(string role)
        {
            if (AtEnd || Current.Kind != CqlToken.Word)
                throw Error($"expected {role} but found {Found(index)}");
            var name = Text(index);
            if (!CqlFields.TryFind(name, out var info))
                throw Error($"unknown field {CqlTokenizer.Show(name)}");
            index++;
            return info;
        }

        CqlExpression Clause()
        {
            var start = Here;
            var field = Field("a field name");
            var fieldName = Text(index - 1);
            var opPosition = Here;
            var op = Operator(fieldName);
            if (!field.Supports(op))
                throw new CqlException(
                    $"field '{field.Name}' does not support the operator {CqlWriter.Write(op)} (it supports {string.Join(", ", field.Operators.Select(CqlWriter.Write))})",
                    opPosition);
            var after = $"'{fieldName} {CqlWriter.Write(op)}'";
            CqlValue value = op is CqlOperator.In or CqlOperator.NotIn ? List(after) : Single(after);
            return new CqlClause(field.Field, op, Check(field, op, value), start);
        }

        CqlOperator Operator(string fieldName)
        {
            if (!AtEnd)
            {
                CqlOperator? op = Current.Kind switch
                {
                    CqlToken.Equal => CqlOperator.Equal,
                    CqlToken.NotEqual => CqlOperator.NotEqual,
                    CqlToken.Greater => CqlOperator.Greater,
                    CqlToken.GreaterOrEqual => CqlOperator.GreaterOrEqual,
                    CqlToken.Less => CqlOperator.Less,
                    CqlToken.LessOrEqual => CqlOperator.LessOrEqual,
                    CqlToken.Contains => CqlOperator.Contains,
                    CqlToken.NotContains => CqlOperator.NotContains,
                    _ => null,
                };
                if (op is not null)
                {
                    index++;
                    return op.Value;
                }
                if (IsKeyword("in"))
                {
                    index++;
                    return CqlOperator.In;
                }
                if (IsKeyword("not") && IsKeyword(index + 1, "in"))
                {
                    index += 2;
                    return CqlOperator.NotIn;
                }
            }
            throw Error($"expected an operator (=, !=, >, >=, <, <=, ~, !~, IN, NOT IN) after '{fieldName}' but found {Found(index)}");
        }

        static readonly string[] Reserved = ["and", "or", "not", "in", "order", "by"];

        CqlValue Single(string after)
        {
            if (Is(CqlToken.LParen))
                throw Error($"expected a single value after {after} but found a list; lists go with IN or NOT IN");
            return Value(after);
        }

        CqlValue Value(string after)
        {
            if (AtEnd) throw Error($"expected a value after {after} but found the end of the query");
            var position = Here;
            var token = Current;
            switch (token.Kind)
            {
                case CqlToken.String:
                    index++;
                    return new CqlString(CqlTokenizer.Unquote(token.Span), true, position);
                case CqlToken.Number:
                    index++;
                    return new CqlNumber(token.Span.ToStringValue(), position);
                case CqlToken.Word:
                    if (index + 1 < tokens.Length && tokens[index + 1].Kind == CqlToken.LParen)
                        return Function();
                    var word = token.Span.ToStringValue();
                    if (Reserved.Any(r => r.Equals(word, StringComparison.OrdinalIgnoreCase)))
                        throw Error($"expected a value after {after} but found the reserved word {CqlTokenizer.Show(word)}; quote it to search for it");
                    index++;
                    return new CqlString(word, false, position);
                default:
                    throw Error($"expected a value after {after} but found {Found(index)}");
            }
        }

        CqlList List(string after)
        {
            var start = Here;
            if (!Is(CqlToken.LParen))
                throw Error($"expected a list of values in parentheses after {after} but found {Found(index)}");
            index++;
            if (Is(CqlToken.RParen))
                throw new CqlException($"empty list after {after}; a list needs at least one value", start);
            var items = new List<CqlValue>();
            while (true)
            {
                if (Is(CqlToken.LParen)) throw Error($"lists cannot be nested: expected a value after {after} but found '('");
                items.Add(Value(after));
                if (items.Count > MaxListItems)
                    throw new CqlException($"the list after {after} has more than {MaxListItems} values", start);
                if (Is(CqlToken.Comma))
                {
                    index++;
                    continue;
                }
                if (Is(CqlToken.RParen))
                {
                    index++;
                    return new CqlList(items, start);
                }
                throw Error($"expected ',' or ')' in the list after {after} but found {Found(index)}");
            }
        }

        static readonly Dictionary<string, CqlFunctionName> Functions =
            Enum.GetValues<CqlFunctionName>().ToDictionary(f => f.ToString(), f => f, StringComparer.OrdinalIgnoreCase);

        CqlFunction Function()
        {
            var position = Here;
            var name = Text(index);
            if (!Functions.TryGetValue(name, out var function))
                throw Error($"unknown function {CqlTokenizer.Show(name + "()")}");
            index += 2; // name and (
            var args = new List<(string Text, int Position)>();
            if (!Is(CqlToken.RParen))
            {
                while (true)
                {
                    if (AtEnd || Current.Kind is not (CqlToken.String or CqlToken.Number or CqlToken.Word))
                        throw Error($"expected an argument of {CqlWriter.Name(function)}() but found {Found(index)}");
                    args.Add((Current.Kind == CqlToken.String ? CqlTokenizer.Unquote(Current.Span) : Text(index), Here));
                    index++;
                    if (args.Count > MaxFunctionArguments)
                        throw new CqlException($"too many arguments for {CqlWriter.Name(function)}()", position);
                    if (Is(CqlToken.Comma)) { index++; continue; }
                    if (Is(CqlToken.RParen)) break;
                    throw Error($"expected ',' or ')' after the arguments of {CqlWriter.Name(function)}() but found {Found(index)}");
                }
            }
            index++; // )
            if (function == CqlFunctionName.CurrentUser)
            {
                if (args.Count > 0)
                    throw new CqlException("currentUser() takes no arguments", args[0].Position);
                return new CqlFunction(function, null, position);
            }
            if (args.Count > 1)
                throw new CqlException($"{CqlWriter.Name(function)}() takes at most one argument, an offset such as \"-4w\"", args[1].Position);
            CqlOffset? offset = null;
            if (args.Count == 1 && !CqlDates.TryParseOffset(args[0].Text, function, out offset))
                throw new CqlException(
                    $"invalid offset {CqlTokenizer.Show(args[0].Text)} for {CqlWriter.Name(function)}(): expected (+/-)nn followed by y, M, w, d, h or m" +
                    (function == CqlFunctionName.Now ? "" : " (without a unit, the function's own period)") +
                    $", nn at most {CqlDates.MaxOffsetAmount}",
                    args[0].Position);
            return new CqlFunction(function, offset, position);
        }

        /// <summary>Checks the value against the field's kind: functions it supports, dates for date fields.</summary>
        static CqlValue Check(CqlFieldInfo field, CqlOperator op, CqlValue value)
        {
            if (value is CqlList list)
            {
                var items = list.Items.Select(item => Check(field, op, item)).ToList();
                return list with { Items = items };
            }
            if (value is CqlFunction function && !field.Supports(function.Name))
                throw new CqlException(
                    field.Functions.Count == 0
                        ? $"field '{field.Name}' takes no functions, but found {CqlWriter.Name(function.Name)}()"
                        : $"function {CqlWriter.Name(function.Name)}() is not supported for field '{field.Name}' (it supports {string.Join(", ", field.Functions.Select(f => CqlWriter.Name(f) + "()"))})",
                    function.Position);
            if (field.Kind == CqlFieldKind.Date && value is not CqlFunction)
            {
                var text = value switch
                {
                    CqlString s => s.Value,
                    CqlNumber n => n.Text,
                    _ => "",
                };
                if (!CqlDates.TryParseLiteral(text, out var date, out var hasTime))
                    throw new CqlException(
                        $"invalid date {CqlTokenizer.Show(text)} for field '{field.Name}': expected yyyy/MM/dd HH:mm, yyyy-MM-dd HH:mm, yyyy/MM/dd or yyyy-MM-dd, or a date function",
                        value.Position);
                return new CqlDate(date, hasTime, value.Position);
            }
            return value;
        }

        List<CqlOrder> OrderBy()
        {
            index++; // ORDER
            if (!IsKeyword("by")) throw Error($"expected BY after ORDER but found {Found(index)}");
            index++;
            var order = new List<CqlOrder>();
            while (true)
            {
                var position = Here;
                var field = Field("a field name after ORDER BY");
                if (!field.Orderable)
                    throw new CqlException(
                        $"cannot order by field '{field.Name}' (results can be ordered by {string.Join(", ", CqlFields.List.Where(f => f.Orderable).Select(f => f.Name))})",
                        position);
                var direction = CqlSortDirection.Ascending;
                if (IsKeyword("asc")) index++;
                else if (IsKeyword("desc")) { direction = CqlSortDirection.Descending; index++; }
                order.Add(new CqlOrder(field.Field, direction, position));
                if (order.Count > CqlFields.List.Count)
                    throw new CqlException("too many ORDER BY fields", position);
                if (!Is(CqlToken.Comma)) return order;
                index++;
            }
        }
    }
}
