using Quire.Storage.Sqlite;

namespace Quire.Core.Tests;

/// <summary>
/// How SQLite's writer turn is handed on (WriterQueue). Inside a batch the next writer runs at once on the passing writer's
/// thread, before the pass returns: queued, it waited for a thread-pool thread while the writer connection sat idle. After a
/// commit the next writer is queued instead, so the writers of the batch just committed are not kept waiting for their
/// answers behind a whole next batch run on the committing writer's stack.
/// </summary>
public sealed class WriterQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Set on the thread while it hands the turn on: the next writer sees it only if it runs inside that call.</summary>
    [ThreadStatic]
    private static bool _handingOn;

    /// <summary>A writer that waits for the turn and records whether it got it inside the hand-over's call.</summary>
    private static async Task<bool> NextWriterAsync(WriterQueue queue)
    {
        Assert.True(await queue.EnterAsync(Wait, CancellationToken.None));
        return _handingOn;
    }

    private static async Task<Task<bool>> QueuedAsync(WriterQueue queue)
    {
        var writer = Task.Run(() => NextWriterAsync(queue));
        for (var i = 0; queue.Waiting < 1; i++)
        {
            Assert.True(i < 1000, "the writer did not queue within 10 s");
            await Task.Delay(10);
        }
        // Queued; a moment more for its await to be in place behind the queue's entry.
        await Task.Delay(100);
        return writer;
    }

    private static void HandOn(Action handOn)
    {
        _handingOn = true;
        try
        {
            handOn();
        }
        finally
        {
            _handingOn = false;
        }
    }

    [Fact]
    public async Task A_pass_inside_a_batch_runs_the_next_writer_on_the_passing_thread_and_a_release_queues_it()
    {
        var queue = new WriterQueue();
        Assert.True(await queue.EnterAsync(Wait, CancellationToken.None));

        var passedTo = await QueuedAsync(queue);
        HandOn(() => Assert.True(queue.TryPass()));
        Assert.True(await passedTo, "the writer passed to ran inside the pass, on the passing writer's thread");

        var releasedTo = await QueuedAsync(queue);
        HandOn(queue.Release);
        Assert.False(await releasedTo, "the writer released to ran on the releasing writer's stack");

        // With no one waiting the turn stays with its holder on a pass, and is free after a release.
        Assert.False(queue.TryPass());
        queue.Release();
        Assert.True(await queue.EnterAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
