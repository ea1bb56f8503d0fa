using Quire.Core.ConnectApps;
using Quire.Storage.ConnectApps;

namespace Quire.Server.Connect;

/// <summary>
/// <c>GET /connect-install-keys/{kid}</c>: the public key (PEM) that checks the installed and uninstalled
/// callbacks signed with that kid, without authentication, as Atlassian's <c>connect-install-keys.atlassian.com</c>
/// serves it. Point an app there: ACE reads the key service's address from <c>CONNECT_KEYS_CDN_URL</c>
/// (<c>http://localhost:8090/connect-install-keys</c>).
/// </summary>
public static class InstallKeysApi
{
    public const string Path = "/connect-install-keys";

    public static IEndpointRouteBuilder MapInstallKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{kid}", GetInstallKey).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetInstallKey(string kid, ConnectInstallKeys keys, ConnectAppStore store, CancellationToken ct) =>
        await keys.PublicKeyAsync(store, kid, ct) is { } pem
            ? TypedResults.Text(pem, "application/x-pem-file")
            : TypedResults.NotFound();
}
