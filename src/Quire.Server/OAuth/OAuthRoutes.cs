namespace Quire.Server.OAuth;

/// <summary>
/// The OAuth 2.0 (3LO) authorization server's URLs, which Cloud serves from <c>auth.atlassian.com</c> and
/// <c>api.atlassian.com</c> and Quire from its own host: <c>/authorize</c>, <c>/oauth/token</c>,
/// <c>/oauth/revoke</c>, <c>/oauth/token/accessible-resources</c> and <c>/me</c>.
/// </summary>
public static class OAuthRoutes
{
    public static IEndpointRouteBuilder MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapAuthorize();
        app.MapTokenEndpoints();
        app.MapAccessibleResources();
        return app;
    }
}
