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
    public static readonly AppScopesCheckedByEndpoint Instance = new();
}
