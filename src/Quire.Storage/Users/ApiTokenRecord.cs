namespace Quire.Storage.Users;

public sealed class ApiTokenRecord
{
    public long Id { get; init; }
    /// <summary>The public part of the token, embedded in the token itself so sign-in finds the row without scanning.</summary>
    public required string TokenId { get; init; }
    public long UserId { get; init; }
    public required string Label { get; init; }
    public required string SecretHash { get; init; }
    public long CreatedAt { get; init; }
    public long? LastUsedAt { get; init; }
}
