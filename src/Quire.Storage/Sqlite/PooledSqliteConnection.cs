using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// A SQLite connection of <see cref="SqliteConnectionPool"/>. The commands it makes for Dapper
/// (through <see cref="DbConnection.CreateCommand"/>) run on statements it has compiled before
/// whenever the SQL text is one it has seen.
/// </summary>
internal sealed class PooledSqliteConnection(string connectionString, SqliteConnectionPool pool) : SqliteConnection(connectionString)
{
    internal SqliteStatementCache Statements { get; } = new(pool);

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Statements.Clear();
        base.Dispose(disposing);
    }
}
