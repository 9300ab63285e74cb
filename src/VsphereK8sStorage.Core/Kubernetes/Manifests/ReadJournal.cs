namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// What reading one part of the input found (objects, errors and warnings), recorded in the order it was
/// found, to be replayed into the snapshot and the diagnostics in input order: parts read in parallel
/// then give exactly the objects, "defined twice" warnings and messages of one read from start to end.
/// </summary>
/// <remarks>
/// Design: errors past <see cref="ManifestDiagnostics.ShownErrors"/> and warnings past
/// <see cref="ManifestDiagnostics.ShownWarningsPerRule"/> of a rule are only counted, since the
/// collection replayed into has seen at least as many by then; a journal holds one slot per object and
/// a bounded number of messages.
/// </remarks>
internal sealed class ReadJournal : IObjectSink
{
    private readonly List<object> entries = new();

    public ReadJournal() => Diagnostics = new ManifestDiagnostics(entries);

    /// <summary>Where the readers and decoders of this part report.</summary>
    public ManifestDiagnostics Diagnostics { get; }

    /// <summary>Documents read.</summary>
    public int Documents { get; set; }

    /// <summary>PersistentVolumes recorded (the snapshot's maps are sized from these before the replay).</summary>
    public int Volumes { get; private set; }

    /// <summary>PersistentVolumeClaims recorded.</summary>
    public int Claims { get; private set; }

    public void Add(PersistentVolume volume)
    {
        entries.Add(volume);
        Volumes++;
    }

    public void Add(PersistentVolumeClaim claim)
    {
        entries.Add(claim);
        Claims++;
    }

    public void Add(StorageClass storageClass) => entries.Add(storageClass);

    public void Add(Node node) => entries.Add(node);

    public void Add(StatefulSet statefulSet) => entries.Add(statefulSet);

    /// <summary>Hands everything on, in the order it was found.</summary>
    public void ReplayInto(ManifestDiagnostics diagnostics, IObjectSink sink)
    {
        foreach (var entry in entries)
        {
            if (sink.AddDecoded(entry))
            {
                continue;
            }

            switch (entry)
            {
                case ManifestException error:
                    diagnostics.AddError(error);
                    break;
                case ManifestDiagnostics.JournaledWarning warning:
                    diagnostics.AddWarning(warning.Kind, warning.Message);
                    break;
                case ManifestDiagnostics absorbed:
                    diagnostics.Absorb(absorbed);
                    break;
            }
        }

        Diagnostics.ReplayCounts(diagnostics);
        entries.Clear();
    }
}
