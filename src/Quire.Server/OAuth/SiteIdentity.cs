using Quire.Server.Http;
using Quire.Storage.Settings;

namespace Quire.Server.OAuth;

/// <summary>This node's copy of the site's cloud id: made once per site and never changed, so it is read once per process.</summary>
public sealed class CloudIdCache
{
    public string? Value { get; set; }
}

/// <summary>
/// The site as OAuth apps see it: its cloud id (the one <c>/settings/systemInfo</c> answers, kept in the settings
/// as <c>cloud_id</c>), its URL and its name (the URL's host, as Cloud names a site by its host name).
/// </summary>
public sealed class SiteIdentity(SettingsStore settings, CloudIdCache cache, ApiLinks links)
{
    public const string CloudIdSetting = "cloud_id";

    public async ValueTask<string> CloudIdAsync(CancellationToken ct) =>
        cache.Value ??= await settings.EnsureAsync(CloudIdSetting, Guid.NewGuid().ToString(), ct);

    /// <summary>The site's address without <c>/wiki</c>, as Cloud's accessible resources give it.</summary>
    public string Url => links.Base.EndsWith(ApiLinks.Context, StringComparison.Ordinal) ? links.Base[..^ApiLinks.Context.Length] : links.Base;

    public string Name => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : Url;
}
