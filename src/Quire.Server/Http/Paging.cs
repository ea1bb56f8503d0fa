using Quire.Core.Errors;
using Quire.Core.Paging;

namespace Quire.Server.Http;

/// <summary>An operation's paging rule: the spec's default limit and the largest we serve.</summary>
public readonly record struct PageLimits(int Default, int Max)
{
    public PageRequest Parse(int? start, int? limit)
    {
        if (start < 0) throw new BadRequestException("start must not be negative.");
        if (limit < 0) throw new BadRequestException("limit must not be negative.");
        // Confluence clamps an over-large limit to its maximum rather than failing.
        return new PageRequest(start ?? 0, Math.Min(limit ?? Default, Max));
    }
}
