namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Confluence wiki markup (the notation of Confluence 3 and of the <c>wiki</c> representation
/// of the REST API) converted to storage format, as Confluence converts it when a client
/// sends a body in that representation.
/// </summary>
public static class WikiMarkup
{
    /// <summary>
    /// Converts Confluence wiki markup to storage format (well formed: <see cref="StorageFormat.Validate"/>
    /// accepts it). Throws <see cref="Errors.BadRequestException"/> for what cannot be converted,
    /// such as an unclosed <c>{code}</c>, <c>{noformat}</c> or <c>{panel}</c> macro or markup
    /// nesting deeper than <see cref="StorageFormat.MaxDepth"/>, naming the line and column where
    /// it starts. Time is linear in the length of the markup (up to a log factor for macros).
    /// </summary>
    public static string ToStorage(string wiki, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(wiki);
        return new WikiConverter(wiki, ct).Convert();
    }
}
