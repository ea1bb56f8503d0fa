using Quire.Core.Errors;
using Quire.Core.Paging;

namespace Quire.Server.Http;

/// <summary>
/// An operation's paging rule: the spec's default limit and the largest we serve. A larger
/// limit is clamped to <see cref="Max"/>, as Confluence does, unless the operation's spec
/// answers 400 for it (<see cref="RefuseAboveMax"/>).
/// </summary>
public readonly record struct PageLimits(int Default, int Max, bool RefuseAboveMax = false)
{
    public PageRequest Parse(int? start, int? limit)
    {
        if (start < 0) throw new BadRequestException("start must not be negative.");
        if (limit < 0) throw new BadRequestException("limit must not be negative.");
        if (RefuseAboveMax && limit > Max) throw new BadRequestException($"limit must be at most {Max}.");
        return new PageRequest(start ?? 0, Math.Min(limit ?? Default, Max));
    }
}
