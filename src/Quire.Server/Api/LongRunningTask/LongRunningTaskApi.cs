using Quire.Server.Authentication;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Server.Http;

namespace Quire.Server.Api.LongRunningTask;

/// <summary>The <c>Long-running task</c> group: <c>/wiki/rest/api/longtask</c>. Users see their own tasks; site admins see all.</summary>
public static class LongRunningTaskApi
{
    private static readonly PageLimits TaskLimits = new(100, 1000);

    public static RouteGroupBuilder MapLongRunningTaskApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/longtask").RequireSignIn();
        tasks.MapGet("", GetTasks);
        tasks.MapGet("/{id}", GetTask);
        return api;
    }

    private static async Task<PagedJson<LongTaskStatusJson>> GetTasks(
        int? start, int? limit, Caller caller, LongTaskService tasks, LongTaskRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var page = await tasks.ListAsync(caller, TaskLimits.Parse(start, limit), ct);
        return PagedJson<LongTaskStatusJson>.From(page, t => renderer.Render(t, topLevel: false), links);
    }

    private static async Task<LongTaskStatusJson> GetTask(
        string id, Caller caller, LongTaskService tasks, LongTaskRenderer renderer, CancellationToken ct) =>
        renderer.Render(await tasks.GetAsync(caller, id, ct), topLevel: true);
}
