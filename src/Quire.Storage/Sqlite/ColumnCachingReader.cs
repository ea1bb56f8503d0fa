using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// The reader Dapper gets for a cached statement: Microsoft.Data.Sqlite's own, with the column names and the
/// types of NULL columns answered from <see cref="StatementColumns"/> while the first row has not been read.
/// Dapper checks its mapping (each column's name and type) before it reads a row, on every execution; the
/// provider has already stepped to the first row then, so asking it for that row (<see cref="SqliteDataReader.Read"/>
/// does not step again the first time) tells which columns are NULL without changing what anyone reads.
/// Everything else is the provider's answer.
/// </summary>
internal sealed class ColumnCachingReader : DbDataReader
{
    private readonly SqliteDataReader _inner;
    private StatementColumns? _columns;
    private bool _firstRowPending;
    private bool _hasFirstRow;

    public ColumnCachingReader(SqliteDataReader inner, StatementColumns columns)
    {
        _inner = inner;
        _columns = columns;
        _hasFirstRow = inner.Read();
        _firstRowPending = true;
    }

    public override string GetName(int ordinal) => _columns is { } columns ? columns.Name(_inner, ordinal) : _inner.GetName(ordinal);

    public override Type GetFieldType(int ordinal) =>
        _firstRowPending && _columns is { } columns && (!_hasFirstRow || _inner.IsDBNull(ordinal))
            ? columns.NullType(_inner, ordinal)
            : _inner.GetFieldType(ordinal);

    public override bool Read()
    {
        if (!_firstRowPending) return _inner.Read();
        _firstRowPending = false;
        return _hasFirstRow;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_firstRowPending) return _inner.ReadAsync(cancellationToken);
        _firstRowPending = false;
        return _hasFirstRow ? TrueTask : FalseTask;
    }

    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    /// <summary>A further result set (a text of several statements) is the provider's alone: the cache describes the first.</summary>
    public override bool NextResult()
    {
        (_columns, _firstRowPending) = (null, false);
        return _inner.NextResult();
    }

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken)
    {
        (_columns, _firstRowPending) = (null, false);
        return _inner.NextResultAsync(cancellationToken);
    }

    public override int FieldCount => _inner.FieldCount;
    public override bool HasRows => _inner.HasRows;
    public override bool IsClosed => _inner.IsClosed;
    public override int RecordsAffected => _inner.RecordsAffected;
    public override int Depth => _inner.Depth;
    public override object this[int ordinal] => _inner[ordinal];
    public override object this[string name] => _inner[name];
    public override bool GetBoolean(int ordinal) => _inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => _inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        _inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => _inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        _inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => _inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => _inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => _inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => _inner.GetDouble(ordinal);
    public override float GetFloat(int ordinal) => _inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => _inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => _inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => _inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => _inner.GetInt64(ordinal);
    public override string GetString(int ordinal) => _inner.GetString(ordinal);
    public override object GetValue(int ordinal) => _inner.GetValue(ordinal);
    public override int GetValues(object[] values) => _inner.GetValues(values);
    public override bool IsDBNull(int ordinal) => _inner.IsDBNull(ordinal);
    public override int GetOrdinal(string name) => _inner.GetOrdinal(name);
    public override T GetFieldValue<T>(int ordinal) => _inner.GetFieldValue<T>(ordinal);
    public override Stream GetStream(int ordinal) => _inner.GetStream(ordinal);
    public override TextReader GetTextReader(int ordinal) => _inner.GetTextReader(ordinal);
    public override System.Data.DataTable? GetSchemaTable() => _inner.GetSchemaTable();
    /// <summary>Over this reader, not the provider's: the provider's first row was taken here already.</summary>
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
    public override void Close() => _inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => _inner.DisposeAsync();
}
