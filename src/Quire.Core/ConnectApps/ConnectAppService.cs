using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Quire.Core.Audit;
using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Storage;
using Quire.Storage.ConnectApps;
using Quire.Storage.Settings;
using Quire.Storage.Users;

namespace Quire.Core.ConnectApps;

/// <summary>Where a descriptor comes from: a URL Quire fetches, or the descriptor itself.</summary>
public sealed record ConnectInstallRequest(string? DescriptorUrl, string? Descriptor);

/// <summary>An installed app with its own user.</summary>
public sealed record ConnectAppView(ConnectAppRecord App, UserRecord AppUser);

/// <summary>
/// Installs Connect apps by descriptor and manages them: site admins only (a null caller is the
/// command line, acting as the system). An install fetches and checks the descriptor, posts the
/// <c>installed</c> callback (signed RS256, see <see cref="ConnectInstallKeys"/>) with a new client key and
/// shared secret, and stores nothing unless the app answers 2xx; then, in one transaction, the app, its
/// own user (created on first install, kept across reinstalls so what an admin granted it stays) and its
/// descriptor webhooks. <c>enabled</c> and <c>disabled</c> are signed HS256 with the shared secret; their
/// answers change nothing, as in Connect. An install over an installed app updates it in place (same client
/// key, a new shared secret, the new descriptor), as UPM updates an app.
/// </summary>
public sealed class ConnectAppService(
    DbSession db, ConnectAppStore apps, UserStore users, UserService userService, ConnectAppWebhooks webhooks, ConnectAppClient client,
    ConnectInstallKeys installKeys, SettingsStore settings, ISiteBaseUrl site, AuditLog audit, TimeProvider time,
    ILogger<ConnectAppService> logger)
{
    public const string ProductType = "confluence";

    public async Task<ConnectAppView> InstallAsync(Caller? caller, ConnectInstallRequest request, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var json = request.Descriptor
                   ?? (string.IsNullOrWhiteSpace(request.DescriptorUrl)
                       ? throw new BadRequestException("Give the app's descriptor, or the URL Quire fetches it from (pluginUri).")
                       : await client.FetchDescriptorAsync(request.DescriptorUrl.Trim(), ct));
        if (json.Length > ConnectDescriptor.MaxBytes)
            throw new BadRequestException($"The descriptor is larger than {ConnectDescriptor.MaxBytes / 1024} KiB.");
        var descriptor = ConnectDescriptorReader.Read(json);

        var existing = await apps.FindAsync(descriptor.Key, ct);
        var now = time.NowMillis();
        var app = new ConnectAppRecord
        {
            AppKey = descriptor.Key,
            ClientKey = existing?.ClientKey ?? Guid.NewGuid().ToString(),
            OAuthClientId = existing?.OAuthClientId ?? RandomText(18),
            // Always a fresh secret: a reinstall posts it to the (maybe new) baseUrl before the app has answered, so the
            // live secret never leaves Quire that way; it replaces the stored one only once the install succeeds.
            SharedSecret = RandomText(32),
            BaseUrl = descriptor.BaseUrl,
            Name = descriptor.Name,
            Descriptor = descriptor.Json,
            Scopes = string.Join(' ', descriptor.Scopes.Order(StringComparer.Ordinal)),
            Enabled = existing?.Enabled ?? true,
            InstalledBy = caller?.UserId,
            InstalledAt = existing?.InstalledAt ?? now,
            UpdatedAt = now,
        };

        var installed = await CallbackAsync(app, descriptor.Lifecycle.Installed!, "installed", ct);
        if (!installed.Succeeded)
            throw new BadRequestException(
                $"Installing '{app.AppKey}' failed: its installed callback at {app.BaseUrl}{descriptor.Lifecycle.Installed} {installed.Describe()}. Nothing was installed.");

        var view = await db.InTransactionAsync(async () =>
        {
            var appUser = await AppUserAsync(descriptor, caller, ct);
            var stored = new ConnectAppRecord
            {
                AppKey = app.AppKey, ClientKey = app.ClientKey, OAuthClientId = app.OAuthClientId, SharedSecret = app.SharedSecret,
                BaseUrl = app.BaseUrl, Name = app.Name, Descriptor = app.Descriptor, Scopes = app.Scopes, Enabled = app.Enabled,
                UserId = appUser.Id, InstalledBy = app.InstalledBy, InstalledAt = app.InstalledAt, UpdatedAt = app.UpdatedAt,
            };
            var current = await apps.FindAsync(app.AppKey, ct);
            if ((current is null) != (existing is null) || (current is not null && current.ClientKey != existing!.ClientKey))
                throw new ConflictException($"'{app.AppKey}' was installed or removed while this install ran; install it again.");
            if (current is null) await apps.InsertAsync(stored, ct);
            else await apps.ReplaceAsync(stored, ct);
            await webhooks.ReplaceAsync(descriptor, stored.Enabled, caller?.UserId, ct);
            await audit.RecordAsync(caller, new AuditEvent(existing is null ? "App installed" : "App updated", AuditCategories.Apps,
                new AuditObject(descriptor.Name, "App")), ct);
            return new ConnectAppView(stored, appUser);
        }, ct);

        if (view.App.Enabled) await NotifyAsync(view.App, descriptor.Lifecycle.Enabled, "enabled", ct);
        return view;
    }

    public async Task<IReadOnlyList<ConnectAppView>> ListAsync(Caller? caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var list = await apps.ListAsync(ct);
        var appUsers = (await users.FindManyByIdsAsync([.. list.Select(a => a.UserId)], ct)).ToDictionary(u => u.Id);
        return [.. list.Select(a => new ConnectAppView(a, appUsers[a.UserId]))];
    }

    public async Task<ConnectAppView> GetAsync(Caller? caller, string? appKey, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var app = await FindAsync(appKey, ct);
        return new ConnectAppView(app, (await users.FindByIdAsync(app.UserId, ct))!);
    }

    /// <summary>
    /// Enables or disables the app. A disabled app's requests are refused (401), its webhooks wait, and the
    /// access tokens it was issued to act as users are revoked. Setting the state it has changes nothing.
    /// </summary>
    public async Task<ConnectAppView> SetEnabledAsync(Caller? caller, string? appKey, bool enabled, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var changed = await db.InTransactionAsync(async () =>
        {
            var app = await FindAsync(appKey, ct);
            if (app.Enabled == enabled) return false;
            await apps.SetEnabledAsync(app.AppKey, enabled, time.NowMillis(), ct);
            await webhooks.SetActiveAsync(app.AppKey, enabled, ct);
            if (!enabled) await apps.DeleteAccessTokensAsync(app.AppKey, ct);
            await audit.RecordAsync(caller, new AuditEvent(enabled ? "App enabled" : "App disabled", AuditCategories.Apps,
                new AuditObject(app.Name, "App")), ct);
            return true;
        }, ct);
        var view = await GetAsync(caller, appKey, ct);
        if (changed)
            await NotifyAsync(view.App, enabled ? Lifecycle(view.App).Enabled : Lifecycle(view.App).Disabled, enabled ? "enabled" : "disabled", ct);
        return view;
    }

    /// <summary>
    /// Removes the app with its dynamic modules, webhooks and access tokens, then tells it (<c>uninstalled</c>,
    /// signed RS256); what it answers changes nothing. Its user stays, so a reinstall finds its grants again.
    /// </summary>
    public async Task UninstallAsync(Caller? caller, string? appKey, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var app = await db.InTransactionAsync(async () =>
        {
            var app = await FindAsync(appKey, ct);
            await webhooks.DeleteAsync(app.AppKey, ct);
            await apps.DeleteAsync(app.AppKey, ct);
            await audit.RecordAsync(caller, new AuditEvent("App uninstalled", AuditCategories.Apps, new AuditObject(app.Name, "App")), ct);
            return app;
        }, ct);
        if (Lifecycle(app).Uninstalled is { } path)
        {
            var result = await CallbackAsync(app, path, "uninstalled", ct);
            if (!result.Succeeded) logger.LogInformation("App {AppKey}'s uninstalled callback {Outcome}", app.AppKey, result.Describe());
        }
    }

    private async Task<ConnectAppRecord> FindAsync(string? appKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(appKey)) throw new BadRequestException("Name the app by its key.");
        return await apps.FindAsync(appKey.Trim(), ct) ?? throw new NotFoundException($"No app with key '{appKey}' is installed.");
    }

    /// <summary>The app's own user: found by its reserved e-mail address, or created (a member of confluence-users, as any new user).</summary>
    private async Task<UserRecord> AppUserAsync(ConnectDescriptor descriptor, Caller? caller, CancellationToken ct)
    {
        var email = $"addon_{descriptor.Key}@connect.invalid";
        if (await users.FindByEmailAsync(email, ct) is { AccountType: AccountTypes.App } appUser) return appUser;
        var userName = await userService.FreeUserNameAsync("addon_" + descriptor.Key, ct);
        return await userService.CreateAsync(new NewUser(userName, email, descriptor.Name, null), actor: caller, ct: ct, accountType: AccountTypes.App);
    }

    private static ConnectLifecycle Lifecycle(ConnectAppRecord app) => ConnectDescriptorReader.Read(app.Descriptor).Lifecycle;

    /// <summary>Posts enabled or disabled (HS256), logging what a refusal said: Connect goes on regardless.</summary>
    private async Task NotifyAsync(ConnectAppRecord app, string? path, string eventType, CancellationToken ct)
    {
        if (path is null) return;
        var result = await CallbackAsync(app, path, eventType, ct);
        if (!result.Succeeded) logger.LogInformation("App {AppKey}'s {Event} callback {Outcome}", app.AppKey, eventType, result.Describe());
    }

    /// <summary>
    /// Posts a lifecycle event to the app. installed and uninstalled are signed RS256 with Quire's
    /// install key (the app checks them with the public key, not a secret it may not hold yet); enabled
    /// and disabled HS256 with the shared secret.
    /// </summary>
    private async Task<ConnectCallbackResult> CallbackAsync(ConnectAppRecord app, string path, string eventType, CancellationToken ct)
    {
        var url = new Uri(app.BaseUrl + path);
        var now = time.GetUtcNow();
        string jwt;
        if (eventType is "installed" or "uninstalled")
        {
            var key = await installKeys.SigningKeyAsync(apps, ct);
            jwt = ConnectJwt.ForInstall(app.ClientKey, key.Rsa, key.Kid, "POST", url, app.BaseUrl, now);
        }
        else jwt = ConnectJwt.ForApp(app.ClientKey, app.SharedSecret, "POST", url, app.BaseUrl, now);
        var payload = await PayloadAsync(app, eventType, ct);
        return await client.PostAsync(url, payload.ToJsonString(), jwt, ct);
    }

    /// <summary>The lifecycle payload, as Connect sends it to every event: the security context and where the site is.</summary>
    private async Task<JsonObject> PayloadAsync(ConnectAppRecord app, string eventType, CancellationToken ct) => new()
    {
        ["key"] = app.AppKey,
        ["clientKey"] = app.ClientKey,
        ["oauthClientId"] = app.OAuthClientId,
        ["sharedSecret"] = app.SharedSecret,
        ["baseUrl"] = site.Base,
        ["displayUrl"] = site.Base,
        ["productType"] = ProductType,
        ["description"] = $"Quire at {site.Base}",
        ["cloudId"] = await settings.EnsureAsync("cloud_id", Guid.NewGuid().ToString(), ct),
        ["eventType"] = eventType,
    };

    private static string RandomText(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private static void RequireAdmin(Caller? caller)
    {
        if (caller is not null && !caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can manage apps.");
    }
}
