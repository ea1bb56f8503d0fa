using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Settings;
using Quire.Server.Http;
using Quire.Storage.Settings;

namespace Quire.Server.Api.Settings;

/// <summary>The spec's LookAndFeelSettings (no theme: Quire has none).</summary>
public sealed record LookAndFeelSettingsJson(string Selected, JsonObject Global, JsonObject Custom);

/// <summary>LookAndFeelSelection.</summary>
public sealed record LookAndFeelSelectionJson(string? SpaceKey, string? LookAndFeelType);

public sealed record SystemInfoJson(
    string CloudId, string CommitHash, string BaseUrl, string Edition, string SiteTitle, string DefaultLocale, string DefaultTimeZone);

/// <summary>
/// The <c>Settings</c> group: look and feel of the site and of spaces
/// (<c>/settings/lookandfeel</c>, <c>.../custom</c>, <c>.../selected</c>) and the system
/// information (<c>/settings/systemInfo</c>).
/// </summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/lookandfeel", GetLookAndFeelSettings);
        api.MapPut("/settings/lookandfeel", UpdateLookAndFeel);
        api.MapPost("/settings/lookandfeel/custom", UpdateLookAndFeelSettings);
        api.MapDelete("/settings/lookandfeel/custom", ResetLookAndFeelSettings);
        api.MapPut("/settings/lookandfeel/selected", SetLookAndFeelSettings);
        api.MapGet("/settings/systemInfo", GetSystemInfo);
        return api;
    }

    private static async Task<LookAndFeelSettingsJson> GetLookAndFeelSettings(
        string? spaceKey, Caller caller, LookAndFeelService lookAndFeel, CancellationToken ct)
    {
        var view = await lookAndFeel.GetAsync(caller, QueryValues.Blank(spaceKey), ct);
        return new LookAndFeelSettingsJson(view.Selected, view.Global, view.Custom);
    }

    private static async Task<LookAndFeelSelectionJson> UpdateLookAndFeel(
        LookAndFeelSelectionJson? body, Caller caller, LookAndFeelService lookAndFeel, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a LookAndFeelSelection object.");
        var (key, type) = await lookAndFeel.SelectForSpaceAsync(caller, QueryValues.Blank(body.SpaceKey), body.LookAndFeelType, ct);
        return new LookAndFeelSelectionJson(key, type);
    }

    /// <summary>Answers the stored settings with links (LookAndFeelWithLinks).</summary>
    private static async Task<JsonObject> UpdateLookAndFeelSettings(
        string? spaceKey, JsonElement? body, Caller caller, LookAndFeelService lookAndFeel, ApiLinks links, CancellationToken ct)
    {
        var stored = await lookAndFeel.UpdateCustomAsync(caller, QueryValues.Blank(spaceKey), body, ct);
        stored["_links"] = new JsonObject { ["base"] = links.Base, ["context"] = ApiLinks.Context, ["self"] = links.Self() };
        return stored;
    }

    private static async Task<IResult> ResetLookAndFeelSettings(string? spaceKey, Caller caller, LookAndFeelService lookAndFeel, CancellationToken ct)
    {
        await lookAndFeel.ResetCustomAsync(caller, QueryValues.Blank(spaceKey), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The body is a JSON string ("global", "custom" or "theme"), and so is the answer (JSON, not plain text).</summary>
    private static async Task<IResult> SetLookAndFeelSettings(
        string? spaceKey, JsonElement? body, Caller caller, LookAndFeelService lookAndFeel, CancellationToken ct)
    {
        if (body is not { ValueKind: JsonValueKind.String } type) throw new BadRequestException("The body must be a JSON string: global, custom or theme.");
        return TypedResults.Json(await lookAndFeel.SelectAsync(caller, QueryValues.Blank(spaceKey), type.GetString(), ct), QuireJson.Options);
    }

    /// <summary>
    /// The site's identity: a cloud id made once per site and kept, the build's version as the
    /// commit, the base URL; Quire's own edition and title; English and the server's time zone.
    /// </summary>
    private static async Task<SystemInfoJson> GetSystemInfo(SettingsStore settings, ApiLinks links, CancellationToken ct)
    {
        var cloudId = await settings.EnsureAsync("cloud_id", Guid.NewGuid().ToString(), ct);
        var version = typeof(SettingsApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return new SystemInfoJson(cloudId, version, links.Base, "quire", "Quire", "en_US", TimeZoneInfo.Local.Id);
    }
}
