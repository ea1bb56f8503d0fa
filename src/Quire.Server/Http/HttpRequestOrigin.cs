using Quire.Core.Audit;

namespace Quire.Server.Http;

/// <summary>The current request's remote address, for audit records; empty outside a request (background tasks).</summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string RemoteAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
}

/// <summary>No request: the command line and other work without one.</summary>
public sealed class NoRequestOrigin : IRequestOrigin
{
    public string RemoteAddress => "";
}
