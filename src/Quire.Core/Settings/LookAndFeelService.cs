using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Settings;
using Quire.Storage.Spaces;

namespace Quire.Core.Settings;

/// <summary>A scope's look and feel: which settings are selected, the site's (global) ones, and its custom ones.</summary>
public sealed record LookAndFeelView(string Selected, JsonObject Global, JsonObject Custom);

/// <summary>
/// Look and feel settings of the site and of spaces (the Settings group). Quire draws no pages,
/// so these are kept and answered, not applied. The site's settings are the defaults or its
/// custom ones; a space inherits the site's (its "global") unless it selects its own custom
/// ones. Changing the site's needs the site administrator, a space's its 'Admin' permission;
/// reading needs none beyond seeing the space. No themes exist (they come from apps), so a
/// theme cannot be selected.
/// </summary>
public sealed class LookAndFeelService(SettingsStore settings, SpaceAccess spaces)
{
    public const int MaxJsonLength = 65536;

    /// <summary>Confluence Cloud's default colours and spacing.</summary>
    public static JsonObject Defaults() => JsonNode.Parse("""
        {
          "headings": { "color": "#172B4D" },
          "links": { "color": "#0052CC" },
          "menus": { "hoverOrFocus": { "backgroundColor": "#EBECF0" }, "color": "#42526E" },
          "header": {
            "backgroundColor": "#FFFFFF",
            "button": { "backgroundColor": "#0052CC", "color": "#FFFFFF" },
            "primaryNavigation": { "color": "#42526E", "hoverOrFocus": { "backgroundColor": "#EBECF0", "color": "#172B4D" } },
            "secondaryNavigation": { "color": "#42526E", "hoverOrFocus": { "backgroundColor": "#EBECF0", "color": "#172B4D" } },
            "search": { "backgroundColor": "#FFFFFF", "color": "#172B4D" }
          },
          "content": {
            "screen": { "background": "#FFFFFF", "backgroundColor": "#FFFFFF", "backgroundImage": null, "backgroundSize": "auto",
                        "gutterTop": "0px", "gutterRight": "0px", "gutterBottom": "0px", "gutterLeft": "0px" },
            "container": { "background": "#FFFFFF", "backgroundColor": "#FFFFFF", "backgroundImage": null, "backgroundSize": "auto",
                           "padding": "0px", "borderRadius": "0px" },
            "header": { "background": "#FFFFFF", "backgroundColor": "#FFFFFF", "backgroundImage": null, "backgroundSize": "auto",
                        "padding": "0px", "borderRadius": "0px" },
            "body": { "background": "#FFFFFF", "backgroundColor": "#FFFFFF", "backgroundImage": null, "backgroundSize": "auto",
                      "padding": "0px", "borderRadius": "0px" }
          },
          "bordersAndDividers": { "color": "#DFE1E6" },
          "spaceReference": null
        }
        """)!.AsObject();

    /// <summary>The strings a LookAndFeel must hold (the spec's required properties).</summary>
    private static readonly string[][] RequiredStrings =
    [
        ["headings", "color"], ["links", "color"], ["bordersAndDividers", "color"], ["menus", "color"], ["menus", "hoverOrFocus", "backgroundColor"],
        ["header", "backgroundColor"], ["header", "button", "backgroundColor"], ["header", "button", "color"],
        ["header", "primaryNavigation", "color"], ["header", "primaryNavigation", "hoverOrFocus", "backgroundColor"],
        ["header", "primaryNavigation", "hoverOrFocus", "color"], ["header", "secondaryNavigation", "color"],
        ["header", "secondaryNavigation", "hoverOrFocus", "backgroundColor"], ["header", "secondaryNavigation", "hoverOrFocus", "color"],
        ["header", "search", "backgroundColor"], ["header", "search", "color"],
    ];

    public async Task<LookAndFeelView> GetAsync(Caller caller, string? spaceKey, CancellationToken ct = default)
    {
        var site = await settings.LookAndFeelAsync(SettingsStore.GlobalScope, ct);
        var siteCustom = Parse(site?.Custom) ?? Defaults();
        if (spaceKey is null)
            return new LookAndFeelView(site?.Selected ?? "global", Defaults(), siteCustom);
        var space = await spaces.ViewableAsync(caller, spaceKey, ct);
        var inherited = site?.Selected == "custom" ? siteCustom : Defaults();
        var own = await settings.LookAndFeelAsync(SettingsStore.SpaceScope(space.Id), ct);
        return new LookAndFeelView(own?.Selected ?? "global", inherited, Parse(own?.Custom) ?? (JsonObject)inherited.DeepClone());
    }

    /// <summary>Stores custom settings (checked against the spec's required shape) and answers them.</summary>
    public async Task<JsonObject> UpdateCustomAsync(Caller caller, string? spaceKey, JsonElement? body, CancellationToken ct = default)
    {
        var (scope, spaceId) = await AdministeredScopeAsync(caller, spaceKey, ct);
        var lookAndFeel = Validate(body);
        await settings.SetCustomAsync(scope, spaceId, lookAndFeel.ToJsonString(), ct);
        return lookAndFeel;
    }

    /// <summary>Custom settings back to the defaults; which settings are selected does not change.</summary>
    public async Task ResetCustomAsync(Caller caller, string? spaceKey, CancellationToken ct = default)
    {
        var (scope, spaceId) = await AdministeredScopeAsync(caller, spaceKey, ct);
        await settings.SetCustomAsync(scope, spaceId, null, ct);
    }

    /// <summary>Selects the default (global) or custom settings; 'theme' is refused (403) as no theme is assigned.</summary>
    public async Task<string> SelectAsync(Caller caller, string? spaceKey, string? type, CancellationToken ct = default)
    {
        var (scope, spaceId) = await AdministeredScopeAsync(caller, spaceKey, ct);
        switch (type)
        {
            case "global" or "custom":
                await settings.SetSelectedAsync(scope, spaceId, type, ct);
                return type;
            case "theme":
                throw new ForbiddenException("No theme is assigned, so theme settings cannot be selected.");
            default:
                throw new BadRequestException($"The look and feel type must be global, custom or theme, not '{type}'.");
        }
    }

    /// <summary>
    /// updateLookAndFeel: a space's selection. Custom and theme settings can only be selected when
    /// the space has a theme (409), as the spec says; Quire has none, so only global is possible here.
    /// </summary>
    public async Task<(string SpaceKey, string Type)> SelectForSpaceAsync(Caller caller, string? spaceKey, string? type, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(spaceKey)) throw new BadRequestException("spaceKey is required.");
        var space = await spaces.AdministrableAsync(caller, spaceKey, ct);
        switch (type)
        {
            case "global":
                await settings.SetSelectedAsync(SettingsStore.SpaceScope(space.Id), space.Id, type, ct);
                return (space.Key, type);
            case "custom" or "theme":
                throw new ConflictException($"Space '{space.Key}' has no theme, so '{type}' look and feel cannot be selected.");
            default:
                throw new BadRequestException($"lookAndFeelType must be global, custom or theme, not '{type}'.");
        }
    }

    private async Task<(string Scope, long? SpaceId)> AdministeredScopeAsync(Caller caller, string? spaceKey, CancellationToken ct)
    {
        if (spaceKey is null)
        {
            if (!caller.IsSiteAdmin) throw new ForbiddenException("Only a site administrator may change the site's look and feel.");
            return (SettingsStore.GlobalScope, null);
        }
        var space = await spaces.AdministrableAsync(caller, spaceKey, ct);
        return (SettingsStore.SpaceScope(space.Id), space.Id);
    }

    private static JsonObject Validate(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } element) throw new BadRequestException("The body must be a LookAndFeel object.");
        var text = element.GetRawText();
        if (text.Length > MaxJsonLength) throw new BadRequestException($"Look and feel settings are at most {MaxJsonLength} characters of JSON.");
        var json = JsonNode.Parse(text)!.AsObject();
        CheckValues(json, 0);
        foreach (var path in RequiredStrings)
        {
            JsonNode? node = json;
            foreach (var step in path) node = node is JsonObject o ? o[step] : null;
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
                throw new BadRequestException($"{string.Join('.', path)} is required and must be a string.");
        }
        if (json["content"] is not JsonObject) throw new BadRequestException("content is required and must be an object.");
        return json;
    }

    /// <summary>Look and feel values are strings, objects of them, or null (no arrays, numbers or deep nesting).</summary>
    private static void CheckValues(JsonObject obj, int depth)
    {
        if (depth > 6) throw new BadRequestException("Look and feel settings nest at most six objects deep.");
        foreach (var (name, value) in obj)
            switch (value)
            {
                case null:
                    break;
                case JsonObject child:
                    CheckValues(child, depth + 1);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    break;
                default:
                    throw new BadRequestException($"'{name}' must be a string or an object.");
            }
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}
