using Quire.Core.Cql;

namespace Quire.Server.Web.Content;

/// <summary>
/// The search page's form as CQL: the CQL as typed, or the text as <c>text ~ "..."</c>, narrowed by the space,
/// type and label filters (each quoted, so no filter value can change the query's structure).
/// </summary>
public sealed record WebSearchQuery(string? Text, string? Cql, string? Space, string? Type, string? Label)
{
    public static readonly IReadOnlyList<(string Value, string Name)> Types =
        [("page", "Pages"), ("blogpost", "Blog posts"), ("comment", "Comments"), ("attachment", "Attachments")];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Cql) && Filters().Count == 0;

    public string ToCql()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Cql)) parts.Add("(" + Cql.Trim() + ")");
        else if (!string.IsNullOrWhiteSpace(Text)) parts.Add("text ~ " + CqlWriter.Quote(Text.Trim()));
        parts.AddRange(Filters());
        return string.Join(" AND ", parts);
    }

    private List<string> Filters()
    {
        var filters = new List<string>();
        if (!string.IsNullOrWhiteSpace(Space)) filters.Add("space = " + CqlWriter.Quote(Space.Trim()));
        if (Types.Any(t => t.Value == Type)) filters.Add("type = " + Type);
        if (!string.IsNullOrWhiteSpace(Label)) filters.Add("label = " + CqlWriter.Quote(Label.Trim()));
        return filters;
    }
}
