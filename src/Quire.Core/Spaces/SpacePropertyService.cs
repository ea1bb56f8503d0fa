using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Properties;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Properties;
using Quire.Storage.Spaces;

namespace Quire.Core.Spaces;

/// <summary>A property update: the value and the version the client claims to write.</summary>
public sealed record SpacePropertyChange(
    string? Key, JsonElement? Value, int? VersionNumber, bool MinorEdit, string? Message, string? SpaceKey);

/// <summary>
/// Key-value storage on a space. Reading needs 'View' on the space, writing needs 'Admin'.
/// Values are JSON kept exactly as the client sent them, of the types the spec allows.
/// </summary>
public sealed class SpacePropertyService(SpacePropertyStore properties, SpaceAccess access, TimeProvider time)
{
    public async Task<(SpaceRecord Space, Page<PropertyRecord> Page)> ListAsync(
        Caller caller, string? spaceKey, PageRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        var rows = await properties.ListAsync(space.Id, keys: null, page.Start, page.FetchCount, ct);
        return (space, Page<PropertyRecord>.FromOverfetch(rows, page));
    }

    public async Task<(SpaceRecord Space, PropertyRecord Property)> GetAsync(
        Caller caller, string? spaceKey, string? key, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        return (space, await FindAsync(space, key, ct));
    }

    /// <summary>
    /// Creates version 1. A key that is taken answers 400: the spec lists it under 400 for both
    /// create operations (createSpaceProperty also names 409; createSpacePropertyForKey only 400).
    /// </summary>
    public async Task<(SpaceRecord Space, PropertyRecord Property)> CreateAsync(
        Caller caller, string? spaceKey, string? key, JsonElement? valueJson, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        return (space, await CreateInAsync(caller, space, key, valueJson, ct));
    }

    private Task<PropertyRecord> CreateInAsync(Caller caller, SpaceRecord space, string? key, JsonElement? valueJson, CancellationToken ct)
    {
        var propertyKey = JsonValueRules.TextKey(key);
        var property = PropertyVersions.New(space.Id, propertyKey, Value(valueJson), 1, caller, time.NowMillis());
        return PropertyVersions.InsertAsync(
            properties, property, $"The space '{space.Key}' already has a property with key '{propertyKey}'.", ct);
    }

    /// <summary>
    /// Writes a new version. The client must send the next version number (current + 1), as
    /// Confluence requires, so an update based on a stale read is refused with 409.
    /// </summary>
    public async Task<(SpaceRecord Space, PropertyRecord Property)> UpdateAsync(
        Caller caller, string? spaceKey, string? key, SpacePropertyChange change, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        if (change.Key is not null && change.Key != key)
            throw new BadRequestException($"The key in the body ('{change.Key}') differs from the key in the path ('{key}').");
        if (change.SpaceKey is not null && !change.SpaceKey.Equals(space.Key, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"The space in the body ('{change.SpaceKey}') differs from the space in the path ('{space.Key}').");
        var number = PropertyVersions.RequestedNumber(change.VersionNumber, change.Message);
        var value = Value(change.Value);

        var current = await FindAsync(space, key, ct);
        return (space, await PropertyVersions.UpdateAsync(
            properties, current, value, number, change.Message, change.MinorEdit, caller, time.NowMillis(), ct));
    }

    public async Task DeleteAsync(Caller caller, string? spaceKey, string? key, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        if (string.IsNullOrEmpty(key) || !await properties.DeleteAsync(space.Id, key, ct))
            throw new NotFoundException($"No property with key '{key}' was found in space '{space.Key}'.");
    }

    // v2 names spaces and their properties by id.

    /// <summary>v2: a page of a space's properties by key after <paramref name="page"/>'s keyset; <paramref name="key"/> keeps only that key.</summary>
    public async Task<KeysetPage<PropertyRecord>> ListAfterAsync(
        Caller caller, long spaceId, string? key, KeysetRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        var rows = await properties.ListAfterAsync(space.Id, key, descending: false, page.After, page.FetchCount, ct);
        return KeysetPage<PropertyRecord>.FromOverfetch(rows, page, p => new Keyset(p.Key, p.Id));
    }

    /// <summary>v2: one property of a space by its id.</summary>
    public async Task<PropertyRecord> GetByIdAsync(Caller caller, long spaceId, string? propertyId, CancellationToken ct = default) =>
        await FindByIdAsync(await access.ViewableByIdAsync(caller, spaceId, ct), propertyId, ct);

    /// <summary>v2: creates version 1; needs 'Admin' on the space (403), a key that is taken answers 400.</summary>
    public async Task<PropertyRecord> CreateByIdAsync(
        Caller caller, long spaceId, string? key, JsonElement? valueJson, CancellationToken ct = default) =>
        await CreateInAsync(caller, await AdministrableByIdAsync(caller, spaceId, ct), key, valueJson, ct);

    /// <summary>v2: writes the next version of the property with this id; a key in the body must be the property's own.</summary>
    public async Task<PropertyRecord> UpdateByIdAsync(
        Caller caller, long spaceId, string? propertyId, SpacePropertyChange change, CancellationToken ct = default)
    {
        var space = await AdministrableByIdAsync(caller, spaceId, ct);
        var current = await FindByIdAsync(space, propertyId, ct);
        if (change.Key is not null && change.Key != current.Key)
            throw new BadRequestException($"The key in the body ('{change.Key}') is not the property's key ('{current.Key}'); a property keeps its key.");
        var number = PropertyVersions.RequestedNumber(change.VersionNumber, change.Message);
        return await PropertyVersions.UpdateAsync(
            properties, current, Value(change.Value), number, change.Message, change.MinorEdit, caller, time.NowMillis(), ct);
    }

    /// <summary>v2: deletes the property with this id; needs 'Admin' on the space.</summary>
    public async Task DeleteByIdAsync(Caller caller, long spaceId, string? propertyId, CancellationToken ct = default)
    {
        var space = await AdministrableByIdAsync(caller, spaceId, ct);
        var property = await FindByIdAsync(space, propertyId, ct);
        await properties.DeleteAsync(space.Id, property.Key, ct);
    }

    private async Task<SpaceRecord> AdministrableByIdAsync(Caller caller, long spaceId, CancellationToken ct)
    {
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        await access.RequireAsync(caller, space, SpaceOperation.Administer, ct);
        return space;
    }

    private async Task<PropertyRecord> FindByIdAsync(SpaceRecord space, string? propertyId, CancellationToken ct) =>
        (PropertyVersions.ParseId(propertyId) is { } id ? await properties.FindByIdAsync(space.Id, id, ct) : null)
        ?? throw new NotFoundException($"No property with id '{propertyId}' was found in space '{space.Key}'.");

    private async Task<PropertyRecord> FindAsync(SpaceRecord space, string? key, CancellationToken ct) =>
        (string.IsNullOrEmpty(key) ? null : await properties.FindAsync(space.Id, key, ct))
        ?? throw new NotFoundException($"No property with key '{key}' was found in space '{space.Key}'.");

    private static string Value(JsonElement? value) =>
        JsonValueRules.PropertyValue(value, JsonValueRules.MaxSpacePropertyValueLength);
}
