using System.Text.RegularExpressions;
using Quire.Core.Errors;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Version;

/// <summary>
/// An attachment id in a v2 path: <c>att</c> and digits, the prefix optional (the spec's pattern <c>(att)?[0-9]+</c>);
/// anything else is a 400 naming the parameter, as <see cref="V2Ids"/> answers for other ids.
/// </summary>
public static partial class AttachmentIds
{
    public static long Parse(string? value, string name) =>
        value is not null && Pattern().IsMatch(value)
            ? V2Ids.Parse(value.StartsWith("att", StringComparison.Ordinal) ? value[3..] : value, name)
            : throw new BadRequestException($"{name} must be an attachment id (att and digits); '{value}' is not.");

    [GeneratedRegex("^(att)?[0-9]+$")]
    private static partial Regex Pattern();
}
