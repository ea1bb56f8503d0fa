using Quire.Storage.Users;

namespace Quire.Server.Web.Editing;

/// <summary>Display names of the users who wrote versions or comments, read in one query for a whole history or page.</summary>
public sealed class AuthorNames(UserStore users)
{
    /// <summary>A user no longer found (removed users keep their rows, so rarely seen).</summary>
    public const string Unknown = "Unknown user";

    public async Task<IReadOnlyDictionary<long, string>> OfAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<long, string>();
        return (await users.FindManyByIdsAsync(wanted, ct)).ToDictionary(u => u.Id, u => u.DisplayName);
    }

    public async Task<string> OfAsync(long? id, CancellationToken ct) =>
        (await OfAsync([id], ct)).TryGetValue(id ?? -1, out var name) ? name : Unknown;
}
