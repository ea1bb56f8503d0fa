namespace Quire.Storage.Classification;

/// <summary>
/// A classification level as the site defines it. <see cref="Status"/> is <c>DRAFT</c>,
/// <c>PUBLISHED</c> or <c>ARCHIVED</c>; <see cref="Position"/> is the spec's <c>order</c>.
/// </summary>
public sealed class ClassificationLevelRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Guideline { get; init; }
    public required string Color { get; init; }
    public required string Status { get; init; }
    public int Position { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
}
