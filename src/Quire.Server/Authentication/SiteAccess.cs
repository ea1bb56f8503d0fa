using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Quire.Server.Authentication;

/// <summary>
/// The site-wide rule every API endpoint applies (the default authorization policy): a
/// signed-in caller needs the global 'use' permission (403 otherwise); the anonymous caller
/// (see <see cref="CredentialAuthenticationHandler"/>) may only read, GET or HEAD, and not on an
/// endpoint marked <see cref="SignInRequired"/> (401 otherwise, as Confluence asks an anonymous
/// user to sign in). What it may read is then decided by the space grants, like for anybody.
/// </summary>
public sealed class SiteAccessRequirement : IAuthorizationRequirement;

/// <summary>Endpoint metadata: no anonymous access here even for reading (a user's own data, users, groups, admin).</summary>
public sealed class SignInRequired
{
    public static readonly SignInRequired Instance = new();
}

public static class SiteAccessEndpoints
{
    /// <summary>Refuses the anonymous caller (401) on these endpoints, reads included.</summary>
    public static TBuilder RequireSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SignInRequired.Instance);
}

public sealed class SiteAccessHandler(CallerContext callerContext, IHttpContextAccessor http) : AuthorizationHandler<SiteAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAccessRequirement requirement)
    {
        var caller = callerContext.Caller;
        if (caller is null) return Task.CompletedTask; // not signed in: the policy's authenticated-user rule answers 401
        if (caller.IsAnonymous)
        {
            var request = (context.Resource as HttpContext ?? http.HttpContext)!;
            var reading = HttpMethods.IsGet(request.Request.Method) || HttpMethods.IsHead(request.Request.Method);
            if (reading && request.GetEndpoint()?.Metadata.GetMetadata<SignInRequired>() is null) context.Succeed(requirement);
            return Task.CompletedTask;
        }
        if (caller.CanUse) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
