namespace Quire.Server.Apps;

/// <summary>
/// Endpoint metadata: an endpoint outside the API descriptions that app callers may reach, because it checks
/// what the app holds itself (the OAuth gateway's <c>/oauth/token/accessible-resources</c>, which any access
/// token may call, and <c>/me</c>, which needs <c>read:me</c>), or one the descriptions close to every scope although
/// Connect apps may call it (Dynamic modules, <c>INACCESSIBLE</c>). <see cref="AppScopeMiddleware"/> lets such
/// requests through; every other route outside the descriptions stays closed to apps.
/// </summary>
public sealed class AppScopesCheckedByEndpoint
{
    private readonly Quire.Core.Apps.AppKind? _only;

    private AppScopesCheckedByEndpoint(Quire.Core.Apps.AppKind? only) => _only = only;

    /// <summary>Every app caller reaches the endpoint.</summary>
    public static readonly AppScopesCheckedByEndpoint Instance = new(null);

    /// <summary>Connect apps reach the endpoint; OAuth apps are refused by the scope check as usual (the gateway's 401).</summary>
    public static readonly AppScopesCheckedByEndpoint ConnectOnly = new(Quire.Core.Apps.AppKind.Connect);

    public bool Lets(Quire.Core.Apps.AppKind kind) => _only is null || _only == kind;
}
