using Quire.Core.Formats;
using Quire.Core.InlineTasks;

namespace Quire.Core.Content;

/// <summary>
/// What the indexes keep of a storage body, computed from the body alone: its search text and its inline tasks. A write
/// derives them before its transaction begins (<see cref="From"/>), so the transaction, which on SQLite holds the one
/// write lock, only runs statements; parsing a body there made every other writer wait for it.
/// </summary>
public sealed class DerivedBody
{
    private DerivedBody(string storage, string searchText, IReadOnlyList<BodyTask> tasks) =>
        (Storage, SearchText, Tasks) = (storage, searchText, tasks);

    /// <summary>The body it was derived from.</summary>
    public string Storage { get; }

    /// <summary>The body's words for the full-text index (<see cref="StorageText.Extract"/>).</summary>
    public string SearchText { get; }

    /// <summary>The body's inline tasks, in order (<see cref="InlineTaskIndexer.Read"/>).</summary>
    public IReadOnlyList<BodyTask> Tasks { get; }

    public static DerivedBody From(string bodyStorage) =>
        new(bodyStorage, StorageText.Extract(bodyStorage), InlineTaskIndexer.Read(bodyStorage));
}
