using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.IntegrationTests.Security;

/// <summary>
/// One web node on a database it shares with other nodes (the test drops the database). Where the app leaves key
/// storage to Data Protection's default, this node's default folder is its own, as on another machine or under
/// another user: all test hosts of one process would otherwise share the folder under $HOME and hide the problem.
/// </summary>
public sealed class KeyRingNode(TestDatabase database, IDictionary<string, string?>? settings = null) : MakerspaceHost
{
    private readonly DirectoryInfo _defaultKeyFolder = new(Path.Combine(Path.GetTempPath(), "makerspace-tests", "keys-" + Guid.NewGuid().ToString("N")));

    protected override IDictionary<string, string?> Settings => settings ?? new Dictionary<string, string?>();

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(database);

    protected override bool OwnsDatabase => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<KeyManagementOptions>(o =>
            o.XmlRepository ??= new FileSystemXmlRepository(_defaultKeyFolder, NullLoggerFactory.Instance)));
    }

    protected override Task DisposeExtrasAsync()
    {
        if (_defaultKeyFolder.Exists)
        {
            _defaultKeyFolder.Delete(recursive: true);
        }

        return Task.CompletedTask;
    }
}
