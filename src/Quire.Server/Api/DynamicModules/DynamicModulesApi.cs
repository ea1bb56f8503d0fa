using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.Apps;
using Quire.Core.ConnectApps;
using Quire.Core.Errors;
using Quire.Core.Security;

namespace Quire.Server.Api.DynamicModules;

/// <summary>
/// Dynamic modules (<c>/wiki/rest/atlassian-connect/1/app/module/dynamic</c>; the spec writes the path
/// without <c>/wiki/rest</c>, and both are served): a Connect app registers, lists and removes modules
/// at run time. Only Connect apps may call them: anybody else gets 401 whose <c>message</c> is the
/// spec's (Confluence's error body, which carries the spec's <c>{"message"}</c>), as do the operations' 400s. These sit outside the v1 route group on purpose:
/// the spec marks them <c>INACCESSIBLE</c> to scopes, since what allows them is being the app itself; the scope
/// check lets Connect apps through (<see cref="Quire.Server.Apps.AppScopesCheckedByEndpoint.ConnectOnly"/>) and
/// refuses OAuth tokens as the gateway does.
/// </summary>
public static class DynamicModulesApi
{
    public const string Path = "/atlassian-connect/1/app/module/dynamic";
    public const string NotFromAnApp = "The request is not from a Connect app.";

    public static IEndpointRouteBuilder MapDynamicModulesApi(this IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/wiki/rest" + Path, Path })
        {
            var modules = app.MapGroup(path).RequireAuthorization().WithMetadata(Quire.Server.Apps.AppScopesCheckedByEndpoint.ConnectOnly);
            modules.MapGet("", GetModules);
            modules.MapPost("", RegisterModules);
            modules.MapDelete("", RemoveModules);
        }
        return app;
    }

    private static async Task<IResult> GetModules(Caller caller, DynamicModuleService modules, CancellationToken ct) =>
        AppKeyOf(caller) is { } appKey
            ? TypedResults.Json(new ModulesJson(await modules.ListAsync(appKey, ct)))
            : Message(StatusCodes.Status401Unauthorized, NotFromAnApp);

    private static async Task<IResult> RegisterModules(HttpRequest request, Caller caller, DynamicModuleService modules, CancellationToken ct)
    {
        if (AppKeyOf(caller) is not { } appKey) return Message(StatusCodes.Status401Unauthorized, NotFromAnApp);
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            await modules.RegisterAsync(appKey, body, ct);
            return TypedResults.Ok();
        }
        catch (JsonException e)
        {
            return Message(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {e.Message}");
        }
        catch (BadRequestException e)
        {
            return Message(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (NotAuthenticatedException e)
        {
            return Message(StatusCodes.Status401Unauthorized, e.Message);
        }
    }

    private static async Task<IResult> RemoveModules(string[]? moduleKey, Caller caller, DynamicModuleService modules, CancellationToken ct)
    {
        if (AppKeyOf(caller) is not { } appKey) return Message(StatusCodes.Status401Unauthorized, NotFromAnApp);
        // The spec's style is form without explode: a,b in one parameter counts as two keys, as repeated parameters do.
        var keys = moduleKey?.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        await modules.RemoveAsync(appKey, keys, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The Connect app making the request (with its own JWT or acting as a user); null for anybody else.</summary>
    private static string? AppKeyOf(Caller caller) => caller.App is { Kind: AppKind.Connect } app ? app.AppKey : null;

    /// <summary>Confluence's error body: its <c>message</c> is the spec's <c>DynamicModulesErrorMessage</c>.</summary>
    private static IResult Message(int status, string message) =>
        TypedResults.Json(Quire.Server.Http.ErrorBody.For(status, message), Quire.Server.Http.QuireJson.Options, statusCode: status);

    private sealed record ModulesJson(IReadOnlyList<JsonNode> Modules);
}
