using Quire.Core.Security;
using Quire.Core.Spaces;

namespace Quire.Server.Api.SpaceSettings;

/// <summary>The <c>Space settings</c> group: <c>/wiki/rest/api/space/{spaceKey}/settings</c>.</summary>
public static class SpaceSettingsApi
{
    public sealed record SpaceSettingsUpdateRequest(bool? RouteOverrideEnabled);

    public static RouteGroupBuilder MapSpaceSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/space/{spaceKey}/settings");
        settings.MapGet("", GetSpaceSettings);
        settings.MapPut("", UpdateSpaceSettings);
        return api;
    }

    private static async Task<SpaceSettingsJson> GetSpaceSettings(
        string spaceKey, Caller caller, SpaceService spaces, SpaceSettingsRenderer renderer, CancellationToken ct) =>
        renderer.Render(await spaces.GetAsync(caller, spaceKey, ct), topLevel: true);

    private static async Task<SpaceSettingsJson> UpdateSpaceSettings(
        string spaceKey, SpaceSettingsUpdateRequest? body, Caller caller, SpaceService spaces, SpaceSettingsRenderer renderer,
        CancellationToken ct) =>
        renderer.Render(await spaces.UpdateSettingsAsync(caller, spaceKey, body?.RouteOverrideEnabled, ct), topLevel: true);
}
