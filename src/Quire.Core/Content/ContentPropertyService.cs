using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Properties;
using Quire.Core.Security;
using Quire.Storage.Content;
using Quire.Storage;
using Quire.Storage.Properties;

namespace Quire.Core.Content;

/// <summary>A property update: the value and the version the client claims to write.</summary>
public sealed record ContentPropertyChange(JsonElement? Value, int? VersionNumber, bool MinorEdit, string? Message);

/// <summary>
/// Key-value storage on content. Reading needs to see the content, writing needs to be
/// allowed to edit it. Values are JSON kept exactly as the client sent them, and every
/// change is a new version.
/// </summary>
public sealed class ContentPropertyService(ContentPropertyStore properties, ContentAccess access, TimeProvider time)
{
    public async Task<(ContentRecord Content, Page<PropertyRecord> Page)> ListAsync(
        Caller caller, string? contentId, IReadOnlyCollection<string>? keys, PageRequest page, CancellationToken ct = default)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        var rows = await properties.ListAsync(content.Id, keys is { Count: > 0 } ? keys : null, page.Start, page.FetchCount, ct);
        return (content, Page<PropertyRecord>.FromOverfetch(rows, page));
    }

    /// <summary>The content statuses the <c>status</c> filter of a property read names.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["any", "archived", "current", "deleted", "draft", "trashed"];

    /// <summary>
    /// Reads one property of content in one of <paramref name="statuses"/> (by default
    /// current or archived, as the spec says; <c>any</c> for every status).
    /// </summary>
    public async Task<(ContentRecord Content, PropertyRecord Property)> GetAsync(
        Caller caller, string? contentId, string? key, IReadOnlyCollection<string>? statuses = null, CancellationToken ct = default)
    {
        var wanted = statuses is { Count: > 0 } ? statuses : ["current", "archived"];
        if (wanted.FirstOrDefault(s => !Statuses.Contains(s)) is { } unknown)
            throw new BadRequestException($"status must be one of {string.Join(", ", Statuses)}; not '{unknown}'.");
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        if (!wanted.Contains("any") && !wanted.Contains(content.Status))
            throw new NotFoundException($"No content with id '{contentId}' and status {string.Join(" or ", wanted)} was found.");
        return (content, await FindAsync(content, key, ct));
    }

    /// <summary>Creates version 1. The spec answers 400 (not 409) when the key is taken.</summary>
    public async Task<(ContentRecord Content, PropertyRecord Property)> CreateAsync(
        Caller caller, string? contentId, string? key, JsonElement? value, CancellationToken ct = default)
    {
        var content = await EditableAsync(caller, contentId, ct);
        return (content, await CreateOnAsync(caller, content, key, value, ct));
    }

    /// <summary>
    /// Writes a new version: the client must send the current number plus one, as Confluence
    /// requires, so an update based on a stale read is refused with 409 and nothing changes.
    /// A missing property is created when the client sends version 1.
    /// </summary>
    public async Task<(ContentRecord Content, PropertyRecord Property)> UpdateAsync(
        Caller caller, string? contentId, string? key, ContentPropertyChange change, CancellationToken ct = default)
    {
        var content = await EditableAsync(caller, contentId, ct);
        var propertyKey = JsonValueRules.TextKey(key);
        var number = PropertyVersions.RequestedNumber(change.VersionNumber, change.Message);
        var value = Value(change.Value);

        var current = await properties.FindAsync(content.Id, propertyKey, ct);
        if (current is null)
        {
            if (number != 1)
                throw new NotFoundException($"Content {content.Id} has no property '{propertyKey}'; send version 1 to create it.");
            return (content, await InsertAsync(content,
                PropertyVersions.New(content.Id, propertyKey, value, 1, caller, time.NowMillis(), change.Message ?? "", change.MinorEdit), ct));
        }
        return (content, await PropertyVersions.UpdateAsync(
            properties, current, value, number, change.Message, change.MinorEdit, caller, time.NowMillis(), ct));
    }

    public async Task DeleteAsync(Caller caller, string? contentId, string? key, CancellationToken ct = default)
    {
        var content = await EditableAsync(caller, contentId, ct);
        if (string.IsNullOrEmpty(key) || !await properties.DeleteAsync(content.Id, key, ct))
            throw new NotFoundException($"Content {content.Id} has no property '{key}'.");
    }

    // v2 names content by its type in the path (/pages/{id}/properties, /comments/{id}/properties, ...)
    // and properties by id; content of another type is not found there, as in Cloud.

    /// <summary>
    /// v2: a page of the properties of content of <paramref name="type"/>, by key (descending if
    /// asked), after <paramref name="page"/>'s keyset; <paramref name="key"/> keeps only that key.
    /// </summary>
    public async Task<KeysetPage<PropertyRecord>> ListAfterAsync(
        Caller caller, string type, string? contentId, string? key, bool descending, KeysetRequest page, CancellationToken ct = default)
    {
        var content = await ViewableOfTypeAsync(caller, type, contentId, ct);
        var rows = await properties.ListAfterAsync(content.Id, key, descending, page.After, page.FetchCount, ct);
        return KeysetPage<PropertyRecord>.FromOverfetch(rows, page, p => new Keyset(p.Key, p.Id));
    }

    /// <summary>v2: one property of content of <paramref name="type"/> by the property's id.</summary>
    public async Task<PropertyRecord> GetByIdAsync(
        Caller caller, string type, string? contentId, string? propertyId, CancellationToken ct = default)
    {
        var content = await ViewableOfTypeAsync(caller, type, contentId, ct);
        return await FindByIdAsync(content, propertyId, ct);
    }

    /// <summary>v2: creates version 1 of a property of content of <paramref name="type"/>; a key that is taken answers 400.</summary>
    public async Task<PropertyRecord> CreateOfTypeAsync(
        Caller caller, string type, string? contentId, string? key, JsonElement? value, CancellationToken ct = default)
    {
        var content = await ViewableOfTypeAsync(caller, type, contentId, ct);
        await access.RequireEditAsync(caller, content, ct);
        return await CreateOnAsync(caller, content, key, value, ct);
    }

    /// <summary>
    /// v2: writes the next version of the property with this id. A key in the body must be the
    /// property's own: a property keeps its key (changing it would be a new property).
    /// </summary>
    public async Task<PropertyRecord> UpdateByIdAsync(
        Caller caller, string type, string? contentId, string? propertyId, string? key, ContentPropertyChange change,
        CancellationToken ct = default)
    {
        var content = await ViewableOfTypeAsync(caller, type, contentId, ct);
        await access.RequireEditAsync(caller, content, ct);
        var current = await FindByIdAsync(content, propertyId, ct);
        if (key is not null && key != current.Key)
            throw new BadRequestException($"The key in the body ('{key}') is not the property's key ('{current.Key}'); a property keeps its key.");
        var number = PropertyVersions.RequestedNumber(change.VersionNumber, change.Message);
        return await PropertyVersions.UpdateAsync(
            properties, current, Value(change.Value), number, change.Message, change.MinorEdit, caller, time.NowMillis(), ct);
    }

    /// <summary>v2: deletes the property with this id.</summary>
    public async Task DeleteByIdAsync(Caller caller, string type, string? contentId, string? propertyId, CancellationToken ct = default)
    {
        var content = await ViewableOfTypeAsync(caller, type, contentId, ct);
        await access.RequireEditAsync(caller, content, ct);
        var property = await FindByIdAsync(content, propertyId, ct);
        if (!await properties.DeleteAsync(content.Id, property.Key, ct))
            throw new NotFoundException($"Content {content.Id} has no property with id '{propertyId}'.");
    }

    private async Task<ContentRecord> ViewableOfTypeAsync(Caller caller, string type, string? contentId, CancellationToken ct)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        if (!ContentRules.IsOfType(content.Type, type)) throw new NotFoundException($"No {type} with id '{contentId}' was found.");
        return content;
    }

    private async Task<PropertyRecord> FindByIdAsync(ContentRecord content, string? propertyId, CancellationToken ct) =>
        (PropertyVersions.ParseId(propertyId) is { } id ? await properties.FindByIdAsync(content.Id, id, ct) : null)
        ?? throw new NotFoundException($"Content {content.Id} has no property with id '{propertyId}'.");

    private async Task<ContentRecord> EditableAsync(Caller caller, string? contentId, CancellationToken ct)
    {
        var (content, _) = await access.ViewableAsync(caller, contentId, ct);
        await access.RequireEditAsync(caller, content, ct);
        return content;
    }

    private Task<PropertyRecord> CreateOnAsync(Caller caller, ContentRecord content, string? key, JsonElement? value, CancellationToken ct) =>
        InsertAsync(content, PropertyVersions.New(content.Id, JsonValueRules.TextKey(key), Value(value), 1, caller, time.NowMillis()), ct);

    private Task<PropertyRecord> InsertAsync(ContentRecord content, PropertyRecord property, CancellationToken ct) =>
        PropertyVersions.InsertAsync(properties, property, $"Content {content.Id} already has a property with key '{property.Key}'.", ct);

    private async Task<PropertyRecord> FindAsync(ContentRecord content, string? key, CancellationToken ct) =>
        (string.IsNullOrEmpty(key) ? null : await properties.FindAsync(content.Id, key, ct))
        ?? throw new NotFoundException($"Content {content.Id} has no property '{key}'.");

    private static string Value(JsonElement? value) => JsonValueRules.PropertyValue(value, JsonValueRules.MaxValueLength);
}
