using Quire.Server.Api.Admin;
using Quire.Server.Api.Group;
using Quire.Server.Api.Tokens;
using Quire.Server.Api.UserProperties;
using Quire.Server.Api.Users;

namespace Quire.Server.Api;

/// <summary>Every API group, mapped under its base path. One line per spec group.</summary>
public static class ApiRoutes
{
    public const string V1 = "/wiki/rest/api";

    public static IEndpointRouteBuilder MapQuireApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(V1).RequireAuthorization();
        v1.MapUsersApi();
        v1.MapUserPropertiesApi();
        v1.MapAdminUserApi();
        v1.MapGroupApi();
        app.MapApiTokensApi();
        return app;
    }
}
