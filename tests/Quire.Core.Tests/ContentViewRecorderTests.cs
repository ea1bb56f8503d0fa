using Quire.Core.Analytics;
using Quire.Storage;
using Quire.Storage.Analytics;

namespace Quire.Core.Tests;

/// <summary>The in-memory queue of content views: its bound, and that a flush makes room again.</summary>
public sealed class ContentViewRecorderTests : IAsyncLifetime
{
    private MigratedSqliteDatabase _sqlite = null!;

    public async Task InitializeAsync() => _sqlite = await MigratedSqliteDatabase.CreateAsync("views");

    public Task DisposeAsync() => _sqlite.DisposeAsync().AsTask();

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
        await using (var session = new DbSession(_sqlite.Database))
            await recorder.FlushAsync(new ContentViewStore(session), CancellationToken.None);

        recorder.Record(1, 1, 2);
        recorder.Record(1, 1, 3);
        Assert.Equal(0, recorder.Dropped);
        recorder.Record(1, 1, 4);
        Assert.Equal(1, recorder.Dropped);
    }
}
