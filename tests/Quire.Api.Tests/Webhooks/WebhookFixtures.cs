using Quire.Api.Tests.Infrastructure;
namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Webhook tests run on servers of their own: a registered webhook would otherwise get the events
/// of every other test, and retries wait a fraction of a second here instead of seconds.
/// </summary>
public static class WebhookTestSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Fast = new Dictionary<string, string?>
    {
        ["Quire:Webhooks:RetryBaseSeconds"] = "0.2",
        ["Quire:Webhooks:RetryMaxSeconds"] = "1",
        ["Quire:Webhooks:MaxAttempts"] = "4",
        ["Quire:Webhooks:TimeoutSeconds"] = "2",
        ["Quire:Webhooks:PollSeconds"] = "0.2",
    };
}

public sealed class SqliteWebhookFixture : SqliteServerFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => WebhookTestSettings.Fast;
}

public sealed class PostgresWebhookFixture : PostgresServerFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => WebhookTestSettings.Fast;
}

[CollectionDefinition(Name)]
public sealed class SqliteWebhookCollection : ICollectionFixture<SqliteWebhookFixture>
{
    public const string Name = "webhooks-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresWebhookCollection : ICollectionFixture<PostgresWebhookFixture>
{
    public const string Name = "webhooks-postgres";
}
