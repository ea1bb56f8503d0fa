using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Http;

namespace Quire.Server.Api.Themes;

/// <summary>ThemeUpdate.</summary>
public sealed record ThemeUpdateRequest(string? ThemeKey);

/// <summary>
/// The <c>Themes</c> group. Admin-driven themes come from apps, which Quire does not run, so
/// there are none: the list is empty, the site and every space use the default theme (404 for
/// "the selected theme", as the spec answers when the default is used), setting a space theme
/// names an invalid key (403, the spec's answer for one), and resetting it is a no-op.
/// Permissions as for any other space read or change.
/// </summary>
public static class ThemesApi
{
    private static readonly PageLimits Limits = new(100, 200);

    public static RouteGroupBuilder MapThemesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/theme", GetThemes);
        api.MapGet("/settings/theme/selected", GetGlobalTheme);
        api.MapGet("/settings/theme/{themeKey}", GetTheme);
        api.MapGet("/space/{spaceKey}/theme", GetSpaceTheme);
        api.MapPut("/space/{spaceKey}/theme", SetSpaceTheme);
        api.MapDelete("/space/{spaceKey}/theme", ResetSpaceTheme);
        return api;
    }

    private static PagedJson<object> GetThemes(int? start, int? limit, ApiLinks links) =>
        PagedJson<object>.From(Page<object>.FromOverfetch([], Limits.Parse(start, limit)), t => t, links);

    private static IResult GetGlobalTheme() =>
        throw new NotFoundException("No global theme is assigned: the site uses the default theme.");

    private static IResult GetTheme(string themeKey) =>
        throw new NotFoundException($"There is no theme with key '{themeKey}'.");

    private static async Task<IResult> GetSpaceTheme(string spaceKey, Caller caller, SpaceAccess spaces, CancellationToken ct)
    {
        var space = await spaces.ViewableAsync(caller, spaceKey, ct);
        throw new NotFoundException($"Space '{space.Key}' has no theme set: it inherits the site's look and feel.");
    }

    private static async Task<IResult> SetSpaceTheme(
        string spaceKey, ThemeUpdateRequest? body, Caller caller, SpaceAccess spaces, CancellationToken ct)
    {
        await spaces.AdministrableAsync(caller, spaceKey, ct);
        if (string.IsNullOrWhiteSpace(body?.ThemeKey)) throw new BadRequestException("themeKey is required.");
        throw new ForbiddenException($"'{body.ThemeKey}' is not a valid theme key: no themes are installed.");
    }

    private static async Task<IResult> ResetSpaceTheme(string spaceKey, Caller caller, SpaceAccess spaces, CancellationToken ct)
    {
        await spaces.AdministrableAsync(caller, spaceKey, ct);
        return TypedResults.NoContent();
    }
}
