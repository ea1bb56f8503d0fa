using System.Text.Json;
using Quire.Core.Formats;
using Quire.Storage.Comments;

namespace Quire.Core.Comments;

/// <summary>
/// Keeps inline comments' dangling state true after every body write of their page or blog post: a comment whose marker the
/// new body no longer holds is dangling (unless resolved: a resolved comment's highlight may go), and a dangling one whose
/// marker is back (a version restored) is open again. One query for the page's inline comments, and the body is read only
/// when it has some; one statement per change of state, never one per comment.
/// </summary>
public sealed class InlineCommentDangling(CommentResolutionStore resolutions)
{
    public async Task SyncAsync(long contentId, string bodyStorage, long? authorId, long now, CancellationToken ct = default)
    {
        var comments = await resolutions.TopLevelInlineOfAsync(contentId, ct);
        if (comments.Count == 0) return;
        var refs = InlineCommentMarkers.Refs(bodyStorage);
        var lost = new List<long>();
        var back = new List<long>();
        foreach (var comment in comments)
        {
            if (MarkerRef(comment.InlineProperties) is not { } marker) continue; // nothing to look for: never dangling
            var present = refs.Contains(marker);
            if (!present && comment.Status is null or CommentResolutionStore.Reopened) lost.Add(comment.Id);
            else if (present && comment.Status == CommentResolutionStore.Dangling) back.Add(comment.Id);
        }
        await resolutions.MarkDanglingAsync(lost, authorId, now, ct);
        await resolutions.ClearDanglingAsync(back, ct);
    }

    /// <summary>The <c>markerRef</c> of stored inline properties (v1 clients send them; v2 writes them), or null.</summary>
    public static string? MarkerRef(string? inlineProperties)
    {
        if (string.IsNullOrEmpty(inlineProperties)) return null;
        try
        {
            using var document = JsonDocument.Parse(inlineProperties);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("markerRef", out var value) &&
                   value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
