using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Quire.Server.Hosting;

namespace Quire.Server.Http;

/// <summary>
/// Refuses bodies over <see cref="QuireOptions.MaxRequestBodyBytes"/> with 413 before
/// anything reads them. Kestrel enforces the same limit on bodies without a length.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<QuireOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
            return ErrorBody.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; the limit is {_limit} bytes.");

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = _limit;
        return next(context);
    }
}
