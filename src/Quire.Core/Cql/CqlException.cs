using Quire.Core.Errors;

namespace Quire.Core.Cql;

/// <summary>
/// A CQL query (or cqlcontext) the server cannot accept: a 400 whose message names what was
/// expected or found and where, as a 1-based character offset into the query.
/// </summary>
public sealed class CqlException : BadRequestException
{
    public CqlException(string detail, int position)
        : base($"Could not parse cql: {detail} at position {position}")
    {
        Detail = detail;
        Position = position;
    }

    /// <summary>An error with its own full message (cqlcontext, date evaluation).</summary>
    public CqlException(string message) : base(message)
    {
        Detail = message;
    }

    /// <summary>What went wrong, without the prefix and position.</summary>
    public string Detail { get; }

    /// <summary>1-based character offset of the problem; 0 where no position applies.</summary>
    public int Position { get; }
}
