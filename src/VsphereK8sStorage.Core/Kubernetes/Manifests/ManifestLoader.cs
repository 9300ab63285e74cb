using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A named stream of manifests: a file, or standard input ("-").</summary>
public sealed record ManifestSource(string DisplayName, Func<TextReader> Open)
{
    public static ManifestSource FromFile(string path) => new(path, () => new StreamReader(path));
}

/// <summary>
/// Reads manifests the way <c>kubectl apply -f</c> takes them: files of one or more YAML or JSON
/// documents, <c>List</c> objects, or directories of <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files
/// (with <c>recurse</c>, their subdirectories too). Every malformed document is reported; if there is
/// any, loading fails as a whole.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] ManifestExtensions = { ".yaml", ".yml", ".json" };

    /// <summary>Expands paths (files and directories) into sources, in a stable order.</summary>
    public static IReadOnlyList<ManifestSource> ResolvePaths(IEnumerable<string> paths, bool recurse, IOperationHost host)
    {
        var sources = new List<ManifestSource>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                sources.Add(ManifestSource.FromFile(path));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory
                    .EnumerateFiles(path, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    host.WriteWarning($"{path} holds no .yaml, .yml or .json files{(recurse ? string.Empty : " (add -Recurse / --recursive to read its subdirectories)")}");
                }

                sources.AddRange(files.Select(ManifestSource.FromFile));
            }
            else
            {
                throw new InvalidParameterException("PathNotFound", "Path", $"Cannot find path '{path}': it is neither a file nor a directory. Check the spelling, or pass the folder that holds the manifests.", path);
            }
        }

        return sources;
    }

    public static ClusterSnapshot Load(IEnumerable<ManifestSource> sources, IOperationHost host)
    {
        var errors = new List<ManifestException>();
        var builder = new ClusterSnapshotBuilder(host.WriteWarning);
        var decoder = new ObjectDecoder(builder, host.WriteVerbose);
        var documents = 0;
        foreach (var source in sources)
        {
            try
            {
                using var reader = source.Open();
                foreach (var document in YamlDocumentReader.Read(source.DisplayName, reader, errors))
                {
                    documents++;
                    decoder.Decode(document, errors);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new VsphereK8sException("ManifestUnreadable", ErrorKind.ReadWriteError, $"Cannot read '{source.DisplayName}': {ex.Message}", source.DisplayName, ex);
            }
        }

        // One problem is one error line: it already names file, line, field and fix. Several are each
        // reported, then one terminating summary, so a user fixes them all in one pass.
        if (errors.Count == 1)
        {
            throw errors[0];
        }

        if (errors.Count > 1)
        {
            foreach (var error in errors)
            {
                host.WriteError(error);
            }

            throw new ManifestSetInvalidException(errors, documents);
        }

        var snapshot = builder.Build();
        host.WriteVerbose($"Read {documents} documents: {snapshot.Volumes.Count} PersistentVolumes, {snapshot.Claims.Count} PersistentVolumeClaims, {snapshot.StorageClasses.Count} StorageClasses, {snapshot.Nodes.Count} Nodes");
        return snapshot;
    }

    /// <summary>Convenience for tests and tools: load manifests from text.</summary>
    public static ClusterSnapshot LoadText(string yaml, string displayName = "input.yaml") =>
        Load(new[] { new ManifestSource(displayName, () => new StringReader(yaml)) }, SilentHost.Instance);
}
