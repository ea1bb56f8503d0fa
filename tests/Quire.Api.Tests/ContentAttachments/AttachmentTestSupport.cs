using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ContentAttachments;

/// <summary>A file part of an upload: its name, bytes and (optionally) the media type the client declares.</summary>
public sealed record UploadFile(string Name, byte[] Bytes, string? MediaType = "text/plain");

/// <summary>Building multipart uploads as Confluence clients send them.</summary>
public static class AttachmentTestSupport
{
    public static string Attachments(string pageId) => $"/wiki/rest/api/content/{pageId}/child/attachment";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Deterministic bytes of any length, different for every seed.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static MultipartFormDataContent Form(IEnumerable<UploadFile> files, IEnumerable<string>? comments = null, bool? minorEdit = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            if (file.MediaType is not null) part.Headers.ContentType = new MediaTypeHeaderValue(file.MediaType);
            form.Add(part, "file", file.Name);
        }
        foreach (var comment in comments ?? []) form.Add(new StringContent(comment, Encoding.UTF8), "comment");
        if (minorEdit is { } minor) form.Add(new StringContent(minor ? "true" : "false"), "minorEdit");
        return form;
    }

    /// <summary>Sends an upload with the XSRF header Confluence requires (unless told not to).</summary>
    public static Task<ApiResponse> UploadAsync(
        this HttpClient client, HttpMethod method, string url, HttpContent form, bool xsrfHeader = true) =>
        client.Call(method, url, form, xsrfHeader);

    /// <summary>Adds files to a page with POST and answers the created attachments.</summary>
    public static async Task<JsonArray> AttachAsync(this HttpClient client, string pageId, params UploadFile[] files) =>
        (await client.UploadAsync(HttpMethod.Post, Attachments(pageId), Form(files))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();

    public static async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(
        this HttpClient client, string url, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
