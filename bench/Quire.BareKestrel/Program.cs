// A bare Kestrel endpoint for bench/content-load.sh: reads one file into memory once and
// answers GET /bytes with exactly those bytes as application/json. No authentication, no
// database, no serialisation: what is left is Kestrel and minimal-API routing, the floor
// any ASP.NET Core server returning that response pays, so Quire's requests/s divided by
// this one's is the share of the bare server's throughput Quire keeps.
//
//   dotnet bench/Quire.BareKestrel/bin/Release/net10.0/Quire.BareKestrel.dll <file> --urls http://127.0.0.1:8092
//   BARE_KESTREL_FILE=<file> dotnet .../Quire.BareKestrel.dll --urls http://127.0.0.1:8092

var fileGiven = args.Length > 0 && !args[0].StartsWith('-');
var path = fileGiven ? args[0] : Environment.GetEnvironmentVariable("BARE_KESTREL_FILE");
if (string.IsNullOrEmpty(path))
{
    Console.Error.WriteLine("usage: Quire.BareKestrel <file> [--urls http://127.0.0.1:8092]  (or set BARE_KESTREL_FILE)");
    return 2;
}
var bytes = await File.ReadAllBytesAsync(path);

// CreateBuilder, as Quire's host uses, so the two differ by what Quire does per request and
// not by host defaults.
var builder = WebApplication.CreateBuilder(fileGiven ? args[1..] : args);
// Warning, as the script runs Quire: per-request Information logs would cost more than the
// endpoint itself and lower the baseline.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

// Same Content-Type Quire sends for its JSON, and an explicit length so Kestrel does not
// fall back to chunked encoding.
app.MapGet("/bytes", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = bytes.Length;
    return context.Response.Body.WriteAsync(bytes).AsTask();
});

await app.RunAsync();
return 0;
