using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Core.Audit;
using Quire.Storage.Audit;

namespace Quire.Server.Api.Audit;

/// <summary>AuditRecordCreate.</summary>
public sealed record AuditRecordCreateRequest(
    AuditAuthorRequest? Author, string? RemoteAddress, long? CreationDate, string? Summary, string? Description, string? Category,
    bool? SysAdmin, AuditObject? AffectedObject, IReadOnlyList<AuditChange>? ChangedValues, IReadOnlyList<AuditObject>? AssociatedObjects)
{
    public AuditRecordInput ToInput() => new(
        Author?.DisplayName, Author?.Username, Author?.UserKey, RemoteAddress, CreationDate, Summary, Description, Category,
        SysAdmin ?? false, AffectedObject, ChangedValues, AssociatedObjects);
}

public sealed record AuditAuthorRequest(string? Type, string? DisplayName, string? Username, string? UserKey);

public sealed record RetentionPeriodJson(long Number, string Units);

/// <summary>The spec's AuditRecord.</summary>
public sealed class AuditRecordJson
{
    public required AuditAuthorJson Author { get; init; }
    public required string RemoteAddress { get; init; }
    public long CreationDate { get; init; }
    public required string Summary { get; init; }
    public required string Description { get; init; }
    public required string Category { get; init; }
    public bool SysAdmin { get; init; }
    public bool SuperAdmin { get; init; }
    public required AuditObject AffectedObject { get; init; }
    public required IReadOnlyList<AuditChange> ChangedValues { get; init; }
    public required IReadOnlyList<AuditObject> AssociatedObjects { get; init; }

    public static AuditRecordJson Of(AuditRecordRow row) => new()
    {
        Author = new AuditAuthorJson
        {
            DisplayName = row.AuthorName, AccountId = row.AuthorAccountId, UserKey = row.AuthorUserKey,
            PublicName = row.AuthorName,
        },
        RemoteAddress = row.RemoteAddress,
        CreationDate = row.CreatedAt,
        Summary = row.Summary,
        Description = row.Description,
        Category = row.Category,
        SysAdmin = row.SysAdmin,
        SuperAdmin = row.SuperAdmin,
        AffectedObject = JsonSerializer.Deserialize<AuditObject>(row.AffectedObject, AuditLog.Json) ?? new AuditObject("", ""),
        ChangedValues = JsonSerializer.Deserialize<List<AuditChange>>(row.ChangedValues, AuditLog.Json) ?? [],
        AssociatedObjects = JsonSerializer.Deserialize<List<AuditObject>>(row.AssociatedObjects, AuditLog.Json) ?? [],
    };
}

/// <summary>The record's author as it was: "user", its name, its account id when Quire knew it; no operations (always null).</summary>
public sealed class AuditAuthorJson
{
    public string Type => "user";
    public required string DisplayName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Operations => null;

    public string? AccountId { get; init; }
    public string? UserKey { get; init; }
    public string? PublicName { get; init; }
}
