using Quire.Core.Analytics;
using Quire.Core.Security;
using Quire.Server.Authentication;

namespace Quire.Server.Api.Analytics;

public sealed record ContentCountJson(long Id, long Count);

/// <summary>
/// The <c>Analytics</c> group: how often a piece of content was read and by how many people
/// (<c>/analytics/content/{contentId}/views</c>, <c>/viewers</c>), since <c>fromDate</c>. A view
/// is a read of its latest version through <c>GET /content/{id}</c>, Quire having no pages to
/// show; anonymous reads count as views but not as viewers.
/// </summary>
public static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        var content = api.MapGroup("/analytics/content/{contentId}").RequireSignIn();
        content.MapGet("/views", GetViews);
        content.MapGet("/viewers", GetViewers);
        return api;
    }

    private static async Task<ContentCountJson> GetViews(
        string contentId, string? fromDate, Caller caller, AnalyticsService analytics, CancellationToken ct)
    {
        var (id, count) = await analytics.ViewsAsync(caller, contentId, fromDate, ct);
        return new ContentCountJson(id, count);
    }

    private static async Task<ContentCountJson> GetViewers(
        string contentId, string? fromDate, Caller caller, AnalyticsService analytics, CancellationToken ct)
    {
        var (id, count) = await analytics.ViewersAsync(caller, contentId, fromDate, ct);
        return new ContentCountJson(id, count);
    }
}
