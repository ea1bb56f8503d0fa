using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quire.Core.Security;

namespace Quire.Server.Web;

/// <summary>
/// The base of every web page. Before a handler runs: a page that needs a caller (all but sign-in and the
/// error pages) sends a visitor with none to the sign-in page, and answers 403 to a signed-in user
/// without the global 'use' permission, as the API does. The handler then reads <see cref="Caller"/> and
/// passes it to the same Core services the API's endpoints call.
/// </summary>
public abstract class WebPageModel : PageModel
{
    /// <summary>False on the pages anybody may open (sign-in, sign-out, errors).</summary>
    protected virtual bool NeedsCaller => true;

    /// <summary>True on pages the anonymous caller may not open either (editing, one's own settings): it is sent to sign in.</summary>
    protected virtual bool NeedsSignedInUser => false;

    private Caller? _caller;

    /// <summary>The page's caller: a signed-in user or the anonymous one. Only null on pages that do not need one.</summary>
    public Caller Caller => _caller ?? throw new InvalidOperationException("This page has no caller; it declared NeedsCaller false.");

    public WebVisitor Visitor { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Visitor = HttpContext.RequestServices.GetRequiredService<WebVisitor>();
        _caller = Visitor.Caller;
        if (NeedsCaller)
        {
            if (_caller is null || (_caller.IsAnonymous && NeedsSignedInUser))
            {
                context.Result = Redirect(WebPaths.LoginReturningTo(Request.Path + Request.QueryString));
                return;
            }
            if (!_caller.IsAnonymous && !_caller.CanUse)
            {
                WebErrorMessage.Set(HttpContext, "You do not have the global 'use' permission: a site administrator must grant it before you can use this site.");
                context.Result = StatusCode(StatusCodes.Status403Forbidden);
                return;
            }
        }
        await next();
    }

    /// <summary>Ends the request with an HTML error page of this status, saying <paramref name="message"/>.</summary>
    protected IActionResult ErrorPage(int status, string message)
    {
        WebErrorMessage.Set(HttpContext, message);
        return StatusCode(status);
    }
}
