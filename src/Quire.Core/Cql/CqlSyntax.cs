namespace Quire.Core.Cql;

// The syntax tree of a CQL query. Immutable; every node keeps the 1-based character offset
// where it starts, so a later stage (the SQL translator) can report problems where they
// are. ToString() writes canonical CQL: And/Or fully parenthesised, strings double-quoted,
// keywords upper case, fields by their canonical names; parsing that text gives the same
// tree again.

/// <summary>A whole query: the condition (null for a query that is only ORDER BY) and the order.</summary>
public sealed record CqlQuery(CqlExpression? Where, IReadOnlyList<CqlOrder> OrderBy)
{
    public override string ToString() => CqlWriter.Write(this);
}

public enum CqlSortDirection { Ascending, Descending }

/// <summary>One ORDER BY item; the direction defaults to ascending, as in Confluence.</summary>
public sealed record CqlOrder(CqlField Field, CqlSortDirection Direction, int Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>A condition: clauses combined with AND, OR and NOT.</summary>
public abstract record CqlExpression(int Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>All operands must hold; two or more, flattened (a AND b AND c is one node).</summary>
public sealed record CqlAnd(IReadOnlyList<CqlExpression> Operands, int Position) : CqlExpression(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>Any operand holds; two or more, flattened.</summary>
public sealed record CqlOr(IReadOnlyList<CqlExpression> Operands, int Position) : CqlExpression(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

public sealed record CqlNot(CqlExpression Operand, int Position) : CqlExpression(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>
/// field operator value. The parser has already checked that the field supports the operator
/// and the value's functions, that IN / NOT IN have a <see cref="CqlList"/> and the other
/// operators a single value, and that values of date fields are <see cref="CqlDate"/> or
/// date functions.
/// </summary>
public sealed record CqlClause(CqlField Field, CqlOperator Operator, CqlValue Value, int Position)
    : CqlExpression(Position)
{
    public CqlFieldInfo Info => CqlFields.Of(Field);
    public override string ToString() => CqlWriter.Write(this);
}

public enum CqlOperator
{
    Equal,             // =
    NotEqual,          // !=
    Greater,           // >
    GreaterOrEqual,    // >=
    Less,              // <
    LessOrEqual,       // <=
    Contains,          // ~
    NotContains,       // !~
    In,                // IN
    NotIn,             // NOT IN
}

public abstract record CqlValue(int Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>A word or a quoted string, unescaped. Quoted records how it was written.</summary>
public sealed record CqlString(string Value, bool Quoted, int Position) : CqlValue(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>An unquoted run of digits, kept as text (ids can exceed any integer type).</summary>
public sealed record CqlNumber(string Text, int Position) : CqlValue(Position)
{
    /// <summary>The number as a long, or null if it does not fit.</summary>
    public long? Int64 => long.TryParse(Text, System.Globalization.NumberStyles.None,
        System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>The values of IN / NOT IN: one or more single values (no nested lists).</summary>
public sealed record CqlList(IReadOnlyList<CqlValue> Items, int Position) : CqlValue(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

/// <summary>
/// A date literal of a date field, as wall-clock time (Kind Unspecified) in the caller's
/// time zone; HasTime is false for a plain date, which stands for the whole day.
/// </summary>
public sealed record CqlDate(DateTime Value, bool HasTime, int Position) : CqlValue(Position)
{
    public override string ToString() => CqlWriter.Write(this);
}

public enum CqlFunctionName
{
    CurrentUser,
    Now,
    StartOfDay,
    StartOfWeek,
    StartOfMonth,
    StartOfYear,
    EndOfDay,
    EndOfWeek,
    EndOfMonth,
    EndOfYear,
}

/// <summary>A function call; date functions may carry an offset ("-4w", "+1M").</summary>
public sealed record CqlFunction(CqlFunctionName Name, CqlOffset? Offset, int Position) : CqlValue(Position)
{
    public bool IsDate => Name != CqlFunctionName.CurrentUser;
    public override string ToString() => CqlWriter.Write(this);
}

public enum CqlDateUnit { Year, Month, Week, Day, Hour, Minute }

/// <summary>A signed amount of a unit: (+/-)nn(y|M|w|d|h|m).</summary>
public sealed record CqlOffset(int Amount, CqlDateUnit Unit)
{
    public override string ToString() => CqlWriter.Write(this);
}
