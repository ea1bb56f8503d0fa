using System.Text;
using Quire.Server.Http;
using Quire.Storage.Audit;

namespace Quire.Server.Api.Audit;

/// <summary>
/// The audit export as CSV (RFC 4180: every field quoted, quotes doubled, CRLF between rows). A
/// field starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a
/// leading apostrophe, as OWASP advises against formula injection: a spreadsheet opening the
/// export shows such a value as text instead of running it.
/// </summary>
public static class AuditCsv
{
    private static readonly string[] Header =
        ["Date", "Author", "Author account id", "Remote address", "Category", "Summary", "Description", "Affected object",
         "Affected object type", "Associated objects", "Changed values", "System administrator"];

    public static string Row(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string HeaderRow() => Row(Header);

    public static string Row(AuditRecordRow row)
    {
        var json = AuditRecordJson.Of(row);
        return Row(
        [
            QuireJson.Date(row.CreatedAt), row.AuthorName, row.AuthorAccountId, row.RemoteAddress, row.Category, row.Summary, row.Description,
            json.AffectedObject.Name, json.AffectedObject.ObjectType,
            string.Join("; ", json.AssociatedObjects.Select(o => $"{o.ObjectType}: {o.Name}")),
            string.Join("; ", json.ChangedValues.Select(c => $"{c.Name}: {c.OldValue} -> {c.NewValue}")),
            row.SysAdmin ? "true" : "false",
        ]);
    }

    private static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
