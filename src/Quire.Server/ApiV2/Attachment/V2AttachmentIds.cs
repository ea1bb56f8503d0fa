namespace Quire.Server.ApiV2.Attachment;

/// <summary>v2 attachment ids: <c>att</c> and digits in answers, with or without the prefix in URLs (the spec's <c>(att)?[0-9]+</c>).</summary>
public static class V2AttachmentIds
{
    public static string Of(long id) => "att" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The digits of an id given with or without <c>att</c>, for <see cref="Common.V2Ids.Parse"/> to check.</summary>
    public static string Digits(string id) => id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id;

    /// <summary>An attachment id from a URL, with or without <c>att</c>, as a number; 400 naming <paramref name="name"/> otherwise.</summary>
    public static long Parse(string id, string name) => Common.V2Ids.Parse(Digits(id), name);
}
