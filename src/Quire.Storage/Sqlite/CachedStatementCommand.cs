using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// The command Dapper gets from a <see cref="PooledSqliteConnection"/>: it forwards to the
/// connection's compiled command for its SQL text (<see cref="SqliteStatementCache"/>), taken
/// when the text is set and given back, its parameters cleared, when this is disposed. Dapper
/// sets the text before it adds parameters, so they go straight to the compiled command.
/// </summary>
internal sealed class CachedStatementCommand(PooledSqliteConnection connection) : DbCommand
{
    private string _text = "";
    private SqliteCommand? _statement;
    private StatementColumns? _columns;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set
        {
            value ??= "";
            if (_statement is not null && !string.Equals(_text, value, StringComparison.Ordinal)) Release();
            _text = value;
        }
    }

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("SQLite runs SQL text only.");
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => throw new NotSupportedException("A cached statement belongs to its connection.");
    }

    protected override DbParameterCollection DbParameterCollection => Statement.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    private SqliteCommand Statement => _statement ??= connection.Statements.Rent(connection, _text, out _columns);

    private SqliteCommand Ready()
    {
        var statement = Statement;
        statement.Transaction = (SqliteTransaction?)DbTransaction;
        statement.CommandTimeout = CommandTimeout;
        // Dapper names parameters without their prefix ("id"); Microsoft.Data.Sqlite then tries
        // ":id", "@id" and "$id" in turn, a new string and a native lookup each, on every
        // execution. Quire's SQL writes them all with "@", so name them so once.
        foreach (SqliteParameter parameter in statement.Parameters)
            if (parameter.ParameterName is { Length: > 0 } name && name[0] is not ('@' or ':' or '$'))
                parameter.ParameterName = PrefixedNames.GetOrAdd(name, static n => "@" + n);
        return statement;
    }

    /// <summary>"@name" for each parameter name Dapper has used: a few hundred, built once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PrefixedNames = new(StringComparer.Ordinal);

    public override void Cancel() => _statement?.Cancel();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    public override void Prepare() => Ready().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => WithColumns(Ready().ExecuteReader(behavior));

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        WithColumns(await Ready().ExecuteReaderAsync(behavior, cancellationToken));

    /// <summary>A cached statement's reader answers the column questions Dapper asks on every execution from the statement.</summary>
    private DbDataReader WithColumns(SqliteDataReader reader) => _columns is { } columns ? new ColumnCachingReader(reader, columns) : reader;

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Ready().ExecuteScalarAsync(cancellationToken);

    private void Release()
    {
        if (_statement is null) return;
        connection.Statements.Return(_statement);
        (_statement, _columns) = (null, null);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Release();
        base.Dispose(disposing);
    }
}
