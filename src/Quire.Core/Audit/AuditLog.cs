using System.Text.Json;
using Quire.Core.Security;
using Quire.Storage.Audit;

namespace Quire.Core.Audit;

/// <summary>Where a request came from, for the audit log; empty for work that no request started (the CLI, background tasks).</summary>
public interface IRequestOrigin
{
    string RemoteAddress { get; }
}

/// <summary>An object an audit record is about, or associated with: its name and type (Space, Group, User, ...).</summary>
public sealed record AuditObject(string Name, string ObjectType);

/// <summary>A value an event changed.</summary>
public sealed record AuditChange(string Name, string OldValue, string NewValue);

/// <summary>What happened, in the audit log's words: summary ("Space created"), category ("Spaces"), objects, changes.</summary>
public sealed record AuditEvent(
    string Summary, string Category, AuditObject Affected, IReadOnlyList<AuditObject>? Associated = null,
    IReadOnlyList<AuditChange>? Changes = null, string Description = "");

/// <summary>
/// Writes audit records. Services call it inside the transaction of the change they record, so
/// a change and its record stand or fall together. Each write also drops the records the
/// retention period no longer keeps: one range delete over the creation index.
/// </summary>
public sealed class AuditLog(AuditStore store, IRequestOrigin origin, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The default retention, as Confluence Cloud keeps events: one year.</summary>
    public const long DefaultRetentionNumber = 1;
    public const string DefaultRetentionUnits = "YEARS";

    /// <summary>Records an event done by <paramref name="author"/> (null: by the system).</summary>
    public Task RecordAsync(Caller? author, AuditEvent e, CancellationToken ct = default) =>
        WriteAsync(new AuditRecordRow
        {
            CreatedAt = time.NowMillis(),
            AuthorAccountId = author?.User.AccountId,
            AuthorName = author?.User.DisplayName ?? "",
            RemoteAddress = origin.RemoteAddress,
            Summary = e.Summary,
            Description = e.Description,
            Category = e.Category,
            SysAdmin = author?.IsSiteAdmin ?? false,
            AffectedObject = JsonSerializer.Serialize(e.Affected, Json),
            ChangedValues = JsonSerializer.Serialize(e.Changes ?? [], Json),
            AssociatedObjects = JsonSerializer.Serialize(e.Associated ?? [], Json),
            SearchText = SearchText(author?.User.DisplayName, e.Summary, e.Description, e.Category, e.Affected, e.Associated, e.Changes),
        }, ct);

    /// <summary>Stores a record (dropping expired ones first) and answers its id.</summary>
    public async Task<long> WriteAsync(AuditRecordRow row, CancellationToken ct = default)
    {
        await store.DeleteOlderThanAsync(await RetentionCutoffAsync(ct), ct);
        return await store.InsertAsync(row, ct);
    }

    /// <summary>The oldest creation time the retention period keeps.</summary>
    public async Task<long> RetentionCutoffAsync(CancellationToken ct = default)
    {
        var retention = await store.RetentionAsync(ct);
        var before = AuditPeriod.Before(time.GetUtcNow(), retention?.Number ?? DefaultRetentionNumber, retention?.Units ?? DefaultRetentionUnits);
        return before == DateTimeOffset.MinValue ? long.MinValue : before.ToUnixTimeMilliseconds();
    }

    /// <summary>The lower-cased text the searchString filter looks in.</summary>
    public static string SearchText(
        string? author, string summary, string description, string category, AuditObject? affected,
        IReadOnlyList<AuditObject>? associated, IReadOnlyList<AuditChange>? changes) =>
        string.Join('\n', new[] { author, summary, description, category, affected?.Name, affected?.ObjectType }
            .Concat(associated?.SelectMany(a => new[] { a.Name, a.ObjectType }) ?? [])
            .Concat(changes?.SelectMany(c => new[] { c.Name, c.OldValue, c.NewValue }) ?? [])
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}

/// <summary>The categories Confluence Cloud's audit log files its events under.</summary>
public static class AuditCategories
{
    public const string Spaces = "Spaces";
    public const string Permissions = "Permissions";
    public const string UsersAndGroups = "Users and groups";
    public const string PageTemplates = "Page templates";
    public const string Apps = "Apps";
}
