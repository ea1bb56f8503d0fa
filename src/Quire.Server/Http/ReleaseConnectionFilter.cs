using Quire.Storage;

namespace Quire.Server.Http;

/// <summary>
/// Returns the request's database connection to the pool as soon as the endpoint has its answer,
/// before the answer is serialized and written: on PostgreSQL a pooled connection is a server
/// process, and a slow client reading a large answer must not hold one. Whatever the answer still
/// reads (a streamed attachment) takes a connection again on first use.
/// </summary>
public sealed class ReleaseConnectionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        await context.HttpContext.RequestServices.GetRequiredService<DbSession>().ReleaseConnectionAsync();
        return result;
    }
}
