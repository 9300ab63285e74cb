using System.Runtime.InteropServices;

namespace VsphereK8sStorage.Cli;

/// <summary>
/// On Linux, .NET checks a server certificate by building its chain against every trusted root of the system
/// (OpenSSL's bundle and its folder, about 150 certificates, each read and decoded) before it asks the connection's
/// own check, even when that check is a pinned thumbprint that ignores the chain. In a vk8s process whose only TLS
/// peer is one vCenter with a pinned (or explicitly unchecked) certificate, the roots decide nothing and loading them
/// was a third of a get-vsphere-vm run; this points OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR at nothing for this
/// process before its first handshake. Only vk8s's own process does it (never a host of the engine, never the
/// module), only for commands without a Kubernetes connection, and never when the certificate is verified.
/// </summary>
internal static class SystemTrustStore
{
    private static bool skipped;

    /// <summary>The system's roots will not be read by this process; false where that cannot be arranged (not Linux, or setenv failed).</summary>
    public static bool SkipLoading()
    {
        if (skipped)
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        skipped = SetEnvironment("SSL_CERT_FILE", "/dev/null", 1) == 0 && SetEnvironment("SSL_CERT_DIR", "/dev/null", 1) == 0;
        return skipped;
    }

    // The C library's environment, which OpenSSL and .NET's native crypto shim read (Environment.SetEnvironmentVariable
    // changes only .NET's own copy on Unix).
    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SetEnvironment(string name, string value, int overwrite);
}
