using System.Text.Json;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.User;
using Quire.Storage.Properties;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.ContentProperties;

/// <summary>v2's <c>ContentProperty</c>: a string id, the key, the JSON value as stored, and its current version.</summary>
public sealed class ContentPropertyV2Json
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required JsonElement Value { get; init; }
    public required V2VersionJson Version { get; init; }
}

/// <summary>v2's property request bodies: create takes key and value; update adds the next version.</summary>
public sealed record PropertyCreateRequest(string? Key, JsonElement? Value);

public sealed record PropertyVersionRequest(int? Number, string? Message);

public sealed record PropertyUpdateRequest(string? Key, JsonElement? Value, PropertyVersionRequest? Version);

/// <summary>Renders content properties, the account ids of all their version authors in one query.</summary>
public sealed class ContentPropertyV2Renderer(UserStore users)
{
    public async Task<IReadOnlyList<ContentPropertyV2Json>> RenderAsync(IReadOnlyList<PropertyRecord> properties, CancellationToken ct)
    {
        var accounts = await AccountIdLookup.OfAsync(users, properties.Select(p => p.VersionBy), ct);
        return properties.Select(p => new ContentPropertyV2Json
        {
            Id = V2Links.Id(p.Id),
            Key = p.Key,
            Value = Parse(p.Value),
            Version = new V2VersionJson
            {
                CreatedAt = V2Dates.Of(p.VersionAt),
                Message = p.VersionMessage,
                Number = p.Version,
                MinorEdit = p.MinorEdit,
                AuthorId = accounts.Of(p.VersionBy),
            },
        }).ToList();
    }

    public async Task<ContentPropertyV2Json> RenderAsync(PropertyRecord property, CancellationToken ct) =>
        (await RenderAsync([property], ct))[0];

    /// <summary>A stored value (JSON text, checked when it was written) as a JSON element the answer writes unchanged.</summary>
    public static JsonElement Parse(string value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.Clone();
    }
}
