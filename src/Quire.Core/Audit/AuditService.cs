using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.Audit;

namespace Quire.Core.Audit;

/// <summary>AuditRecordCreate as the API reads it.</summary>
public sealed record AuditRecordInput(
    string? AuthorDisplayName, string? AuthorUserName, string? AuthorUserKey, string? RemoteAddress, long? CreationDate,
    string? Summary, string? Description, string? Category, bool SysAdmin, AuditObject? Affected,
    IReadOnlyList<AuditChange>? Changes, IReadOnlyList<AuditObject>? Associated);

/// <summary>The retention period as the API names it.</summary>
public sealed record AuditRetention(long Number, string Units);

/// <summary>
/// The Audit group: reading, exporting and writing audit records and their retention, for the
/// site administrator only (403 otherwise). Dates are epoch milliseconds; what the retention
/// period no longer keeps is never returned, whatever the dates asked.
/// </summary>
public sealed class AuditService(AuditStore store, AuditLog log, TimeProvider time)
{
    public const int MaxTextLength = 1000;
    public const int MaxDescriptionLength = 10000;
    public const int MaxObjects = 100;

    public async Task<Page<AuditRecordRow>> ListAsync(
        Caller caller, long? startDate, long? endDate, string? search, PageRequest page, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var from = Math.Max(startDate ?? long.MinValue, await log.RetentionCutoffAsync(ct));
        var rows = await store.ListAsync(from, endDate ?? long.MaxValue, Search(search), page.Start, page.FetchCount, ct);
        return Page<AuditRecordRow>.FromOverfetch(rows, page);
    }

    /// <summary>The records of the last <paramref name="number"/> <paramref name="units"/>.</summary>
    public Task<Page<AuditRecordRow>> SinceAsync(
        Caller caller, long number, string? units, string? search, PageRequest page, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var since = AuditPeriod.Before(time.GetUtcNow(), number, units);
        return ListAsync(caller, since == DateTimeOffset.MinValue ? null : since.ToUnixTimeMilliseconds(), null, search, page, ct);
    }

    /// <summary>Every record of the range, page by page (for the export, which streams them).</summary>
    public async IAsyncEnumerable<AuditRecordRow> ExportAsync(
        Caller caller, long? startDate, long? endDate, string? search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var from = Math.Max(startDate ?? long.MinValue, await log.RetentionCutoffAsync(ct));
        const int batch = 1000;
        for (var offset = 0; ; offset += batch)
        {
            var rows = await store.ListAsync(from, endDate ?? long.MaxValue, Search(search), offset, batch, ct);
            foreach (var row in rows) yield return row;
            if (rows.Count < batch) yield break;
        }
    }

    public async Task<AuditRecordRow> CreateAsync(Caller caller, AuditRecordInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (string.IsNullOrWhiteSpace(input.RemoteAddress)) throw new BadRequestException("remoteAddress is required.");
        var affected = input.Affected ?? new AuditObject("", "");
        var associated = input.Associated ?? [];
        var changes = input.Changes ?? [];
        if (associated.Count > MaxObjects || changes.Count > MaxObjects)
            throw new BadRequestException($"A record holds at most {MaxObjects} associated objects and {MaxObjects} changed values.");
        foreach (var text in new[] { input.AuthorDisplayName, input.AuthorUserName, input.AuthorUserKey, input.RemoteAddress, input.Summary, input.Category,
                     affected.Name, affected.ObjectType }
                     .Concat(associated.SelectMany(a => new[] { a.Name, a.ObjectType }))
                     .Concat(changes.SelectMany(c => new[] { c.Name, c.OldValue, c.NewValue })))
            if (text?.Length > MaxTextLength) throw new BadRequestException($"Audit record values are at most {MaxTextLength} characters.");
        if (input.Description?.Length > MaxDescriptionLength)
            throw new BadRequestException($"description is at most {MaxDescriptionLength} characters.");
        var author = input.AuthorDisplayName ?? "";
        var id = await log.WriteAsync(new AuditRecordRow
        {
            CreatedAt = input.CreationDate ?? time.NowMillis(),
            AuthorName = author,
            AuthorUserKey = input.AuthorUserKey ?? input.AuthorUserName,
            RemoteAddress = input.RemoteAddress.Trim(),
            Summary = input.Summary ?? "",
            Description = input.Description ?? "",
            Category = input.Category ?? "",
            SysAdmin = input.SysAdmin,
            AffectedObject = JsonSerializer.Serialize(affected, AuditLog.Json),
            ChangedValues = JsonSerializer.Serialize(changes, AuditLog.Json),
            AssociatedObjects = JsonSerializer.Serialize(associated, AuditLog.Json),
            SearchText = AuditLog.SearchText(author, input.Summary ?? "", input.Description ?? "", input.Category ?? "", affected, associated, changes),
        }, ct);
        return (await store.FindAsync(id, ct))!;
    }

    public async Task<AuditRetention> RetentionAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var row = await store.RetentionAsync(ct);
        return row is null ? new AuditRetention(AuditLog.DefaultRetentionNumber, AuditLog.DefaultRetentionUnits) : new AuditRetention(row.Number, row.Units);
    }

    /// <summary>Sets the retention: more than nothing and at most one year, as the spec says.</summary>
    public async Task<AuditRetention> SetRetentionAsync(Caller caller, long? number, string? units, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (number is not { } n || n <= 0 || n > int.MaxValue) throw new BadRequestException("number must be a positive whole number.");
        var unit = units?.Trim().ToUpperInvariant();
        if (unit is null || !AuditPeriod.Units.Contains(unit))
            throw new BadRequestException($"units must be one of {string.Join(", ", AuditPeriod.Units)}, not '{units}'.");
        var now = time.GetUtcNow();
        if (AuditPeriod.Before(now, n, unit) < now.AddYears(-1))
            throw new BadRequestException("The retention period can be at most one year.");
        await store.SetRetentionAsync((int)n, unit, ct);
        return new AuditRetention(n, unit);
    }

    private static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only a site administrator ('Confluence Administrator') may use the audit log.");
    }
}
