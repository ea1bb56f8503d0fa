using Quire.Core.Errors;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// A v2 listing's <c>limit</c>: the spec's default, and its minimum 1 and maximum, outside which
/// the answer is 400 (v2 validates parameters against its schema; v1 clamps).
/// </summary>
public readonly record struct V2Limit(int Default, int Max)
{
    public static readonly V2Limit Standard = new(25, 250);

    public int Parse(int? limit) => limit switch
    {
        null => Default,
        < 1 => throw new BadRequestException("limit must be at least 1."),
        var value when value > Max => throw new BadRequestException($"limit must be at most {Max}."),
        var value => value.Value,
    };
}
