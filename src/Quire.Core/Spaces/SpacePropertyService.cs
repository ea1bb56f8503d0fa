using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Properties;
using Quire.Core.Security;
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
        var propertyKey = JsonValueRules.TextKey(key);
        var value = Value(valueJson);
        var property = PropertyVersions.New(space.Id, propertyKey, value, 1, caller, time.NowMillis());
        return (space, await PropertyVersions.InsertAsync(
            properties, property, $"The space '{space.Key}' already has a property with key '{propertyKey}'.", ct));
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

    private async Task<PropertyRecord> FindAsync(SpaceRecord space, string? key, CancellationToken ct) =>
        (string.IsNullOrEmpty(key) ? null : await properties.FindAsync(space.Id, key, ct))
        ?? throw new NotFoundException($"No property with key '{key}' was found in space '{space.Key}'.");

    private static string Value(JsonElement? value) =>
        JsonValueRules.PropertyValue(value, JsonValueRules.MaxSpacePropertyValueLength);
}
