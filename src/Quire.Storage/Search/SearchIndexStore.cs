namespace Quire.Storage.Search;

/// <summary>A body the index has not read yet (content that existed before the index did).</summary>
public sealed record UnindexedBody(long Id, string BodyStorage);

/// <summary>
/// The full-text index (<c>content_search</c>: FTS5 on SQLite, a tsvector on PostgreSQL). Its
/// rows come and go with content and follow titles and labels through triggers (see the
/// migration); the body's text is extracted by the caller and written here, inside the
/// transaction that writes the body.
/// </summary>
public sealed class SearchIndexStore(DbSession db)
{
    private string Key => db.Dialect.FullTextKey;

    public Task SetBodyAsync(long id, string text, CancellationToken ct = default) =>
        db.ExecuteAsync($"UPDATE content_search SET body = @text WHERE {Key} = @id", new { id, text }, ct);

    /// <summary>
    /// Writes the whole search row (title and body text) of the content this transaction inserts next, under the id that
    /// insert will take, so that the insert's trigger finds the row there and writes none (SQLite's migration 0043). Otherwise
    /// a new page's row was written twice while it held the writer turn: the trigger's, with the title alone, and then the
    /// body's text as an FTS5 <c>UPDATE</c>, which deletes the row (reading and tokenizing it again) and inserts it anew.
    /// Answers the id, or null where the trigger is left to write the row: on PostgreSQL (<see cref="Dialects.SqlDialect.NextContentId"/>)
    /// and outside a transaction, where each statement is a transaction of its own and another writer could take the id
    /// between them. The caller inserts the content next and, if it did not take this id, calls <see cref="DeleteAsync"/>.
    /// </summary>
    public async Task<long?> TryWriteAheadAsync(string title, string text, CancellationToken ct = default)
    {
        if (db.Dialect.NextContentId is not { } next || !db.InTransaction) return null;
        var id = await db.ExecuteScalarAsync<long>(next, ct: ct);
        await db.ExecuteAsync($"INSERT INTO content_search ({Key}, title, body, labels) VALUES (@id, @title, @text, '')", new { id, title, text }, ct);
        return id;
    }

    /// <summary>The search row of <paramref name="id"/>, written ahead for content whose insert did not take the id (<see cref="TryWriteAheadAsync"/>).</summary>
    public Task DeleteAsync(long id, CancellationToken ct = default) =>
        db.ExecuteAsync($"DELETE FROM content_search WHERE {Key} = @id", new { id }, ct);

    /// <summary>The body texts of many rows in one statement (a bulk load), as <see cref="SetBodyAsync"/> for each.</summary>
    public Task SetBodiesAsync(long[] ids, string[] texts, CancellationToken ct = default) =>
        ids.Length == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                $"UPDATE content_search SET body = b.b_text FROM {db.Dialect.ArrayColumns("b", "b_id", "b_text")} WHERE content_search.{Key} = b.b_id",
                new { b_id = ids, b_text = texts }, ct);

    /// <summary>Up to <paramref name="count"/> bodies not indexed yet: run at every start, so on PostgreSQL it reads a partial index of them (0044), not the table.</summary>
    public Task<IReadOnlyList<UnindexedBody>> UnindexedAsync(int count, CancellationToken ct = default) =>
        db.QueryAsync<UnindexedBody>(UnindexedText(db.Dialect), new { count }, ct);

    /// <summary>The text of <see cref="UnindexedAsync"/> (with <c>@count</c>), for the test of its plan.</summary>
    public static string UnindexedText(Dialects.SqlDialect dialect) =>
        $"""
        SELECT c.id, c.body_storage FROM content_search x JOIN content c ON c.id = x.{dialect.FullTextKey}
        WHERE x.body IS NULL ORDER BY c.id LIMIT @count
        """;
}
