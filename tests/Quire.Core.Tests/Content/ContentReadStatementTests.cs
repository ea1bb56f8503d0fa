using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;

namespace Quire.Core.Tests.Content;

/// <summary>
/// The single-content read runs on a reader of its own (<see cref="DbSession.QueryFirstRowAsync{T}"/>), not
/// Dapper's mapping: its statement must still go back to the connection's cache after each read, or every
/// read compiles it again (as it did while the reader was disposed asynchronously, which left Dapper's
/// command undisposed).
/// </summary>
public sealed class ContentReadStatementTests
{
    [Fact]
    public async Task The_single_content_read_is_compiled_once_per_connection()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("content-read-statement");
        var compiled = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            await using var session = new DbSession(sqlite.Database);
            var store = new ContentStore(session, new ReadGuardStore(session), new Quire.Storage.Search.SearchIndexStore(session));
            Assert.Null(await store.FindReadableAsync(1, Viewer.Of(1, ["group"], anonymousGrantsApply: false)));
            compiled.Add(sqlite.Database.SqliteStatementsCompiled);
        }
        Assert.All(compiled, count => Assert.Equal(compiled[0], count));
    }
}
