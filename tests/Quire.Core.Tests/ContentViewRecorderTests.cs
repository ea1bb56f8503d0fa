using Quire.Core.Analytics;
using Quire.Storage;
using Quire.Storage.Analytics;

namespace Quire.Core.Tests;

/// <summary>The in-memory queue of content views: its bound, and that a flush makes room again.</summary>
public sealed class ContentViewRecorderTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quire-views-" + Guid.NewGuid().ToString("N")[..8]);
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = Database.ForSqliteFile(Path.Combine(_directory, "quire.db"));
        await Migrator.ApplyAsync(_database, nowMillis: 0);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Views_past_the_capacity_are_dropped_and_counted()
    {
        var recorder = new ContentViewRecorder(capacity: 3);
        for (var i = 0; i < 5; i++) recorder.Record(contentId: 1, userId: 1, at: i);
        Assert.Equal(2, recorder.Dropped);
    }

    [Fact]
    public async Task A_flush_makes_room_for_more_views()
    {
        var recorder = new ContentViewRecorder(capacity: 2);
        recorder.Record(1, 1, 0);
        recorder.Record(1, 1, 1);
        await using (var session = new DbSession(_database))
            await recorder.FlushAsync(new ContentViewStore(session), CancellationToken.None);

        recorder.Record(1, 1, 2);
        recorder.Record(1, 1, 3);
        Assert.Equal(0, recorder.Dropped);
        recorder.Record(1, 1, 4);
        Assert.Equal(1, recorder.Dropped);
    }
}
