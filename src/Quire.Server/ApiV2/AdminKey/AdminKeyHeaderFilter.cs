using Quire.Core.AdminKeys;
using Quire.Core.Errors;
using Quire.Core.Security;

namespace Quire.Server.ApiV2.AdminKey;

/// <summary>
/// A v2 call that sends <c>Atl-Confluence-With-Admin-Key: true</c> claims admin-key privileges,
/// as in Cloud: it runs only for a site admin holding a live admin key, and is refused (403)
/// otherwise, so a script that expects those privileges never runs silently without them.
/// Quire's site admins already administer users, groups and permissions; the key adds no
/// reading past space permissions and page restrictions (see the README).
/// Calls without the header pay nothing: the key is looked up only when it is claimed.
/// </summary>
public sealed class AdminKeyHeaderFilter : IEndpointFilter
{
    public const string Header = "Atl-Confluence-With-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var claimed = context.HttpContext.Request.Headers[Header].ToString();
        if (claimed.Length > 0 && !claimed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            var services = context.HttpContext.RequestServices;
            var caller = services.GetRequiredService<Caller>();
            if (!await services.GetRequiredService<AdminKeyService>().IsLiveAsync(caller, context.HttpContext.RequestAborted))
                throw new ForbiddenException($"{Header} needs a site admin holding a live admin key (POST /wiki/api/v2/admin-key).");
        }
        return await next(context);
    }
}
