using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>
/// Reads a ContentRestrictionAddOrUpdateArray: either a bare array of ContentRestrictionUpdate
/// or an object with one under <c>results</c>; each names an operation and its users (an array
/// of users, or a UserArray) and groups (by <c>id</c>, or by the deprecated <c>name</c>).
/// </summary>
public static class ContentRestrictionRequests
{
    public static IReadOnlyList<RestrictionInput> Parse(JsonElement body)
    {
        return ArrayOrResults(body, "The body must be an array of restrictions, or an object with one under 'results'.")
            .Select((item, i) => Item(item, $"results[{i}]")).ToList();
    }

    /// <summary>The items of a bare array, or of the array under <c>results</c> (the paged form v1 also accepts).</summary>
    private static IEnumerable<JsonElement> ArrayOrResults(JsonElement element, string error) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        JsonValueKind.Object when element.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array =>
            results.EnumerateArray(),
        _ => throw new BadRequestException(error),
    };

    private static RestrictionInput Item(JsonElement item, string at)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new BadRequestException($"{at} must be an object with operation and restrictions.");
        var operation = item.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String
            ? op.GetString()
            : throw new BadRequestException($"{at}.operation is required: read or update.");
        if (!item.TryGetProperty("restrictions", out var restrictions) || restrictions.ValueKind != JsonValueKind.Object)
            throw new BadRequestException($"{at}.restrictions is required: an object with user and/or group.");

        var accountIds = new List<string?>();
        if (restrictions.TryGetProperty("user", out var user) && user.ValueKind != JsonValueKind.Null)
        {
            foreach (var entry in ArrayOrResults(user, $"{at}.restrictions.user must be an array of users or a UserArray."))
                accountIds.Add(entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("accountId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : throw new BadRequestException($"Every user in {at}.restrictions.user needs an accountId."));
        }

        var groups = new List<GroupReference>();
        if (restrictions.TryGetProperty("group", out var group) && group.ValueKind != JsonValueKind.Null)
        {
            foreach (var entry in ArrayOrResults(group, $"{at}.restrictions.group must be an array of groups."))
            {
                if (entry.ValueKind != JsonValueKind.Object) throw new BadRequestException($"Every group in {at}.restrictions.group must be an object with an id or a name.");
                groups.Add(new GroupReference(StringOrNull(entry, "id", at), StringOrNull(entry, "name", at)));
            }
        }
        return new RestrictionInput(operation, accountIds, groups);
    }

    private static string? StringOrNull(JsonElement entry, string name, string at) =>
        !entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new BadRequestException($"A group's {name} in {at}.restrictions.group must be a string.");
}
