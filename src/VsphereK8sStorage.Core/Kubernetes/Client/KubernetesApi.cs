using System.Security.Cryptography;
using k8s;
using k8s.Exceptions;
using k8s.Models;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// The core's one door to an API server: KubernetesClient underneath, our errors and our retries on
/// top. Every request goes through <see cref="Send{T}"/>, which retries what is safe to retry and maps
/// every failure to a <see cref="VsphereK8sException"/>. KubernetesClient types stay inside the core
/// (this class is internal); operations return the core's own types to hosts.
/// </summary>
internal sealed class KubernetesApi : IDisposable
{
    /// <summary>Our field manager for server-side apply: the owner of the fields our cmdlets set.</summary>
    public const string FieldManager = "vk8s";

    /// <summary>Items per list page: small enough for a bounded response, large enough for few round trips.</summary>
    public const int DefaultPageSize = 500;

    private readonly RetryPolicy retry;

    public KubernetesApi(IKubernetes client, KubernetesEndpoint endpoint, RetryPolicy? retry = null, Action<string>? verbose = null)
    {
        Client = client;
        Endpoint = endpoint;
        this.retry = retry ?? RetryPolicy.Default;
        Verbose = verbose ?? (_ => { });
    }

    public IKubernetes Client { get; }

    public KubernetesEndpoint Endpoint { get; }

    /// <summary>Where retries and other notes go; the session points it at the host of the operation running now.</summary>
    public Action<string> Verbose { get; set; }

    /// <summary>Resolves the connection (kubectl's rules) and opens a client; nothing is sent yet.</summary>
    public static KubernetesApi Connect(KubernetesConnection connection, Action<string> verbose, KubeconfigEnvironment? environment = null, RetryPolicy? retry = null)
    {
        var resolved = KubeconfigResolver.Resolve(connection, environment ?? KubeconfigEnvironment.Process, verbose);
        verbose($"Kubernetes API server {resolved.Endpoint}");
        Threading.SystemTrustPreload.Start();
        try
        {
            return new KubernetesApi(new k8s.Kubernetes(resolved.Configuration), resolved.Endpoint, retry, verbose);
        }
        catch (Exception ex) when (ex is KubeConfigException or CryptographicException or System.IO.IOException or FormatException or ArgumentException)
        {
            // Client certificates are loaded here, not while the kubeconfig is read.
            throw KubeconfigResolver.Invalid(resolved.Endpoint.Source, $"the client certificate or key of user '{resolved.Endpoint.User}' cannot be used: {ApiErrors.OneLine(ex.Message)}", ex);
        }
    }

    public void Dispose() => (Client as IDisposable)?.Dispose();

    /// <summary>Sends one request through the retry policy; failures come back as our errors.</summary>
    public async Task<T> Send<T>(string action, RequestSafety safety, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken, object? target = null)
    {
        try
        {
            return await retry.RunAsync(request, safety, m => Verbose($"{action}: {m}"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ApiErrors.Map(ex, action, Endpoint, target) is { } mapped && !ReferenceEquals(mapped, ex))
        {
            throw mapped;
        }
    }

    public Task<KubernetesServerVersion> GetServerVersionAsync(CancellationToken cancellationToken) =>
        Send("read the server version", RequestSafety.Idempotent, async ct =>
        {
            var info = await Client.Version.GetCodeAsync(ct).ConfigureAwait(false);
            return KubernetesServerVersion.Parse(info.Major, info.Minor, info.GitVersion);
        }, cancellationToken);

    /// <summary>The resources the server offers in one API group version (discovery), such as storage.k8s.io/v1.</summary>
    public Task<IReadOnlyList<ServedResource>> DiscoverAsync(string apiVersion, CancellationToken cancellationToken) =>
        Send($"discover the resources of {apiVersion}", RequestSafety.Idempotent, async ct =>
        {
            Func<CancellationToken, Task<V1APIResourceList>> fetch = apiVersion switch
            {
                "v1" => t => Client.CoreV1.GetAPIResourcesAsync(t),
                "storage.k8s.io/v1" => t => Client.StorageV1.GetAPIResourcesAsync(t),
                "apps/v1" => t => Client.AppsV1.GetAPIResourcesAsync(t),
                _ => throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "no discovery for this group version"),
            };
            var list = await fetch(ct).ConfigureAwait(false);
            return (IReadOnlyList<ServedResource>)(list.Resources ?? new List<V1APIResource>())
                .Where(r => !r.Name.Contains('/'))
                .Select(r => new ServedResource(r.Kind, r.Name, r.Namespaced))
                .ToList();
        }, cancellationToken);

    /// <summary>Maps a kind to its resource through discovery; null when the server does not serve it.</summary>
    public async Task<ServedResource?> ResolveKindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var served = await DiscoverAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            return served.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>One object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync<T>(ResourceType<T> type, string name, string? ns, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await Send($"read {type.Describe(name, ns)}", RequestSafety.Idempotent, ct => type.Read(Client, name, ns, ct), cancellationToken, name).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Every object of a kind, a page of <paramref name="pageSize"/> at a time (limit/continue), so the
    /// server never builds one huge response. If the continue token expires mid-way (410), the list is
    /// read again in one request, as client-go's pager does.
    /// </summary>
    public async Task<ListPage<T>> ListAllAsync<T>(ResourceType<T> type, string? ns, CancellationToken cancellationToken, string? labelSelector = null, string? fieldSelector = null, int pageSize = DefaultPageSize, Action<int>? progress = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var what = ns is null || !type.Namespaced ? type.Plural : $"{type.Plural} in namespace {ns}";
        var items = new List<T>();
        string? token = null;
        string? resourceVersion = null;
        do
        {
            ListPage<T> page;
            try
            {
                var request = new ListRequest(ns, labelSelector, fieldSelector, pageSize, token);
                page = await Send($"list {what}", RequestSafety.Idempotent, ct => type.List(Client, request, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == 410 && token is not null)
            {
                Verbose($"list {what}: the page token expired after {items.Count} items; reading the whole list in one request");
                var whole = new ListRequest(ns, labelSelector, fieldSelector, null, null);
                return await Send($"list {what}", RequestSafety.Idempotent, ct => type.List(Client, whole, ct), cancellationToken).ConfigureAwait(false);
            }

            items.AddRange(page.Items);
            resourceVersion ??= page.ResourceVersion;
            token = page.Continue;
            progress?.Invoke(items.Count);
        }
        while (token is not null);

        return new ListPage<T>(items, null, resourceVersion);
    }

    /// <summary>
    /// Server-side apply of <paramref name="desired"/> (application/apply-patch+yaml, field manager
    /// <see cref="FieldManager"/>), taking over fields other managers own only when <paramref name="force"/>.
    /// </summary>
    public Task<T> ApplyAsync<T>(ResourceType<T> type, T desired, bool force, bool dryRun, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var name = desired.Metadata.Name;
        var ns = desired.Metadata.NamespaceProperty;

        // JSON is YAML, and KubernetesClient sends a string body as it is.
        var patch = new V1Patch(KubernetesJson.Serialize(desired), V1Patch.PatchType.ApplyPatch);
        return Send(
            $"{(dryRun ? "check (dry run) " : string.Empty)}apply {type.Describe(name, ns)}",
            RequestSafety.Idempotent,
            ct => type.Patch(Client, patch, name, ns, dryRun ? "All" : null, FieldManager, force ? true : null, ct),
            cancellationToken,
            type.Describe(name, ns));
    }

    public Task<T> CreateAsync<T>(ResourceType<T> type, T body, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var target = type.Describe(body.Metadata.Name, body.Metadata.NamespaceProperty);
        return Send($"create {target}", RequestSafety.NotIdempotent, ct => type.Create(Client, body, body.Metadata.NamespaceProperty, null, FieldManager, ct), cancellationToken, target);
    }

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync<T>(ResourceType<T> type, string name, string? ns, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await Send($"delete {type.Describe(name, ns)}", RequestSafety.Idempotent, async ct =>
            {
                await type.Delete(Client, name, ns, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken, name).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Read-modify-write with optimistic concurrency: <paramref name="change"/> edits a fresh copy and
    /// says whether it changed anything; the write carries the copy's resourceVersion, and when someone
    /// else wrote in between (409 Conflict) the object is read again and the change made again.
    /// </summary>
    public async Task<(T Object, bool Changed)> UpdateAsync<T>(ResourceType<T> type, string name, string? ns, Func<T, bool> change, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(type, name, ns, cancellationToken).ConfigureAwait(false)
                ?? throw new VsphereK8sException("KubernetesNotFound", ErrorKind.ObjectNotFound, $"{type.Describe(name, ns)} no longer exists.", name);
            if (!change(current))
            {
                return (current, false);
            }

            // An update that leaves managedFields out keeps the server's (only an empty list would reset them), and
            // their untyped fieldsV1 is what the NativeAOT build's serializer has no metadata to write.
            current.Metadata.ManagedFields = null;
            try
            {
                var written = await Send($"update {type.Describe(name, ns)}", RequestSafety.Idempotent, ct => type.Replace(Client, current, name, ns, FieldManager, ct), cancellationToken, name).ConfigureAwait(false);
                return (written, true);
            }
            catch (KubernetesApiException ex) when (ex.StatusCode == 409 && attempt < attempts)
            {
                Verbose($"{type.Describe(name, ns)} changed while we updated it; reading it again");
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="check"/> says the object reached <paramref name="condition"/>: one list
    /// to read where it is, then a watch from there (re-opened when the server closes it, re-listed when
    /// its resourceVersion is too old), with progress. Times out with what was last seen.
    /// </summary>
    public async Task<T?> WaitAsync<T>(ResourceType<T> type, string name, string? ns, string condition, Func<T?, WaitState> check, TimeSpan timeout, IOperationHost host, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var target = type.Describe(name, ns);
        var activity = $"Waiting for {target} to become {condition}";
        var started = DateTime.UtcNow;
        var lastSeen = "nothing yet";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var fieldSelector = "metadata.name=" + name;

        bool Observe(T? current, out T? result)
        {
            var state = check(current);
            lastSeen = state.Description;
            var percent = (int)Math.Min(99, (DateTime.UtcNow - started).TotalMilliseconds * 100 / Math.Max(1, timeout.TotalMilliseconds));
            host.WriteProgress(new ProgressReport(2, activity, state.Description, percent, Completed: state.Done));
            result = current;
            return state.Done;
        }

        try
        {
            while (true)
            {
                var list = await ListAllAsync(type, ns, deadline.Token, fieldSelector: fieldSelector).ConfigureAwait(false);
                if (Observe(list.Items.FirstOrDefault(), out var found))
                {
                    return found;
                }

                var resourceVersion = list.ResourceVersion;
                var relist = false;
                while (!relist)
                {
                    Exception? streamError = null;
                    var remaining = timeout - (DateTime.UtcNow - started);
                    var watch = new WatchRequest(ns, fieldSelector, resourceVersion, (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, 300));
                    var events = type.Watch(Client, watch, e => streamError ??= e, deadline.Token);
                    try
                    {
                        await using var enumerator = events.GetAsyncEnumerator(deadline.Token);
                        while (await NextAsync(enumerator, target, deadline.Token).ConfigureAwait(false))
                        {
                            var (eventType, item) = enumerator.Current;
                            resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                            if (eventType is WatchEventType.Bookmark)
                            {
                                continue;
                            }

                            if (Observe(eventType == WatchEventType.Deleted ? null : item, out var done))
                            {
                                return done;
                            }
                        }
                    }
                    catch (KubernetesApiException ex) when (ex.StatusCode == 410)
                    {
                        streamError = ex;
                    }

                    if (streamError is KubernetesException { Status.Code: 410 } or KubernetesApiException { StatusCode: 410 })
                    {
                        relist = true; // our resourceVersion is older than the server keeps: start again from a list
                    }
                    else if (streamError is not null && ApiErrors.Map(streamError, $"watch {target}", Endpoint, target) is { } mapped)
                    {
                        throw mapped;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            host.WriteProgress(new ProgressReport(2, activity, lastSeen, 100, Completed: true));
            throw new KubernetesWaitTimeoutException(target, condition, timeout, lastSeen);
        }
    }

    private async Task<bool> NextAsync<T>(IAsyncEnumerator<T> enumerator, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ApiErrors.Map(ex, $"watch {target}", Endpoint, target) is { } mapped && !ReferenceEquals(mapped, ex))
        {
            throw mapped;
        }
    }
}

/// <summary>A resource the server serves, from discovery.</summary>
internal sealed record ServedResource(string Kind, string Plural, bool Namespaced);

/// <summary>Where a waited-for object stands: done or not, and a line for progress and timeouts.</summary>
internal readonly record struct WaitState(bool Done, string Description);
