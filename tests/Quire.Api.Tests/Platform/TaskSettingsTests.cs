using Quire.Server.Hosting;

namespace Quire.Api.Tests.Platform;

/// <summary><c>Quire:Tasks:*</c>: the claim lease and the heartbeat that renews it.</summary>
public sealed class TaskSettingsTests
{
    [Fact]
    public void The_defaults_are_a_30_second_lease_renewed_every_10_seconds()
    {
        var options = new QuireOptions().Tasks.Options();
        Assert.Equal(TimeSpan.FromSeconds(30), options.Lease);
        Assert.Equal(TimeSpan.FromSeconds(10), options.HeartbeatInterval);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 1)]
    [InlineData(30, 0)]
    [InlineData(30, 11)] // two late renewals in a row would lose the claim
    [InlineData(double.NaN, 1)]
    public void A_lease_that_renewals_cannot_keep_stops_the_start(double lease, double heartbeat)
    {
        var section = new QuireOptions.TasksSection { LeaseSeconds = lease, HeartbeatSeconds = heartbeat };
        var refusal = Assert.Throws<InvalidOperationException>(section.Options);
        Assert.Contains("Quire:Tasks", refusal.Message);
    }

    [Fact]
    public void Fractions_of_a_second_are_kept()
    {
        var options = new QuireOptions.TasksSection { LeaseSeconds = 1.5, HeartbeatSeconds = 0.5 }.Options();
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Lease);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
    }
}
