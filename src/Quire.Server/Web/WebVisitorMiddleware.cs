using System.Security.Claims;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Server.Authentication;

namespace Quire.Server.Web;

/// <summary>
/// On web pages only (<see cref="WebPageEndpoint"/>): the caller is whoever the session cookie signs in,
/// else the anonymous caller when the site allows anonymous use, else nobody. It replaces what the API's
/// credential handler found (web pages do not take an Authorization header) in <see cref="CallerContext"/>
/// too, so Core services resolved from the container see the same caller. The request's user becomes the
/// session's user, which binds antiforgery tokens to that user: a form rendered for one user does not post for another.
/// </summary>
public sealed class WebVisitorMiddleware(RequestDelegate next)
{
    public const string SessionAuthenticationType = "QuireWebSession";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!WebPageEndpoint.Is(context))
        {
            await next(context);
            return;
        }
        // Resolved here, not as InvokeAsync's parameters: those are built for every request, API calls included.
        var services = context.RequestServices;
        var (visitor, callers) = (services.GetRequiredService<WebVisitor>(), services.GetRequiredService<CallerContext>());
        var (sessions, globalPermissions) = (services.GetRequiredService<WebSessionService>(), services.GetRequiredService<GlobalPermissionService>());
        var caller = await sessions.CallerOfAsync(WebSessionCookie.Read(context.Request), context.RequestAborted);
        if (caller is null && (await globalPermissions.CurrentAsync(context.RequestAborted)).AnonymousUse)
            caller = Caller.Anonymous();
        visitor.Caller = caller;
        callers.Caller = caller;
        context.User = caller is { IsAnonymous: false }
            ? CallerPrincipal.Of(caller, SessionAuthenticationType)
            : new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    }
}
