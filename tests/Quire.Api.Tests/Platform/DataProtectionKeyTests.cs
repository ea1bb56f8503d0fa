using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// The data protection key ring (antiforgery tokens, cookies) lives in the site's database: what one
/// server protected, another on the same database reads, as the nodes of a PostgreSQL site must, and a
/// restarted server still reads what it protected before.
/// </summary>
public abstract class DataProtectionKeyTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task What_one_server_protected_another_on_the_same_database_reads()
    {
        _ = Server; // skips when the engine is unavailable
        var database = await Fixture.FreshDatabaseAsync();
        string protectedText;
        using (var first = new QuireServer(Server.Engine, database))
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a secret");
            await using var session = new DbSession(first.Services.GetRequiredService<Database>());
            Assert.True(await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys") >= 1);
        }

        using var second = new QuireServer(Server.Engine, database);
        Assert.Equal("a secret", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DataProtectionKeyTestsOnSqlite(SqliteServerFixture fixture) : DataProtectionKeyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DataProtectionKeyTestsOnPostgres(PostgresServerFixture fixture) : DataProtectionKeyTests(fixture);
