namespace Quire.Storage.Dialects;

/// <summary>
/// A value built once for each dialect, for the text of a hot statement that depends only on the
/// dialect (its read-rule conditions included): built per call, such a text is a few kilobytes of
/// garbage on every request, and the statement cache must hash and compare a new string each time.
/// Two threads may both build it the first time; they build the same text and either is kept.
/// </summary>
public sealed class PerDialect<T>(Func<SqlDialect, T> build) where T : class
{
    private T? _sqlite;
    private T? _postgres;

    public T For(SqlDialect dialect) => dialect.Provider == DatabaseProvider.Postgres
        ? _postgres ??= build(dialect)
        : _sqlite ??= build(dialect);
}
