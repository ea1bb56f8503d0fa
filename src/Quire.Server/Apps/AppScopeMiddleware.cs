using System.Text.Json;
using Quire.Core.Apps;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Apps;

/// <summary>
/// Refuses a request an app makes when its scopes do not allow the operation, before the handler
/// runs or the body is read; a user's own requests (Basic, anonymous) pass untouched, at the cost of
/// one null check; so do endpoints routing makes itself (no route pattern: the 405 for a wrong method).
/// Scopes only narrow: what passes is still decided by the user's permissions.
/// The refusals are Atlassian's: an OAuth token is answered by the API gateway's 401
/// (<c>{"code":401,"message":"Unauthorized; scope does not match"}</c>), here naming the scopes the
/// operation needs; a Connect app gets 403 in the API's error shape, naming its scope.
/// </summary>
public sealed class AppScopeMiddleware(RequestDelegate next, OperationScopeCatalog catalog)
{
    public Task InvokeAsync(HttpContext context, CallerContext callerContext)
    {
        // Only routed operations are checked: an endpoint without a route pattern is routing's own (its 405 for a
        // method the path does not take), and an app is answered by it as everyone is.
        if (callerContext.Caller?.App is not { } app || context.GetEndpoint() is not RouteEndpoint endpoint ||
            endpoint.Metadata.GetMetadata<AppScopesCheckedByEndpoint>() is { } mark && mark.Lets(app.Kind)) return next(context);
        var operation = catalog.For(endpoint);
        if (app.Allows(operation)) return next(context);
        return app.Kind == AppKind.OAuth ? RefuseOAuthAsync(context, operation) : RefuseConnectAsync(context, app, operation);
    }

    private static Task RefuseOAuthAsync(HttpContext context, OperationScopes? operation)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var needs = operation is null
            ? "This operation is not available to OAuth 2.0 apps."
            : $"{operation.OperationId} needs the scopes {operation.DescribeOAuth()}.";
        return context.Response.WriteAsJsonAsync(
            new OAuthGatewayError(401, "Unauthorized; scope does not match. " + needs), OAuthGatewayErrorJson);
    }

    private static Task RefuseConnectAsync(HttpContext context, AppAccess app, OperationScopes? operation) =>
        ErrorBody.WriteAsync(context, StatusCodes.Status403Forbidden, operation?.Connect is null or "INACCESSIBLE"
            ? $"The app '{app.AppKey}' may not call this operation: it is not available to Connect apps."
            : $"The app '{app.AppKey}' does not have the required scope '{operation.Connect}' for {operation.OperationId}.");

    /// <summary>The body Atlassian's API gateway answers an OAuth request with.</summary>
    private sealed record OAuthGatewayError(int Code, string Message);

    private static readonly JsonSerializerOptions OAuthGatewayErrorJson = new(JsonSerializerDefaults.Web);
}
