using Quire.Storage.Users;

namespace Quire.Server.ApiV2.User;

/// <summary>
/// v2 names users by account id where Quire's rows hold user ids (authors, creators,
/// assignees, grantees): this turns all of a page's user ids into account ids in one query.
/// </summary>
public static class AccountIdLookup
{
    public static async Task<IReadOnlyDictionary<long, string>> OfAsync(UserStore users, IEnumerable<long?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<long>().Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<long, string>() : (await users.FindManyByIdsAsync(ids, ct)).ToDictionary(u => u.Id, u => u.AccountId);
    }

    /// <summary>The account id of <paramref name="userId"/> in <paramref name="accounts"/>; null for nobody or a user since removed.</summary>
    public static string? Of(this IReadOnlyDictionary<long, string> accounts, long? userId) =>
        userId is { } id && accounts.TryGetValue(id, out var account) ? account : null;
}
