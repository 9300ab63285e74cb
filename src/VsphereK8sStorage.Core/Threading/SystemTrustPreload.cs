using System.Security.Cryptography.X509Certificates;

namespace VsphereK8sStorage.Threading;

/// <summary>
/// On Linux the first TLS handshake of a process reads and decodes every trusted root of the system (about 150, some
/// 150 ms) before any certificate check, whatever the check, and .NET keeps them for the process. A connection starts
/// that read on another thread as it begins, so it runs beside loading the client, connecting and the handshake
/// instead of after them. Once per process, and only a warm-up: the handshake reads the roots itself if this has not,
/// and reports what fails.
/// </summary>
internal static class SystemTrustPreload
{
    private static int started;

    public static void Start()
    {
        if (OperatingSystem.IsLinux() && Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = Task.Run(Read);
        }
    }

    private static void Read()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing to report: the handshake reads the roots again and says what is wrong.
        }
    }
}
