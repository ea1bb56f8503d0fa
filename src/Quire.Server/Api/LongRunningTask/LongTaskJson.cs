using System.Text.Json.Serialization;
using Quire.Core.Tasks;
using Quire.Server.Http;
using Quire.Storage.Tasks;

namespace Quire.Server.Api.LongRunningTask;

/// <summary>The v1 LongTask shape: where to poll a task that was just started.</summary>
public sealed record LongTaskJson(string Id, LongTaskLinksJson Links)
{
    public static LongTaskJson Pointer(string id) => new(id, new LongTaskLinksJson($"/rest/api/longtask/{id}"));
}

public sealed record LongTaskLinksJson(string Status);

/// <summary>The v1 LongTaskStatus / LongTaskStatusWithLinks shapes.</summary>
public sealed class LongTaskStatusJson
{
    public required string Id { get; init; }
    public required LongTaskNameJson Name { get; init; }
    public long ElapsedTime { get; init; }
    public int PercentageComplete { get; init; }
    public bool Successful { get; init; }
    public bool Finished { get; init; }
    public required IReadOnlyList<MessageJson> Messages { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<MessageJson>? Errors { get; init; }

    [JsonPropertyName("_links")]
    public Dictionary<string, string>? Links { get; init; }
}

public sealed record LongTaskNameJson(string Key, IReadOnlyList<object> Args);

public sealed record MessageJson(string Translation, IReadOnlyList<object> Args);

public sealed class LongTaskRenderer(ApiLinks links, LongTaskService tasks)
{
    public LongTaskStatusJson Render(LongTaskRecord task, bool topLevel)
    {
        var messages = LongTaskMessages.Parse(task.Messages).Select(m => new MessageJson(m, [])).ToList();
        var failed = task.Finished && !task.Successful;
        return new LongTaskStatusJson
        {
            Id = task.Id,
            Name = new LongTaskNameJson(task.NameKey, []),
            ElapsedTime = tasks.ElapsedMillis(task),
            PercentageComplete = task.Percentage,
            Successful = task.Successful,
            Finished = task.Finished,
            Messages = messages,
            Status = task.Status,
            Errors = failed ? messages.TakeLast(1).ToList() : null,
            Links = topLevel
                ? new Dictionary<string, string>
                {
                    ["self"] = links.Api($"/rest/api/longtask/{task.Id}"), ["base"] = links.Base, ["context"] = ApiLinks.Context,
                }
                : null,
        };
    }
}
