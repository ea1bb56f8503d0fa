using System.Globalization;
using System.Text;

namespace Quire.Core.Cql;

/// <summary>Writes a syntax tree back as canonical CQL (see <see cref="CqlQuery"/>).</summary>
public static class CqlWriter
{
    public static string Write(CqlQuery query)
    {
        var b = new StringBuilder();
        if (query.Where is not null) Write(b, query.Where);
        if (query.OrderBy.Count > 0)
        {
            if (b.Length > 0) b.Append(' ');
            b.Append("ORDER BY ").AppendJoin(", ", query.OrderBy.Select(Write));
        }
        return b.ToString();
    }

    public static string Write(CqlOrder order) =>
        CqlFields.Of(order.Field).Name + (order.Direction == CqlSortDirection.Descending ? " DESC" : " ASC");

    public static string Write(CqlExpression expression)
    {
        var b = new StringBuilder();
        Write(b, expression);
        return b.ToString();
    }

    static void Write(StringBuilder b, CqlExpression expression)
    {
        switch (expression)
        {
            case CqlAnd and: Join(b, and.Operands, " AND "); break;
            case CqlOr or: Join(b, or.Operands, " OR "); break;
            case CqlNot not:
                b.Append("NOT "); // an And or Or operand writes its own parentheses
                Write(b, not.Operand);
                break;
            case CqlClause clause:
                b.Append(CqlFields.Of(clause.Field).Name).Append(' ').Append(Write(clause.Operator))
                    .Append(' ').Append(Write(clause.Value));
                break;
        }
    }

    static void Join(StringBuilder b, IReadOnlyList<CqlExpression> operands, string separator)
    {
        b.Append('(');
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0) b.Append(separator);
            Write(b, operands[i]);
        }
        b.Append(')');
    }

    public static string Write(CqlOperator op) => op switch
    {
        CqlOperator.Equal => "=",
        CqlOperator.NotEqual => "!=",
        CqlOperator.Greater => ">",
        CqlOperator.GreaterOrEqual => ">=",
        CqlOperator.Less => "<",
        CqlOperator.LessOrEqual => "<=",
        CqlOperator.Contains => "~",
        CqlOperator.NotContains => "!~",
        CqlOperator.In => "IN",
        _ => "NOT IN",
    };

    public static string Write(CqlValue value) => value switch
    {
        CqlString s => Quote(s.Value),
        CqlNumber n => n.Text,
        CqlList list => "(" + string.Join(", ", list.Items.Select(Write)) + ")",
        CqlDate d => Quote(d.Value.ToString(d.HasTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        CqlFunction f => Name(f.Name) + "(" + (f.Offset is null ? "" : Quote(Write(f.Offset))) + ")",
        _ => "?",
    };

    public static string Write(CqlOffset offset)
    {
        var unit = offset.Unit switch
        {
            CqlDateUnit.Year => 'y',
            CqlDateUnit.Month => 'M',
            CqlDateUnit.Week => 'w',
            CqlDateUnit.Day => 'd',
            CqlDateUnit.Hour => 'h',
            _ => 'm',
        };
        return (offset.Amount < 0 ? "-" : "+") + Math.Abs(offset.Amount).ToString(CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>The function's name as the reference spells it (currentUser, startOfMonth, ...).</summary>
    public static string Name(CqlFunctionName name)
    {
        var s = name.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    /// <summary>A double-quoted CQL string with ", \ and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var b = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
