using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// Reads manifests the way <c>kubectl apply -f</c> takes them: files of one or more YAML or JSON
/// documents, <c>List</c> objects, or directories of <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files
/// (with <c>recurse</c>, their subdirectories too). Every malformed document is reported; if there is
/// any, loading fails as a whole.
/// </summary>
public static class ManifestLoader
{
    /// <summary>Expands paths (files and directories) into sources, in a stable order.</summary>
    public static IReadOnlyList<ManifestSource> ResolvePaths(IEnumerable<string> paths, bool recurse, IOperationHost host) =>
        ManifestPaths.Resolve(ClusterSourceSpec.Manifests(paths, recurse), host);

    /// <summary>Reads every source and fails if anything in them is malformed (for tests and tools that want all or nothing).</summary>
    public static ClusterSnapshot Load(IEnumerable<ManifestSource> sources, IOperationHost host) => Load(sources, host, CancellationToken.None);

    /// <inheritdoc cref="Load(IEnumerable{ManifestSource}, IOperationHost)"/>
    public static ClusterSnapshot Load(IEnumerable<ManifestSource> sources, IOperationHost host, CancellationToken cancellationToken)
    {
        var snapshot = Read(sources, host, cancellationToken);
        return snapshot.ReadFailure is { } failure ? throw failure : snapshot;
    }

    /// <summary>
    /// Reads every source. A malformed document or an unreadable file is reported and left out, and
    /// the others are read: the snapshot holds what could be read, and <see cref="ClusterSnapshot.ReadFailure"/>
    /// what could not.
    /// </summary>
    public static ClusterSnapshot Read(IEnumerable<ManifestSource> sources, IOperationHost host, CancellationToken cancellationToken)
    {
        var diagnostics = new ManifestDiagnostics();
        var builder = new ClusterSnapshotBuilder(message => diagnostics.AddWarning("DefinedTwice", message));
        var decoder = new ObjectDecoder(builder, diagnostics);
        var documents = 0;
        var sourceNames = new List<string>();
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sourceNames.Add(source.DisplayName);
            try
            {
                var documentReader = ManifestInput.Open(source, diagnostics, decoder, out var input);
                using (input)
                {
                    while (documentReader.TryRead(out var document))
                    {
                        documents++;
                        decoder.Decode(document);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                decoder.EndOfSource();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.AddError(new ManifestException(new SourceLocation(source.DisplayName, 0, 0, 0), null, string.Empty, $"cannot be read: {ex.Message}", ManifestRules.FileUnreadable.Id, ex));
            }
        }

        diagnostics.WriteWarnings(host);
        var failure = diagnostics.Failure(host, documents, sourceNames);
        var snapshot = builder.Build(failure);
        host.WriteVerbose($"Read {documents} documents: {snapshot.Volumes.Count} PersistentVolumes, {snapshot.Claims.Count} PersistentVolumeClaims, {snapshot.StorageClasses.Count} StorageClasses, {snapshot.Nodes.Count} Nodes");
        return snapshot;
    }

    /// <summary>Convenience for tests and tools: load manifests from text.</summary>
    public static ClusterSnapshot LoadText(string yaml, string displayName = "input.yaml") =>
        Load(new[] { new ManifestSource(displayName, () => new StringReader(yaml)) }, SilentHost.Instance);
}
