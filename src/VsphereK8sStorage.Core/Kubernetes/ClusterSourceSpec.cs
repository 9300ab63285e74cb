using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes.Manifests;

namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Where a cluster's objects come from, as the user asked for it: manifest paths (with '-' for
/// standard input), objects already in memory, and (with the Kubernetes client) a live cluster.
/// </summary>
/// <remarks>
/// Design: hosts only describe the source; the core alone turns a spec into a reader
/// (<see cref="Open"/>), so the cmdlet, its argument completers and vk8s read every source the same
/// way and neither host changes when a kind of source is added. A new kind is a new sealed record
/// here (for instance <c>Live(connection, namespace, namePatterns)</c>) that implements
/// <see cref="Open"/>; nothing resolves paths, opens files or dials a cluster before the operation runs.
/// </remarks>
public abstract record ClusterSourceSpec
{
    private protected ClusterSourceSpec()
    {
    }

    /// <summary>What is read, for progress and verbose messages ("manifest pv.yaml", "3 manifest paths").</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Manifest files and directories, read as <c>kubectl apply -f</c> reads them. A path of "-" reads
    /// <paramref name="standardInput"/>; hosts without one (PowerShell) pass null, and '-' is then a path error.
    /// <paramref name="piped"/> (what a pipeline handed over) is read after the paths.
    /// </summary>
    public static ManifestSourceSpec Manifests(IEnumerable<string> paths, bool recurse = false, Func<TextReader>? standardInput = null, PipedManifests? piped = null) =>
        new(paths.ToArray(), recurse, standardInput, piped is { IsEmpty: false } ? piped : null);

    /// <summary>Objects already read (tests, tools, and sources that hand over a snapshot).</summary>
    public static SnapshotSourceSpec InMemory(ClusterSnapshot snapshot, string description = "objects in memory") => new(snapshot, description);

    /// <summary>The reader for this source. Cheap: nothing is read until <see cref="IClusterSource.ReadAsync"/>.</summary>
    public abstract IClusterSource Open();
}

/// <summary>Manifest paths: files, directories (with <see cref="Recurse"/>, their subdirectories), and "-" for standard input.</summary>
public sealed record ManifestSourceSpec : ClusterSourceSpec
{
    /// <summary>The path that stands for standard input.</summary>
    public const string StandardInputPath = "-";

    internal ManifestSourceSpec(IReadOnlyList<string> paths, bool recurse, Func<TextReader>? standardInput, PipedManifests? piped)
    {
        Paths = paths;
        Recurse = recurse;
        StandardInput = standardInput;
        Piped = piped;
    }

    public IReadOnlyList<string> Paths { get; }

    public bool Recurse { get; }

    /// <summary>Opens what "-" reads; null when the host has no standard input to offer.</summary>
    public Func<TextReader>? StandardInput { get; }

    /// <summary>Manifests a pipeline handed over, read after the paths; null when there are none.</summary>
    public PipedManifests? Piped { get; }

    public override string Description => Piped is not null
        ? (Paths.Count == 0 ? "manifests from the pipeline" : $"manifests in {Paths.Count} paths and from the pipeline")
        : Paths.Count == 1
        ? (Paths[0] == StandardInputPath ? "manifests from standard input" : $"manifests in {Paths[0]}")
        : $"manifests in {Paths.Count} paths";

    public override IClusterSource Open() => new ManifestClusterSource(this);
}

/// <summary>A cluster that is already in memory.</summary>
public sealed record SnapshotSourceSpec : ClusterSourceSpec
{
    private readonly string description;

    internal SnapshotSourceSpec(ClusterSnapshot snapshot, string description)
    {
        Snapshot = snapshot;
        this.description = description;
    }

    public ClusterSnapshot Snapshot { get; }

    public override string Description => description;

    public override IClusterSource Open() => new SnapshotSource(this);

    private sealed class SnapshotSource : IClusterSource
    {
        private readonly SnapshotSourceSpec spec;

        public SnapshotSource(SnapshotSourceSpec spec) => this.spec = spec;

        public string Description => spec.Description;

        public Task<ClusterSnapshot> ReadAsync(IOperationHost host, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(spec.Snapshot);
        }
    }
}
