using Npgsql;
using Quire.Storage;

namespace Quire.Core.Tests;

/// <summary>The sessions' pool on PostgreSQL: statements prepared automatically and connections not reset between requests, unless the site's connection string says otherwise.</summary>
public class PostgresSessionSettingsTests
{
    [Fact]
    public void Sessions_prepare_statements_and_skip_the_reset_by_default()
    {
        var settings = new NpgsqlConnectionStringBuilder(Database.PostgresSessionConnectionString("Host=db;Username=quire;Database=site"));
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(256, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.Equal("site", settings.Database);
    }

    [Theory]
    [InlineData("Host=db;Username=quire;No Reset On Close=false")]
    [InlineData("Host=db;Username=quire;NoResetOnClose=false")]
    public void A_connection_string_that_names_the_reset_keeps_its_choice(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(Database.PostgresSessionConnectionString(connectionString)).NoResetOnClose);

    [Fact]
    public void A_connection_string_that_sets_automatic_preparation_keeps_it() =>
        Assert.Equal(10, new NpgsqlConnectionStringBuilder(
            Database.PostgresSessionConnectionString("Host=db;Username=quire;Max Auto Prepare=10")).MaxAutoPrepare);
}
