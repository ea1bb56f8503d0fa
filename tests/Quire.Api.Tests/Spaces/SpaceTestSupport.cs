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

    public static async Task<JsonNode> CreateSpaceAsync(
        this HttpClient client, string? key = null, string? name = null, string? description = null, bool isPrivate = false)
    {
        key ??= NewKey();
        var body = new JsonObject { ["key"] = key, ["name"] = name ?? "Space " + key };
        if (description is not null) body["description"] = new JsonObject { ["plain"] = new JsonObject { ["value"] = description, ["representation"] = "plain" } };
        var response = await client.PostJson(isPrivate ? "/wiki/rest/api/space/_private" : "/wiki/rest/api/space", body);
        return response.Expect(HttpStatusCode.OK).Json!;
    }

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
