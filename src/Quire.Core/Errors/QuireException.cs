namespace Quire.Core.Errors;

/// <summary>
/// A failure the client caused or must hear about. The HTTP layer maps each subclass to
/// Confluence's error body with its status code; anything else is a server fault.
/// </summary>
public abstract class QuireException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }
}

public class BadRequestException(string message) : QuireException(message)
{
    public override int StatusCode => 400;
}

public sealed class NotAuthenticatedException(string message) : QuireException(message)
{
    public override int StatusCode => 401;
}

public sealed class ForbiddenException(string message) : QuireException(message)
{
    public override int StatusCode => 403;
}

public sealed class NotFoundException(string message) : QuireException(message)
{
    public override int StatusCode => 404;
}

public sealed class ConflictException(string message) : QuireException(message)
{
    public override int StatusCode => 409;
}

public sealed class PayloadTooLargeException(string message) : QuireException(message)
{
    public override int StatusCode => 413;
}

/// <summary>An operation Confluence itself answers 501 for (finding favourites through the relation listings).</summary>
public sealed class NotImplementedServiceException(string message) : QuireException(message)
{
    public override int StatusCode => 501;
}
