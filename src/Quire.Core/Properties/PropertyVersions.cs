using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Properties;

namespace Quire.Core.Properties;

/// <summary>
/// The versioning rules content and space properties share: a property starts at version 1,
/// and an update must name the current version plus one, as Confluence requires, so a change
/// based on a stale read is refused with 409 and nothing is written. Who may read or write,
/// and what a missing property means, stay with each owner's service.
/// </summary>
public static class PropertyVersions
{
    public const int MaxMessageLength = 255;

    /// <summary>The version number an update names, after checking it and the version message are given and fit.</summary>
    public static int RequestedNumber(int? number, string? message)
    {
        if (number is not { } requested)
            throw new BadRequestException("version.number is required: send the current version number plus one.");
        if (message?.Length > MaxMessageLength)
            throw new BadRequestException($"version.message must be at most {MaxMessageLength} characters.");
        return requested;
    }

    /// <summary>A property id from a v2 path: a positive number, else null (no property has it).</summary>
    public static long? ParseId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : null;

    public static PropertyRecord New(
        long ownerId, string key, string value, int number, Caller caller, long now, string message = "", bool minorEdit = false, long id = 0) => new()
    {
        Id = id, OwnerId = ownerId, Key = key, Value = value, Version = number,
        VersionAt = now, VersionBy = caller.UserId, VersionMessage = message, MinorEdit = minorEdit,
    };

    /// <summary>Inserts version 1 and reads it back; <paramref name="taken"/> is the 400 when the key exists.</summary>
    public static async Task<PropertyRecord> InsertAsync(PropertyStore store, PropertyRecord property, string taken, CancellationToken ct)
    {
        var id = await store.TryInsertAsync(property, ct) ?? throw new BadRequestException(taken);
        return await store.FindAsync(property.OwnerId, property.Key, ct) ?? throw new NotFoundException($"Property {id} vanished.");
    }

    /// <summary>Writes version <paramref name="number"/> over <paramref name="current"/> if it is the next one and nobody wrote in between.</summary>
    public static async Task<PropertyRecord> UpdateAsync(
        PropertyStore store, PropertyRecord current, string value, int number, string? message, bool minorEdit, Caller caller, long now,
        CancellationToken ct)
    {
        if (number != current.Version + 1)
            throw new ConflictException(
                $"Version {number} does not follow the current version {current.Version} of property '{current.Key}'; send {current.Version + 1}.");
        var updated = New(current.OwnerId, current.Key, value, number, caller, now, message ?? "", minorEdit, current.Id);
        if (!await store.UpdateAsync(updated, current.Version, ct))
            throw new ConflictException($"Property '{current.Key}' was changed by someone else; read it again and retry.");
        return updated;
    }
}
