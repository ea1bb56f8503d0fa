using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.AppProperties;

namespace Quire.Core.AppProperties;

/// <summary>
/// App properties (v2 <c>/app/properties</c>): site-wide JSON values by key for the calling app. In Cloud only a Forge
/// app calling as itself reaches them; Quire has no apps yet, so site admins use them, all sharing the set
/// <see cref="SiteAppKey"/>; when apps arrive each gets its own set by its key. Keys and values follow the rules of
/// content properties (a key of at most 255 characters without control characters; at most 32 KiB of JSON).
/// </summary>
public sealed class AppPropertyService(AppPropertyStore properties, TimeProvider time)
{
    /// <summary>The set site admins share while Quire has no apps.</summary>
    public const string SiteAppKey = "site";

    public async Task<KeysetPage<AppPropertyRecord>> ListAsync(Caller caller, KeysetRequest page, CancellationToken ct = default)
    {
        var appKey = AppKeyOf(caller);
        var rows = await properties.ListAfterAsync(appKey, page.After?.Value, page.FetchCount, ct);
        return KeysetPage<AppPropertyRecord>.FromOverfetch(rows, page, p => new Keyset(p.Key, p.Id));
    }

    public async Task<AppPropertyRecord> GetAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        var appKey = AppKeyOf(caller);
        var propertyKey = JsonValueRules.TextKey(key);
        return await properties.FindAsync(appKey, propertyKey, ct)
               ?? throw new NotFoundException($"No app property with key '{propertyKey}' was found.");
    }

    /// <summary>Creates or replaces the value; answers whether it was created. One statement pair, so no read-then-write race loses a write.</summary>
    public async Task<bool> PutAsync(Caller caller, string? key, JsonElement? value, CancellationToken ct = default)
    {
        var appKey = AppKeyOf(caller);
        var propertyKey = JsonValueRules.TextKey(key);
        var raw = JsonValueRules.Value(value, tooLongIsPayloadTooLarge: true);
        return await properties.PutAsync(appKey, propertyKey, raw, caller.UserId, time.NowMillis(), ct);
    }

    public async Task DeleteAsync(Caller caller, string? key, CancellationToken ct = default)
    {
        var appKey = AppKeyOf(caller);
        var propertyKey = JsonValueRules.TextKey(key);
        if (await properties.DeleteAsync(appKey, propertyKey, ct) == 0)
            throw new NotFoundException($"No app property with key '{propertyKey}' was found.");
    }

    /// <summary>The set the caller reads and writes: site admins share <see cref="SiteAppKey"/>; nobody else has one (403).</summary>
    private static string AppKeyOf(Caller caller) =>
        caller.IsSiteAdmin ? SiteAppKey : throw new ForbiddenException("App properties belong to apps; in Quire, which has no apps yet, site administrators use them.");
}
