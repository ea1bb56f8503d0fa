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
    long? FavouriteOf = null);

/// <summary>Who is looking: a user and the groups it belongs to.</summary>
public sealed record Viewer(long UserId, IReadOnlyCollection<string> GroupIds);
