using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// What a compiled statement's first result set says about its columns, kept with the statement
/// (<see cref="SqliteStatementCache"/>): their names, and the type Microsoft.Data.Sqlite gives a column
/// that holds NULL in the first row (its declared type's affinity). Dapper asks both of every column on
/// every execution to check its mapping is still right, and the provider builds new strings and lists
/// to answer; both are fixed for a compiled statement, so they are asked once.
/// </summary>
internal sealed class StatementColumns
{
    private string[]? _names;
    private Type?[]? _nullTypes;

    public string Name(SqliteDataReader reader, int ordinal)
    {
        _names ??= new string[reader.FieldCount];
        if ((uint)ordinal >= (uint)_names.Length) return reader.GetName(ordinal);
        return _names[ordinal] ??= reader.GetName(ordinal);
    }

    /// <summary>The field type of a column with no value to go by (NULL, or no row): the same for every execution.</summary>
    public Type NullType(SqliteDataReader reader, int ordinal)
    {
        _nullTypes ??= new Type?[reader.FieldCount];
        if ((uint)ordinal >= (uint)_nullTypes.Length) return reader.GetFieldType(ordinal);
        return _nullTypes[ordinal] ??= reader.GetFieldType(ordinal);
    }
}
