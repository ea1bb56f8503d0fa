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
        var fields = allowed is null ? ContentFields : ContentFields.Where(f => allowed.Contains(f.Key)).ToDictionary();
        var (key, descending, name) = Field(sort, fields, "id");
        return (new ContentOrder(key, descending), name);
    }

    /// <summary>
    /// Any listing's <c>sort</c>: one of <paramref name="fields"/>, descending with a leading <c>-</c>, or
    /// <paramref name="absent"/> when not given; 400 naming the allowed values otherwise. Answers the field's key, the
    /// direction, and the name the cursor carries.
    /// </summary>
    public static (TKey Key, bool Descending, string Name) Field<TKey>(string? sort, IReadOnlyDictionary<string, TKey> fields, string absent)
    {
        var name = string.IsNullOrEmpty(sort) ? absent : sort;
        var descending = name.StartsWith('-');
        if (!fields.TryGetValue(descending ? name[1..] : name, out var key))
            throw new BadRequestException($"sort must be one of {string.Join(", ", fields.Keys.SelectMany(f => new[] { f, "-" + f }))}; '{name}' is not.");
        return (key, descending, name);
    }
}
