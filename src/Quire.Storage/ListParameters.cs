using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Quire.Storage;

/// <summary>
/// Sends an array parameter as one value on both engines, so a statement's text never depends on
/// how many values it is given and its compiled form serves every call: PostgreSQL gets the array
/// itself (<c>= ANY(@p)</c>), SQLite a JSON array that <c>json_each</c> reads
/// (<c>IN (SELECT value FROM json_each(@p))</c>; see <see cref="DbSession.InList"/>). Without it
/// Dapper writes SQLite's list into the text as <c>(@p1, @p2, ...)</c>, a new statement for
/// every length.
/// </summary>
internal sealed class ArrayParameterHandler<T> : SqlMapper.TypeHandler<T[]>
{
    public override void SetValue(IDbDataParameter parameter, T[]? value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value);
        }
        else
        {
            parameter.Value = (object?)value ?? DBNull.Value;
        }
    }

    public override T[] Parse(object value) => (T[])value;
}
