using Quire.Server.Authentication;
using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Core.UserProperties;
using Quire.Server.Http;
using Quire.Storage.UserProperties;

namespace Quire.Server.Api.UserProperties;

/// <summary>The <c>User properties</c> group: <c>/wiki/rest/api/user/{userId}/property/...</c>.</summary>
public static class UserPropertiesApi
{
    // The spec caps this listing at 25.
    private static readonly PageLimits Limits = new(5, 25);

    public sealed record ValueRequest(JsonElement? Value);

    public sealed record KeyJson(string Key);

    public sealed class UserPropertyJson
    {
        public required string Key { get; init; }
        public required JsonElement Value { get; init; }
        public required string Id { get; init; }
        public required string LastModifiedDate { get; init; }
        public required string CreatedDate { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    public static RouteGroupBuilder MapUserPropertiesApi(this RouteGroupBuilder api)
    {
        var properties = api.MapGroup("/user/{userId}/property").RequireSignIn();
        properties.MapGet("", GetUserProperties);
        properties.MapGet("/{key}", GetUserProperty);
        properties.MapPost("/{key}", CreateUserProperty);
        properties.MapPut("/{key}", UpdateUserProperty);
        properties.MapDelete("/{key}", DeleteUserProperty);
        return api;
    }

    private static async Task<PagedJson<KeyJson>> GetUserProperties(
        string userId, int? start, int? limit, Caller caller, UserPropertyService service, ApiLinks links, CancellationToken ct)
    {
        var page = await service.ListKeysAsync(caller, userId, Limits.Parse(start, limit), ct);
        return PagedJson<KeyJson>.From(page, key => new KeyJson(key), links);
    }

    private static async Task<UserPropertyJson> GetUserProperty(
        string userId, string key, Caller caller, UserPropertyService service, ApiLinks links, CancellationToken ct)
    {
        var (owner, property) = await service.GetAsync(caller, userId, key, ct);
        return Render(owner.AccountId, property, links);
    }

    private static async Task<IResult> CreateUserProperty(
        string userId, string key, ValueRequest? body, Caller caller, UserPropertyService service, CancellationToken ct)
    {
        await service.CreateAsync(caller, userId, key, body?.Value, ct);
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateUserProperty(
        string userId, string key, ValueRequest? body, Caller caller, UserPropertyService service, CancellationToken ct)
    {
        await service.UpdateAsync(caller, userId, key, body?.Value, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteUserProperty(
        string userId, string key, Caller caller, UserPropertyService service, CancellationToken ct)
    {
        await service.DeleteAsync(caller, userId, key, ct);
        return TypedResults.NoContent();
    }

    private static UserPropertyJson Render(string accountId, UserPropertyRecord property, ApiLinks links)
    {
        using var document = JsonDocument.Parse(property.Value);
        return new UserPropertyJson
        {
            Key = property.Key,
            Value = document.RootElement.Clone(),
            Id = property.Id.ToString(),
            LastModifiedDate = QuireJson.Date(property.UpdatedAt),
            CreatedDate = QuireJson.Date(property.CreatedAt),
            Links = new Dictionary<string, string>
            {
                ["self"] = links.Api($"/rest/api/user/{Uri.EscapeDataString(accountId)}/property/{Uri.EscapeDataString(property.Key)}"),
                ["base"] = links.Base,
                ["context"] = ApiLinks.Context,
            },
        };
    }
}
