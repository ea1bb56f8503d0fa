namespace Quire.Storage.Groups;

public sealed class GroupRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public long CreatedAt { get; init; }
}
