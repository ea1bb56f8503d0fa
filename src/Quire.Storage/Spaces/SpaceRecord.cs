namespace Quire.Storage.Spaces;

public sealed record SpaceRecord
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    /// <summary><c>global</c> or <c>personal</c>.</summary>
    public required string Type { get; init; }
    /// <summary><c>current</c> or <c>archived</c>.</summary>
    public required string Status { get; init; }
    public string Description { get; init; } = "";
    public long? HomepageId { get; init; }
    public bool RouteOverrideEnabled { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>The filters of a space listing; null means "any".</summary>
public sealed record SpaceFilter(
    IReadOnlyList<string>? KeysLower = null,
    IReadOnlyList<long>? Ids = null,
    string? Type = null,
    string? Status = null,
    IReadOnlyList<string>? GlobalLabels = null,
    long? FavouriteOf = null,
    long? NotFavouriteOf = null);

/// <summary>What a keyset listing of spaces is ordered by (v2's <c>sort</c>): the id, the key or the name, ties broken by id.</summary>
public enum SpaceOrder { Id, Key, Name }

/// <summary>
/// Who is looking: a user (0 for the anonymous user, which matches no row) and the groups it
/// belongs to. Grants to anonymous count for everybody while the site allows anonymous use;
/// such a viewer carries <see cref="AnonymousSubject"/> among its group ids, which the
/// visibility rule (<see cref="Visibility.ReadRule"/>) binds as its <c>viewerAnonymous</c>
/// parameter, so no call site passes it separately. The marker can never be a real group's id
/// (those are GUIDs), so it matches no group row where the groups are bound as they are.
/// </summary>
public sealed record Viewer(long UserId, IReadOnlyCollection<string> GroupIds)
{
    /// <summary>Stands for "anonymous grants apply to this viewer" among <see cref="GroupIds"/>.</summary>
    public const string AnonymousSubject = "~anonymous";

    public static Viewer Of(long userId, IEnumerable<string> groupIds, bool anonymousGrantsApply) =>
        new(userId, anonymousGrantsApply ? [.. groupIds, AnonymousSubject] : [.. groupIds]);

    public bool AnonymousGrantsApply => GroupIds.Contains(AnonymousSubject);
}
