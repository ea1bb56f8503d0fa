using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Quire.Server.Hosting;

namespace Quire.Server.Http;

/// <summary>
/// Refuses bodies over <see cref="QuireOptions.MaxRequestBodyBytes"/> (or the endpoint's own
/// limit, as attachment uploads declare) with 413 before anything reads them. Kestrel
/// enforces the same limit on bodies without a length. Routing has already chosen the
/// endpoint here, so its metadata is known.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<QuireOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? _limit;
        if (context.Request.ContentLength > limit)
            return ErrorBody.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.");

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
