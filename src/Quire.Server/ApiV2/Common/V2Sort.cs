using Quire.Core.Errors;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2's <c>sort</c> for content listings (<c>PageSortOrder</c>, <c>BlogPostSortOrder</c>...): a
/// field, descending with a leading <c>-</c>. The name goes into the cursor, so a cursor is only
/// ever used with the order it was made in.
/// </summary>
public static class V2Sort
{
    private static readonly Dictionary<string, ContentSortKey> ContentFields = new()
    {
        ["id"] = ContentSortKey.Id,
        ["created-date"] = ContentSortKey.CreatedAt,
        ["modified-date"] = ContentSortKey.ModifiedAt,
        ["title"] = ContentSortKey.Title,
    };

    /// <summary>The order a content listing's <c>sort</c> asks for (id ascending when absent), and its name for the cursor.</summary>
    public static (ContentOrder Order, string Name) Content(string? sort, IReadOnlyCollection<string>? allowed = null)
    {
        var name = string.IsNullOrEmpty(sort) ? "id" : sort;
        var descending = name.StartsWith('-');
        var field = descending ? name[1..] : name;
        if (!ContentFields.TryGetValue(field, out var key) || (allowed is not null && !allowed.Contains(field)))
            throw new BadRequestException(
                $"sort must be one of {string.Join(", ", (allowed ?? ContentFields.Keys).SelectMany(f => new[] { f, "-" + f }))}; '{name}' is not.");
        return (new ContentOrder(key, descending), name);
    }
}
