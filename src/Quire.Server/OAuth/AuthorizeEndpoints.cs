using Microsoft.AspNetCore.Antiforgery;
using Quire.Core.OAuth;
using Quire.Core.Security;
using Quire.Server.Authentication;
using F = Quire.Server.OAuth.ConsentPage.Fields;

namespace Quire.Server.OAuth;

/// <summary>
/// <c>/authorize</c>, the authorization server's page (Atlassian's <c>auth.atlassian.com/authorize</c>):
/// <c>GET</c> checks the request and shows the sign-in and consent form; <c>POST</c> (the form, with its
/// antiforgery token) signs the user in with e-mail or user name and password or API token, as HTTP Basic
/// does (the same throttle), then sends the browser back to the app's redirect URI with <c>code</c> and
/// <c>state</c>, or with <c>error=access_denied</c> when the user denies. A request whose client id or
/// redirect URI is not registered gets an error page and is never redirected. A browser with a live web session
/// (<see cref="Web.WebSessionCookie"/>, whose copy is scoped to this path) is shown consent for that person directly, still
/// with antiforgery and an explicit Allow, and a "not you?" link (<c>prompt=login</c>) to the password form. <c>audience</c>
/// is accepted and changes nothing (there is one audience); the consent form always shows.
/// </summary>
public static class AuthorizeEndpoints
{
    public const string Path = "/authorize";

    public static IEndpointRouteBuilder MapAuthorize(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync).AllowAnonymous();
        app.MapPost(Path, DecideAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task ShowAsync(
        HttpContext context, OAuthAuthorizationService authorization, IAntiforgery antiforgery, SiteIdentity site, WebSessionService sessions)
    {
        var query = context.Request.Query;
        if (await CheckAsync(context, authorization, query[F.ClientId], query[F.RedirectUri], query[F.Scope], query[F.ResponseType], query[F.State])
            is not { } request) return;
        if (query[F.Prompt] != "login" && await SessionCallerAsync(context, sessions) is { CanUse: true } caller)
        {
            // The form's token is issued to the session's person, so only a post made with that person's session validates
            // (a token pair planted by a sibling host, valid for anyone, does not).
            context.User = CallerPrincipal.Of(caller, Web.WebVisitorMiddleware.SessionAuthenticationType);
            var tokens = antiforgery.GetAndStoreTokens(context);
            await ConsentPage.WriteAsync(context, StatusCodes.Status200OK, ConsentPage.SessionConsent(
                request, site.Name, tokens.FormFieldName, tokens.RequestToken!, caller.User.DisplayName, caller.User.AccountId));
            return;
        }
        await ShowFormAsync(context, antiforgery, request, site.Name, StatusCodes.Status200OK, null, null);
    }

    /// <summary>The password form's token is for a browser nobody has signed in yet: the request's user goes back to none.</summary>
    private static void Unsigned(HttpContext context) =>
        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());

    /// <summary>Who the browser's web session signs in, if it has a live one (the cookie's copy scoped to this path).</summary>
    private static Task<Caller?> SessionCallerAsync(HttpContext context, WebSessionService sessions) =>
        sessions.CallerOfAsync(Web.WebSessionCookie.Read(context.Request), context.RequestAborted);

    private static async Task DecideAsync(
        HttpContext context, OAuthAuthorizationService authorization, IAntiforgery antiforgery, SignInService signIn, SiteIdentity site,
        WebSessionService sessions)
    {
        if (!context.Request.HasFormContentType)
        {
            await ConsentPage.WriteAsync(context, StatusCodes.Status400BadRequest, ConsentPage.Error("Bad request", "Post the authorization form."));
            return;
        }
        IFormCollection form;
        Caller? sessionCaller = null;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form.ContainsKey(F.SessionUser) && (sessionCaller = await SessionCallerAsync(context, sessions)) is not null)
                context.User = CallerPrincipal.Of(sessionCaller, Web.WebVisitorMiddleware.SessionAuthenticationType);
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
        {
            await ConsentPage.WriteAsync(context, StatusCodes.Status400BadRequest,
                ConsentPage.Error("Bad request", "The form expired or did not come from this site: start the authorization again."));
            return;
        }
        if (await CheckAsync(context, authorization, form[F.ClientId], form[F.RedirectUri], form[F.Scope], form[F.ResponseType], form[F.State])
            is not { } request) return;

        if (form[F.Decision] != F.Accept)
        {
            context.Response.Redirect(OAuthAuthorizationService.RedirectWith(request.RedirectUri,
                ("error", "access_denied"), ("error_description", "The user denied access."), ("state", request.State)));
            return;
        }

        if (form.ContainsKey(F.SessionUser))
        {
            // Consent shown for the session's person: it holds only if the session still signs in that same person (it
            // may have ended, or another person signed in in another tab, since the form was shown).
            if (sessionCaller is null || sessionCaller.User.AccountId != form[F.SessionUser].ToString())
            {
                Unsigned(context);
                await ShowFormAsync(context, antiforgery, request, site.Name, StatusCodes.Status401Unauthorized,
                    "Your session has ended or changed since this page was shown: sign in to authorize.", null);
                return;
            }
            if (!sessionCaller.CanUse)
            {
                Unsigned(context);
                await ShowFormAsync(context, antiforgery, request, site.Name, StatusCodes.Status403Forbidden,
                    "You do not have the global 'use' permission on this site, so you cannot authorize apps.", null);
                return;
            }
            await ApproveAsync(context, authorization, sessionCaller, request);
            return;
        }

        var login = form[F.Email].ToString();
        var secret = form[F.Password].ToString();
        var siteName = site.Name;
        if (login.Contains('\0') || secret.Contains('\0'))
        {
            await ShowFormAsync(context, antiforgery, request, siteName, StatusCodes.Status400BadRequest, "The e-mail or password holds a NUL character.", null);
            return;
        }
        var result = await signIn.SignInAsync(login, secret, ClientAddress.KeyOf(context.Connection.RemoteIpAddress), context.RequestAborted);
        if (result.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ShowFormAsync(context, antiforgery, request, siteName, StatusCodes.Status429TooManyRequests,
                $"Too many failed sign-ins: try again in {(long)Math.Ceiling(wait.TotalSeconds)} seconds, or sign in with an API token.", login);
            return;
        }
        if (result.Caller is not { } caller)
        {
            await ShowFormAsync(context, antiforgery, request, siteName, StatusCodes.Status401Unauthorized, "Wrong e-mail, user name, password or API token.", login);
            return;
        }
        if (!caller.CanUse)
        {
            await ShowFormAsync(context, antiforgery, request, siteName, StatusCodes.Status403Forbidden,
                "You do not have the global 'use' permission on this site, so you cannot authorize apps.", login);
            return;
        }

        await ApproveAsync(context, authorization, caller, request);
    }

    /// <summary>Issues the code for <paramref name="caller"/> and sends the browser back to the app with it.</summary>
    private static async Task ApproveAsync(HttpContext context, OAuthAuthorizationService authorization, Caller caller, AuthorizationRequest request)
    {
        var code = await authorization.ApproveAsync(caller, request, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(OAuthAuthorizationService.RedirectWith(request.RedirectUri, ("code", code), ("state", request.State)));
    }

    /// <summary>The checked request, or null once the refusal is answered: an error page, or a redirect with <c>error</c>.</summary>
    private static async Task<AuthorizationRequest?> CheckAsync(
        HttpContext context, OAuthAuthorizationService authorization, string? clientId, string? redirectUri, string? scope, string? responseType,
        string? state)
    {
        try
        {
            return await authorization.CheckAsync(clientId, redirectUri, scope, responseType, state, context.RequestAborted);
        }
        catch (AuthorizationRefusedException refused) when (refused.Redirectable)
        {
            context.Response.Redirect(OAuthAuthorizationService.RedirectWith(redirectUri!,
                ("error", refused.Error), ("error_description", refused.Message), ("state", state)));
            return null;
        }
        catch (AuthorizationRefusedException refused)
        {
            await ConsentPage.WriteAsync(context, StatusCodes.Status400BadRequest, ConsentPage.Error("This app cannot be authorized", refused.Message));
            return null;
        }
    }

    private static Task ShowFormAsync(
        HttpContext context, IAntiforgery antiforgery, AuthorizationRequest request, string siteName, int status, string? message, string? login)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return ConsentPage.WriteAsync(context, status,
            ConsentPage.Consent(request, siteName, tokens.FormFieldName, tokens.RequestToken!, message, login));
    }
}
