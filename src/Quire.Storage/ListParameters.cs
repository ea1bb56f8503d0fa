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
    /// <summary>The one Dapper is given (<see cref="DapperSetup"/>), also for parameters bound without Dapper.</summary>
    public static readonly ArrayParameterHandler<T> Instance = new();

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

/// <summary>
/// Parameters that add themselves to a command, for a statement run without Dapper
/// (<see cref="DbSession.QueryFirstRowAsync"/>): bound as Dapper binds an object's properties (named without a prefix,
/// <see cref="DbType"/> from the property's type, arrays through <see cref="ArrayParameterHandler{T}"/>).
/// </summary>
public interface ICommandParameters
{
    void AddTo(System.Data.Common.DbCommand command);
}

/// <summary>Adds parameters to a command the way Dapper does.</summary>
internal static class CommandParameters
{
    public static void Add(System.Data.Common.DbCommand command, string name, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public static void AddArray<T>(System.Data.Common.DbCommand command, string name, T[] values)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        ArrayParameterHandler<T>.Instance.SetValue(parameter, values);
        command.Parameters.Add(parameter);
    }
}
