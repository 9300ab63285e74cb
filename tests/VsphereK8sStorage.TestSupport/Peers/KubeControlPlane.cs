using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace VsphereK8sStorage.TestSupport.Peers;

/// <summary>
/// A real Kubernetes control plane for the tests: etcd, kube-apiserver and kube-controller-manager on
/// 127.0.0.1 with a PKI made by openssl for this run (a cluster CA, a second CA nobody trusts, a server
/// certificate, client certificates, a service-account key pair) and a static token file. One per test
/// collection; every process it starts is stopped, and its directory deleted, when the collection ends.
/// </summary>
public sealed class KubeControlPlane : IAsyncLifetime
{
    public const string AdminToken = "admin-token-0123456789";
    public const string ViewerToken = "viewer-token-0123456789";
    public const string ExecToken = "exec-token-0123456789";

    private readonly List<PeerProcess> processes = new();
    private readonly StringBuilder log = new();

    /// <summary>
    /// How often the PV controller re-reads every volume and claim: 2 s, so tests see its retries quickly;
    /// Kubernetes' own 15 s for large clusters (the benchmark), where a resync of thousands of objects costs.
    /// </summary>
    public string PvResyncPeriod { get; init; } = "2s";

    /// <summary>
    /// Whether to run kube-controller-manager (the PV controller among them). The live benchmark writes the bound
    /// state itself: the v1.20 controller binds about seven pairs a second here, so 10,000 would take half an hour.
    /// </summary>
    public bool StartControllerManager { get; init; } = true;

    /// <summary>Why the control plane is not running (binaries missing), or null when it is.</summary>
    public string? Unavailable { get; private set; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "vk8s-kube-" + Guid.NewGuid().ToString("N").Substring(0, 8));

    public string Server { get; private set; } = string.Empty;

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string OtherCaFile => Path.Combine(Directory, "other-ca.crt");

    public string AdminCertFile => Path.Combine(Directory, "admin.crt");

    public string AdminKeyFile => Path.Combine(Directory, "admin.key");

    /// <summary>A kubeconfig with the admin token and the cluster CA as a file.</summary>
    public string AdminKubeconfig => Path.Combine(Directory, "admin.kubeconfig");

    public string Kubectl { get; private set; } = string.Empty;

    /// <summary>The peers' bin directory: $PEERS_CACHE/bin, by default ~/.cache/vsphere-k8s-storage/peers/bin.</summary>
    public static string PeersBin =>
        Path.Combine(Environment.GetEnvironmentVariable("PEERS_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vsphere-k8s-storage", "peers"), "bin");

    public async Task InitializeAsync()
    {
        var apiserver = Path.Combine(PeersBin, "kube-apiserver");
        var controllerManager = Path.Combine(PeersBin, "kube-controller-manager");
        Kubectl = Path.Combine(PeersBin, "kubectl");
        var etcd = FindOnPath("etcd");
        var openssl = FindOnPath("openssl");
        var missing = new[] { apiserver, controllerManager }.Where(p => !File.Exists(p)).Select(Path.GetFileName).ToList();
        if (etcd is null)
        {
            missing.Add("etcd");
        }

        if (openssl is null)
        {
            missing.Add("openssl");
        }

        if (missing.Count > 0)
        {
            Unavailable = $"{string.Join(", ", missing)} not found (looked in {PeersBin} and PATH); run tests/peers/install-kube.sh to build and install them.";
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            await MakePkiAsync(openssl!).ConfigureAwait(false);
            File.WriteAllText(Path.Combine(Directory, "tokens.csv"), string.Join("\n",
                $"{AdminToken},admin,uid-admin,\"system:masters\"",
                $"{ViewerToken},viewer,uid-viewer,",
                $"{ExecToken},exec-user,uid-exec,\"system:masters\"") + "\n");

            var etcdClient = FreePort();
            var etcdPeer = FreePort();
            Start(etcd!, "etcd",
                "--name", "vk8s-test",
                "--data-dir", Path.Combine(Directory, "etcd"),
                "--listen-client-urls", $"http://127.0.0.1:{etcdClient}",
                "--advertise-client-urls", $"http://127.0.0.1:{etcdClient}",
                "--listen-peer-urls", $"http://127.0.0.1:{etcdPeer}",
                "--initial-advertise-peer-urls", $"http://127.0.0.1:{etcdPeer}",
                "--initial-cluster", $"vk8s-test=http://127.0.0.1:{etcdPeer}",
                "--log-level", "error");

            var port = FreePort();
            Server = $"https://127.0.0.1:{port}";
            Start(apiserver, "kube-apiserver",
                "--etcd-servers", $"http://127.0.0.1:{etcdClient}",
                "--bind-address", "127.0.0.1",
                "--advertise-address", "127.0.0.1",
                "--secure-port", port.ToString(),
                "--insecure-port", "0",
                "--tls-cert-file", Path.Combine(Directory, "server.crt"),
                "--tls-private-key-file", Path.Combine(Directory, "server.key"),
                "--client-ca-file", CaFile,
                "--token-auth-file", Path.Combine(Directory, "tokens.csv"),
                "--service-account-key-file", Path.Combine(Directory, "sa.pub"),
                "--service-account-signing-key-file", Path.Combine(Directory, "sa.key"),
                "--service-account-issuer", "https://kubernetes.default.svc",
                "--authorization-mode", "RBAC",
                "--service-cluster-ip-range", "10.0.0.0/24",
                "--endpoint-reconciler-type", "none",
                // As kubeadm's API servers do: the CSI node plugins and the CPI run privileged containers.
                "--allow-privileged=true",
                "--v", "0");
            await WaitReadyAsync().ConfigureAwait(false);

            WriteKubeconfig(AdminKubeconfig, $"certificate-authority: {CaFile}", $"token: {AdminToken}");
            if (!StartControllerManager)
            {
                return;
            }

            Start(controllerManager, "kube-controller-manager",
                "--kubeconfig", AdminKubeconfig,
                "--service-account-private-key-file", Path.Combine(Directory, "sa.key"),
                "--root-ca-file", CaFile,
                "--leader-elect=false",

                // No kubelet ever reports, so the node lifecycle controller would taint every Node object the tests
                // make (not-ready, unreachable) and race them; everything else, the PV controller first, runs.
                "--controllers", "*,-nodelifecycle",
                "--port", "0",
                "--secure-port", "0",
                "--pvclaimbinder-sync-period", PvResyncPeriod,

                // The controllers' client allows 20 requests a second by default: binding 10,000 volumes would take an hour.
                "--kube-api-qps", "500",
                "--kube-api-burst", "1000",
                "--v", "0");
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            process.Dispose();
        }

        processes.Clear();

        // etcd may still be closing its files for a moment after it is killed: try a few times.
        for (var attempt = 0; attempt < 20 && System.IO.Directory.Exists(Directory); attempt++)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(250);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Skips (on a laptop) or fails (in CI) a test when the control plane could not start.</summary>
    public void Require()
    {
        if (Unavailable is not null)
        {
            Unmet(Unavailable);
        }
    }

    private static void Unmet(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true and a Kubernetes peer is missing: " + reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>Like <see cref="Require"/>, for tests that also run kubectl.</summary>
    public void RequireKubectl()
    {
        Require();
        if (!File.Exists(Kubectl))
        {
            Unmet($"kubectl not found in {PeersBin}; run tests/peers/install-kube.sh to build it.");
        }
    }

    /// <summary>Whether kubectl is here, for tests that use it only as a second opinion.</summary>
    public bool HasKubectl() => File.Exists(Kubectl);

    /// <summary>Writes a kubeconfig for this cluster with the given cluster and user lines (YAML, indented by the caller's needs).</summary>
    public string WriteKubeconfig(string path, string clusterLine, params string[] userLines)
    {
        var user = userLines.Length == 0 ? "    {}" : string.Join("\n", userLines.Select(l => "    " + l));
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {Server}
                {clusterLine}
            users:
            - name: test-user
              user:
            {user}
            contexts:
            - name: test
              context:
                cluster: test
                user: test-user
            current-context: test

            """);
        return path;
    }

    /// <summary>Runs kubectl against this cluster as admin; returns exit code and output.</summary>
    public Task<(int Exit, string Out, string Err)> KubectlAsync(string? stdin, params string[] args) =>
        KubectlAsync(stdin, null, new[] { "--kubeconfig", AdminKubeconfig }.Concat(args).ToArray());

    /// <summary>Runs kubectl with the given environment (null values remove a variable) and no kubeconfig of ours.</summary>
    public async Task<(int Exit, string Out, string Err)> KubectlAsync(string? stdin, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>The last lines the peers wrote, for failure messages.</summary>
    public string RecentLog()
    {
        lock (log)
        {
            var text = log.ToString();
            return text.Length > 4000 ? text.Substring(text.Length - 4000) : text;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // Runs the peer under a small shell watchdog that stops it when the test process is gone, even when the test
    // host is killed without running its cleanup: no etcd or kube-apiserver outlives the tests that started it.
    private const string Watchdog = """
        "$0" "$@" & child=$!
        stop() { kill $child 2>/dev/null; kill -CONT $child 2>/dev/null; ( sleep 5; kill -KILL $child 2>/dev/null ) & wait $child; }
        trap 'stop; exit' TERM INT
        while kill -0 "$VK8S_TEST_PARENT" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
        stop
        kill -0 "$VK8S_TEST_PARENT" 2>/dev/null || { [ -n "$VK8S_TEST_CLEANUP" ] && rm -rf "$VK8S_TEST_CLEANUP"; }
        """;

    private void Start(string file, string name, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Watchdog);
        info.ArgumentList.Add(file);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["VK8S_TEST_PARENT"] = Environment.ProcessId.ToString();
        if (processes.Count == 0)
        {
            // The first peer's watchdog also removes the directory if the test process died without cleaning up.
            info.Environment["VK8S_TEST_CLEANUP"] = Directory;
        }

        var peer = PeerProcess.Start(info, name);
        processes.Add(peer);
        var process = peer.Process;
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.Append(name).Append(": ").AppendLine(e.Data);
                if (log.Length > 200_000)
                {
                    log.Remove(0, 100_000);
                }
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitReadyAsync()
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && Trusted(certificate),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (processes.Any(p => p.Process.HasExited))
            {
                throw new InvalidOperationException("A control-plane process exited while starting:\n" + RecentLog());
            }

            try
            {
                var response = await http.GetAsync(Server + "/readyz").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException("kube-apiserver did not become ready in 90 s:\n" + RecentLog());
    }

    private bool Trusted(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(CaFile)));
        return chain.Build(certificate);
    }

    private async Task MakePkiAsync(string openssl)
    {
        async Task Run(params string[] args)
        {
            var info = new ProcessStartInfo(openssl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"openssl {string.Join(" ", args)} failed: {await error.ConfigureAwait(false)}");
            }
        }

        async Task Ca(string name, string subject)
        {
            await Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}.key", "-out", $"{name}.crt", "-days", "2", "-subj", subject,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").ConfigureAwait(false);
        }

        async Task Signed(string name, string subject, string extensions)
        {
            File.WriteAllText(Path.Combine(Directory, $"{name}.ext"), extensions);
            await Run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}.key", "-out", $"{name}.csr", "-subj", subject).ConfigureAwait(false);
            await Run("x509", "-req", "-in", $"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", $"{name}.crt", "-days", "2", "-extfile", $"{name}.ext").ConfigureAwait(false);
        }

        await Ca("ca", "/CN=vk8s-test-ca").ConfigureAwait(false);
        await Ca("other-ca", "/CN=somebody-elses-ca").ConfigureAwait(false);
        await Signed("server", "/CN=kube-apiserver", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n").ConfigureAwait(false);
        await Signed("admin", "/CN=cert-admin/O=system:masters", "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n").ConfigureAwait(false);
        await Run("genrsa", "-out", "sa.key", "2048").ConfigureAwait(false);
        await Run("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub").ConfigureAwait(false);
    }
}
