using Booking.Data;
using Npgsql;

namespace Booking.IntegrationTests.Foundation;

/// <summary>The app's PostgreSQL connections are tuned for short requests, and an operator's own settings win.</summary>
public sealed class ConnectionTuningTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Username=postgres;Database=makerspace";

    [Fact]
    public void PlainConnectionString_PreparesRepeatedStatementsAndSkipsTheReset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp(Plain));

        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(DataRegistration.PoolSize(Environment.ProcessorCount), tuned.MaxPoolSize);
        Assert.Equal("makerspace", tuned.Database);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 4)]
    [InlineData(8, 16)]
    public void PoolSize_IsTwoConnectionsPerCore_AtLeastFour(int processors, int connections)
    {
        Assert.Equal(connections, DataRegistration.PoolSize(processors));
    }

    [Theory]
    [InlineData("Maximum Pool Size=100")]
    [InlineData("MaxPoolSize=30")]
    [InlineData("maximum pool size=7")]
    public void OperatorSizesThePool_ItStays(string setting)
    {
        var expected = int.Parse(setting[(setting.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp($"{Plain};{setting}"));

        Assert.Equal(expected, tuned.MaxPoolSize);
    }

    [Fact]
    public void PasswordThatReadsLikeASetting_IsOnlyAPassword()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp($"{Plain};Password='x;MaxPoolSize=9;NoResetOnClose=false'"));

        Assert.Equal("x;MaxPoolSize=9;NoResetOnClose=false", tuned.Password);
        Assert.Equal(DataRegistration.PoolSize(Environment.ProcessorCount), tuned.MaxPoolSize);
        Assert.True(tuned.NoResetOnClose);
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("NoResetOnClose=false")]
    public void OperatorSaysReset_ConnectionsAreReset(string setting)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp($"{Plain};{setting}"));

        Assert.False(tuned.NoResetOnClose);
    }

    [Fact]
    public void OperatorSetsMaxAutoPrepare_ItStays()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp($"{Plain};Max Auto Prepare=5"));

        Assert.Equal(5, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public void OperatorTurnsAutoPrepareOff_ItStaysOff(string setting)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataRegistration.ForTheApp($"{Plain};{setting}"));

        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
