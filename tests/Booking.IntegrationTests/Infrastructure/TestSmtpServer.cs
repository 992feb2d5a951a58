using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port chosen by the OS, in-process. It keeps what it accepted; while
/// <see cref="Down"/> it refuses every message with a transient 451, as a mail server that is unavailable would.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private TestSmtpServer(SmtpServer.SmtpServer server, Task running, int port)
    {
        _server = server;
        _running = running;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public volatile bool Down;

    public static async Task<TestSmtpServer> StartAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var store = new Store();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(store);
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var smtp = new TestSmtpServer(server, running, port);
        store.Owner = smtp;
        return smtp;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Received.Count >= count, $"{count} message(s) at the test SMTP server", timeout);
        return Received.ToList();
    }

    public IReadOnlyList<MimeMessage> To(string email) =>
        Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public TestSmtpServer? Owner { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Owner is { Down: true })
            {
                return new SmtpResponse(SmtpReplyCode.Aborted, "try again later");
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Owner?.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
