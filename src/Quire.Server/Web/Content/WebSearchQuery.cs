using Quire.Core.Cql;

namespace Quire.Server.Web.Content;

/// <summary>
/// The search page's form as CQL: the CQL as typed, or the text as <c>text ~ "..."</c>, narrowed by the space,
/// type and label filters (each quoted, so no filter value can change the query's structure). A trailing
/// <c>ORDER BY</c> of typed CQL stays at the end, after the filters: the CQL is parsed (<see cref="CqlParser"/>), its
/// condition parenthesised and its order written back after it.
/// </summary>
public sealed record WebSearchQuery(string? Text, string? Cql, string? Space, string? Type, string? Label)
{
    public static readonly IReadOnlyList<(string Value, string Name)> Types =
        [("page", "Pages"), ("blogpost", "Blog posts"), ("comment", "Comments"), ("attachment", "Attachments")];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Cql) && Filters().Count == 0;

    public string ToCql()
    {
        var parts = new List<string>();
        var orderBy = "";
        if (!string.IsNullOrWhiteSpace(Cql))
        {
            var parsed = TryParse(Cql);
            if (parsed is { OrderBy.Count: > 0 })
            {
                if (parsed.Where is not null) parts.Add("(" + CqlWriter.Write(parsed.Where) + ")");
                orderBy = "ORDER BY " + string.Join(", ", parsed.OrderBy.Select(CqlWriter.Write));
            }
            else parts.Add("(" + Cql.Trim() + ")"); // unparsable CQL is searched as typed, so the search reports its mistake
        }
        else if (!string.IsNullOrWhiteSpace(Text)) parts.Add("text ~ " + CqlWriter.Quote(Text.Trim()));
        parts.AddRange(Filters());
        var where = string.Join(" AND ", parts);
        return orderBy.Length == 0 ? where : where.Length == 0 ? orderBy : where + " " + orderBy;
    }

    private static CqlQuery? TryParse(string cql)
    {
        try { return CqlParser.Parse(cql); }
        catch (CqlException) { return null; }
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
