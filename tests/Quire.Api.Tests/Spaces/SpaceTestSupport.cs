using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;

namespace Quire.Api.Tests.Spaces;

/// <summary>Creating spaces, waiting for long tasks and peeking at rows, shared by the space test classes.</summary>
public static class SpaceTestSupport
{
    public static string NewKey() => "K" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    /// <summary>Creates a space; with <paramref name="permissions"/> (see <see cref="Permission"/>) it gets exactly those grants.</summary>
    public static async Task<JsonNode> CreateSpaceAsync(
        this HttpClient client, string? key = null, string? name = null, string? description = null, bool isPrivate = false,
        object[]? permissions = null)
    {
        key ??= NewKey();
        var body = new JsonObject { ["key"] = key, ["name"] = name ?? "Space " + key };
        if (permissions is not null) body["permissions"] = System.Text.Json.JsonSerializer.SerializeToNode(permissions);
        if (description is not null) body["description"] = new JsonObject { ["plain"] = new JsonObject { ["value"] = description, ["representation"] = "plain" } };
        var response = await client.PostJson(isPrivate ? "/wiki/rest/api/space/_private" : "/wiki/rest/api/space", body);
        return response.Expect(HttpStatusCode.OK).Json!;
    }

    /// <summary>A SpacePermissionCreate body granting one operation to users (account ids) and groups (names).</summary>
    public static object Permission(string operation, string targetType, string[]? accountIds = null, string[]? groups = null,
        bool anonymous = false) => new
    {
        subjects = new
        {
            user = new { results = (accountIds ?? []).Select(a => new { accountId = a }).ToArray(), size = accountIds?.Length ?? 0 },
            group = new { results = (groups ?? []).Select(g => new { name = g }).ToArray(), size = groups?.Length ?? 0 },
        },
        operation = new { operation, targetType },
        anonymousAccess = anonymous,
        unlicensedAccess = false,
    };

    /// <summary>Polls the task until it finishes (at most 10 seconds).</summary>
    public static async Task<JsonNode> WaitForTaskAsync(this HttpClient client, string taskId)
    {
        JsonNode? status = null;
        for (var i = 0; i < 100; i++)
        {
            status = (await client.Get($"/wiki/rest/api/longtask/{taskId}")).Expect(HttpStatusCode.OK).Json!;
            if ((bool?)status["finished"] == true) return status;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Task {taskId} did not finish: {status}");
    }

    /// <summary>Counts rows straight from the server's database, for asserting what a call left behind.</summary>
    public static async Task<long> CountAsync(this QuireServer server, string sql, object param)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        return await db.ExecuteScalarAsync<long>(sql, param);
    }
}
