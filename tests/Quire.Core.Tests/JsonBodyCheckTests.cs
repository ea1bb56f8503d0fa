using System.Text;
using Quire.Server.Http;

namespace Quire.Core.Tests;

/// <summary>What no JSON request body may hold (issue 12, item 5), checked on the bytes as a client sends them.</summary>
public sealed class JsonBodyCheckTests
{
    [Theory]
    [InlineData("""{"value":"\ud800"}""", "surrogate")]
    [InlineData("""{"value":"abc\udc00"}""", "surrogate")]
    [InlineData("""{"value":"\ud800\ud800\udc00"}""", "surrogate")]
    [InlineData("""{"value":"\ud83d"}""", "surrogate")]
    [InlineData("""{"\ud800":1}""", "surrogate")]
    [InlineData("""{"a":{"b":["x","\ud800x"]}}""", "surrogate")]
    [InlineData("""{"value":"a\u0000b"}""", "NUL")]
    [InlineData("""{"key":"a","key":"b"}""", "twice")]
    [InlineData("""{"a":1,"b":{"c":1,"c":2}}""", "twice")]
    [InlineData("""[{"k":1},{"k":1,"x":{"k":1},"k":2}]""", "twice")]
    public void Refuses(string json, string problem) =>
        Assert.Contains(problem, JsonBodyCheck.Problem(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Refuses_bytes_that_are_not_utf8()
    {
        var body = Encoding.UTF8.GetBytes("""{"value":"ab"}""").ToList();
        body.InsertRange(11, new byte[] { 0xC3, 0x28, 0xFF });
        Assert.Contains("UTF-8", JsonBodyCheck.Problem(body.ToArray()));
    }

    [Theory]
    [InlineData("""{"value":"\ud83d\ude00 é \\ud800 \\\ud83d\ude00","k":"\\u0000"}""")]
    [InlineData("""{"a":{"k":1},"b":{"k":1},"k":[{"k":1},{"k":2}]}""")]
    [InlineData("""{"key":"a","Key":"b"}""")]
    [InlineData("""{"broken": """)] // the binder names syntax errors
    [InlineData("")]
    public void Accepts(string json) => Assert.Null(JsonBodyCheck.Problem(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Accepts_a_byte_order_mark() =>
        Assert.Null(JsonBodyCheck.Problem([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("""{"a":"b"}""")]));
}
