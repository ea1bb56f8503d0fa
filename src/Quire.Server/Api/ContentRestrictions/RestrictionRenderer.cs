using System.Security.Cryptography;
using System.Text;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Api.Group;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Content;
using Quire.Storage.Groups;
using Quire.Storage.Restrictions;
using Quire.Storage.Users;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>The restrictions of one piece of content with the users and groups they name, as renderers need them.</summary>
public sealed record RestrictionSet(
    long ContentId, IReadOnlyList<RestrictionRecord> Rows,
    IReadOnlyDictionary<long, UserRecord> Users, IReadOnlyDictionary<string, GroupRecord> Groups)
{
    public static RestrictionSet Empty(long contentId) =>
        new(contentId, [], new Dictionary<long, UserRecord>(), new Dictionary<string, GroupRecord>());
}

/// <summary>
/// Renders content restrictions (ContentRestriction and its arrays) for the restriction
/// endpoints and for the <c>restrictions</c> expansion of content, so both answer the same shape.
/// </summary>
public sealed class RestrictionRenderer(ApiLinks links, UserRenderer users, GroupRenderer groups)
{
    public static string ByOperationPath(long contentId) => $"/rest/api/content/{contentId}/restriction/byOperation";

    /// <summary>
    /// One operation's restriction. <paramref name="expand"/> is what lies below it
    /// (<c>restrictions.user</c>, <c>restrictions.group</c>, <c>content</c>); users and groups are
    /// each paged by <paramref name="start"/> and <paramref name="limit"/>.
    /// </summary>
    public ContentRestrictionJson Render(
        RestrictionSet set, string operation, Expansion expand, Caller viewer, int start, int limit, ContentJson? content = null)
    {
        var path = ByOperationPath(set.ContentId);
        var subjects = expand["restrictions"];
        var expandable = new Dictionary<string, string>();
        if (content is null) expandable["content"] = $"/rest/api/content/{set.ContentId}";
        if (!expand.Has("restrictions")) expandable["restrictions"] = "";
        var rows = set.Rows.Where(r => r.Operation == operation).ToList();
        return new ContentRestrictionJson
        {
            Operation = operation,
            Restrictions = expand.Has("restrictions")
                ? new ContentRestrictionSubjectsJson
                {
                    User = subjects.Has("user")
                        ? Page(rows.Select(r => r.UserId).OfType<long>().Where(set.Users.ContainsKey)
                            .Select(u => users.Render(set.Users[u], viewer, Expansion.None)), start, limit)
                        : null,
                    Group = subjects.Has("group")
                        ? Page(rows.Select(r => r.GroupId).OfType<string>().Where(set.Groups.ContainsKey)
                            .Select(g => groups.Render(set.Groups[g])), start, limit)
                        : null,
                    Expandable = new[] { "user", "group" }.Where(n => !subjects.Has(n)).ToDictionary(n => n, n => $"{path}/{operation}/{n}"),
                }
                : null,
            Content = content,
            Expandable = expandable,
            Links = new Dictionary<string, string> { ["self"] = links.Api($"{path}/{operation}") },
        };
    }

    /// <summary>
    /// A hash of the whole set (both operations, every user and group), which changes exactly when
    /// the restrictions do: Confluence's UI compares it to notice a change.
    /// </summary>
    public static string Hash(RestrictionSet set)
    {
        var canonical = string.Join(';', set.Rows
            .Select(r => $"{r.Operation}:{(r.UserId is { } u ? "u" + u : "g" + r.GroupId)}")
            .Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static SubjectArrayJson<T> Page<T>(IEnumerable<T> all, int start, int limit)
    {
        var results = all.Skip(start).Take(limit).ToList();
        return new SubjectArrayJson<T> { Results = results, Start = start, Limit = limit, Size = results.Count };
    }
}
