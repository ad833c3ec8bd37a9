using System.Net;
using System.Net.Sockets;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// A loopback port that accepts connections and closes each at once without a byte of answer (a server that dies on
/// every request, a proxy that cuts it): a request to it fails as unreachable, and <see cref="Connections"/> counts
/// how many times it was tried.
/// </summary>
internal sealed class DroppingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Thread _accepting;
    private int _connections;

    public DroppingServer()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = new Thread(Accept) { IsBackground = true, Name = nameof(DroppingServer) };
        _accepting.Start();
    }

    public Uri Address { get; }

    /// <summary>Connections accepted so far (read after the request that made one has failed).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _listener.Stop();
        _accepting.Join(TimeSpan.FromSeconds(5));
    }

    private void Accept()
    {
        try
        {
            while (true)
            {
                using var client = _listener.AcceptTcpClient();
                Interlocked.Increment(ref _connections);
                client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
            }
        }
        catch (SocketException)
        {
            // stopped
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
