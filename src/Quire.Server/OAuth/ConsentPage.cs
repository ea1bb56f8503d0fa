using System.Text;
using System.Text.Encodings.Web;
using Quire.Core.OAuth;

namespace Quire.Server.OAuth;

/// <summary>
/// The HTML of <c>/authorize</c>: a sign-in and consent form naming the app and the scopes it asks for, and
/// the error page for a request that cannot be sent back to its app. Server-rendered, no script: every
/// value from the request or an app's registration goes through <see cref="HtmlEncoder"/>, and the answer
/// forbids scripts and framing (<see cref="WriteAsync"/>), so a hostile app name or state is only text.
/// </summary>
public static class ConsentPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The names of the form's fields, read back by the POST.</summary>
    public static class Fields
    {
        public const string ClientId = "client_id";
        public const string RedirectUri = "redirect_uri";
        public const string Scope = "scope";
        public const string State = "state";
        public const string ResponseType = "response_type";
        public const string Email = "email";
        public const string Password = "password";
        public const string Decision = "decision";
        /// <summary>The account id of the signed-in person a session consent form was shown to; its POST must come from the same session user.</summary>
        public const string SessionUser = "session_user";
        /// <summary><c>prompt=login</c> asks for the password form even with a web session ("not you?").</summary>
        public const string Prompt = "prompt";
        public const string Accept = "accept";
        public const string Deny = "deny";
    }

    public static string Consent(AuthorizationRequest request, string siteName, string antiforgeryField, string antiforgeryToken, string? message, string? email)
    {
        var page = new StringBuilder();
        page.Append("<h1>Authorize ").Append(Html.Encode(request.App.Name)).Append("</h1>");
        page.Append("<p><strong>").Append(Html.Encode(request.App.Name)).Append("</strong> asks for access to ")
            .Append(Html.Encode(siteName)).Append(" on your behalf. It will be able to:</p><ul>");
        foreach (var scope in request.Scopes)
            page.Append("<li><code>").Append(Html.Encode(scope)).Append("</code>: ").Append(Html.Encode(OAuthScopeCatalog.Describe(scope))).Append("</li>");
        page.Append("</ul>");
        if (message is not null) page.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(message)).Append("</p>");
        page.Append("<form method=\"post\" action=\"authorize\">");
        Hidden(page, antiforgeryField, antiforgeryToken);
        RequestFields(page, request);
        page.Append("<p><label>E-mail or user name<br><input type=\"text\" name=\"").Append(Fields.Email)
            .Append("\" autocomplete=\"username\" value=\"").Append(Html.Encode(email ?? "")).Append("\"></label></p>");
        page.Append("<p><label>Password or API token<br><input type=\"password\" name=\"").Append(Fields.Password)
            .Append("\" autocomplete=\"current-password\"></label></p>");
        page.Append("<p><button type=\"submit\" name=\"").Append(Fields.Decision).Append("\" value=\"").Append(Fields.Accept).Append("\">Accept</button> ");
        page.Append("<button type=\"submit\" name=\"").Append(Fields.Decision).Append("\" value=\"").Append(Fields.Deny).Append("\">Deny</button></p>");
        page.Append("<p><small>You are sent back to <code>").Append(Html.Encode(request.RedirectUri)).Append("</code>.</small></p></form>");
        return Document("Authorize " + request.App.Name, page.ToString());
    }

    /// <summary>
    /// The consent form for a person the browser's web session already signs in: who they are, what the app asks for, and an
    /// explicit Allow (the POST checks the session again and that it is still theirs), with a way to sign in as someone else.
    /// </summary>
    public static string SessionConsent(
        AuthorizationRequest request, string siteName, string antiforgeryField, string antiforgeryToken, string displayName, string accountId)
    {
        var page = new StringBuilder();
        page.Append("<h1>Authorize ").Append(Html.Encode(request.App.Name)).Append("</h1>");
        page.Append("<p>Signed in as <strong class=\"session-user\">").Append(Html.Encode(displayName)).Append("</strong>.</p>");
        page.Append("<p><strong>").Append(Html.Encode(request.App.Name)).Append("</strong> asks for access to ")
            .Append(Html.Encode(siteName)).Append(" on your behalf. It will be able to:</p><ul>");
        foreach (var scope in request.Scopes)
            page.Append("<li><code>").Append(Html.Encode(scope)).Append("</code>: ").Append(Html.Encode(OAuthScopeCatalog.Describe(scope))).Append("</li>");
        page.Append("</ul>");
        page.Append("<form method=\"post\" action=\"authorize\" class=\"session-consent\">");
        Hidden(page, antiforgeryField, antiforgeryToken);
        RequestFields(page, request);
        Hidden(page, Fields.SessionUser, accountId);
        page.Append("<p><button type=\"submit\" name=\"").Append(Fields.Decision).Append("\" value=\"").Append(Fields.Accept).Append("\">Allow</button> ");
        page.Append("<button type=\"submit\" name=\"").Append(Fields.Decision).Append("\" value=\"").Append(Fields.Deny).Append("\">Deny</button></p>");
        page.Append("<p><small>You are sent back to <code>").Append(Html.Encode(request.RedirectUri)).Append("</code>.</small></p></form>");
        page.Append("<p>Not you? <a class=\"switch-user\" href=\"").Append(Html.Encode(SignInAgainHref(request))).Append("\">Sign in as someone else</a></p>");
        return Document("Authorize " + request.App.Name, page.ToString());
    }

    /// <summary>The same authorization with <c>prompt=login</c>: the password form, whatever session the browser has.</summary>
    private static string SignInAgainHref(AuthorizationRequest request)
    {
        var query = new Dictionary<string, string?>
        {
            [Fields.ClientId] = request.App.ClientId, [Fields.RedirectUri] = request.RedirectUri, [Fields.Scope] = string.Join(' ', request.Scopes),
            [Fields.ResponseType] = "code", [Fields.State] = request.State, [Fields.Prompt] = "login",
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("authorize", query.Where(p => p.Value is not null));
    }

    private static void RequestFields(StringBuilder page, AuthorizationRequest request)
    {
        Hidden(page, Fields.ClientId, request.App.ClientId);
        Hidden(page, Fields.RedirectUri, request.RedirectUri);
        Hidden(page, Fields.Scope, string.Join(' ', request.Scopes));
        Hidden(page, Fields.ResponseType, "code");
        if (request.State is not null) Hidden(page, Fields.State, request.State);
    }

    public static string Error(string title, string message) =>
        Document(title, $"<h1>{Html.Encode(title)}</h1><p class=\"error\">{Html.Encode(message)}</p>");

    /// <summary>Writes a page with headers that keep it from running script, being framed, cached or leaking its URL.</summary>
    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return response.WriteAsync(html, context.RequestAborted);
    }

    private static void Hidden(StringBuilder page, string name, string value) =>
        page.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.Encode(title) +
        "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}.error{color:#b00}</style></head><body>" +
        body + "</body></html>";
}
