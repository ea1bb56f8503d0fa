using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;

namespace Quire.Api.Tests.ContentAttachments;

/// <summary>Killing the server in the middle of uploads: afterwards no record lacks its bytes and no stored file is partial.</summary>
public abstract class AttachmentCrashTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const int SlowUploads = 3;
    private const long SentBeforeKill = 4 * 1024 * 1024;

    [SkippableFact]
    public async Task Killing_the_server_during_uploads_leaves_no_orphan_record_and_no_corrupt_file()
    {
        _ = Server; // skips when the engine is unavailable
        var settings = await Fixture.FreshDatabaseAsync();
        var whole = Pattern(2 * 1024 * 1024, 7);
        string page;

        await using (var doomed = await ServerProcess.StartAsync(settings))
        {
            using var admin = doomed.Admin();
            (await admin.PostAsJsonAsync("/wiki/rest/api/space", new { key = "CRASH", name = "Crash" })).EnsureSuccessStatusCode();
            var created = await admin.PostAsJsonAsync("/wiki/rest/api/content", new { type = "page", title = "Crash page", space = new { key = "CRASH" } });
            page = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            var done = await admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("whole.bin", whole, "application/octet-stream")]));
            Assert.Equal(HttpStatusCode.OK, done.Status);

            // Uploads that are still streaming when the process dies.
            var streaming = Enumerable.Range(0, SlowUploads).Select(i => new EndlessBytes(SentBeforeKill)).ToList();
            var uploads = streaming.Select((body, i) =>
            {
                var form = new MultipartFormDataContent { { body, "file", $"partial-{i}.bin" } };
                return admin.UploadAsync(HttpMethod.Post, Attachments(page), form);
            }).ToList();
            await Task.WhenAll(streaming.Select(s => s.Sent)).WaitAsync(TimeSpan.FromSeconds(60));
            await doomed.KillAsync();
            foreach (var upload in uploads)
                await Assert.ThrowsAnyAsync<Exception>(() => upload);
        }

        await using var restarted = await ServerProcess.StartAsync(settings);
        using var client = restarted.Admin();
        var listing = JsonNode.Parse(await client.GetStringAsync(Attachments(page)))!;
        Assert.Equal(["whole.bin"], listing["results"]!.AsArray().Select(a => (string)a!["title"]!));
        var id = (string)listing["results"]![0]!["id"]!;
        Assert.Equal(whole, await client.GetByteArrayAsync($"{Attachments(page)}/{id}/download"));

        // Every stored blob file is whole: its name is the hash of what it holds, and nothing is left half-written.
        if (settings.GetValueOrDefault("Quire:Attachments:Store") != "database")
        {
            var root = Path.Combine(settings["Quire:DataDirectory"]!, "attachments");
            var temp = Path.Combine(root, "tmp");
            Assert.Empty(Directory.Exists(temp) ? Directory.GetFiles(temp) : []);
            var stored = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(temp, StringComparison.Ordinal)).ToList();
            Assert.Single(stored);
            Assert.All(stored, file => Assert.Equal(Path.GetFileName(file), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));
        }
        else
        {
            // Every listed blob has all its bytes under its own name; what the killed uploads
            // wrote is left only under temporary keys, which no record names.
            await using var database = Quire.Storage.Database.ForPostgres(settings["Quire:Database:ConnectionString"]!);
            await using var db = new Quire.Storage.DbSession(database);
            Assert.Equal(0L, await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM blobs b WHERE b.size <> (SELECT COALESCE(SUM(length(c.data)), 0) FROM blob_chunks c WHERE c.blob_key = b.key)"));
            Assert.Equal(0L, await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(DISTINCT blob_key) FROM blob_chunks c WHERE c.blob_key NOT LIKE 'tmp-%' AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.key = c.blob_key)"));
            Assert.Equal(1L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM blobs"));
        }
    }

    /// <summary>A request body that never ends: it reports once enough has gone out, then trickles until the connection dies.</summary>
    private sealed class EndlessBytes(long reportAfter) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Pattern(64 * 1024, 3);
            long written = 0;
            while (true)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                written += chunk.Length;
                if (written >= reportAfter) _sent.TrySetResult();
                if (written >= reportAfter) await Task.Delay(20);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentCrashTestsOnSqlite(SqliteServerFixture fixture) : AttachmentCrashTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentCrashTestsOnPostgres(PostgresServerFixture fixture) : AttachmentCrashTests(fixture);

[Collection(PostgresDatabaseBlobsCollection.Name)]
public sealed class AttachmentCrashTestsOnPostgresDatabaseBlobs(PostgresDatabaseBlobsFixture fixture) : AttachmentCrashTests(fixture);
