namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>
/// A datastore path, <c>[datastore1] volumes/myDisk.vmdk</c>: the form vSphere's file APIs take and the
/// in-tree vSphere volume plugin's <c>volumePath</c> wants.
/// </summary>
internal sealed record DatastorePath(string Datastore, string Path)
{
    /// <summary>The folder part (<c>volumes</c>), empty at the datastore's top.</summary>
    public string Folder
    {
        get
        {
            var slash = Path.LastIndexOf('/');
            return slash < 0 ? string.Empty : Path.Substring(0, slash);
        }
    }

    public string FileName => Path.Substring(Path.LastIndexOf('/') + 1);

    public DatastorePath FolderPath => new(Datastore, Folder);

    public override string ToString() => Path.Length == 0 ? $"[{Datastore}]" : $"[{Datastore}] {Path}";

    public static bool TryParse(string text, out DatastorePath path)
    {
        path = new DatastorePath(string.Empty, string.Empty);
        var trimmed = text.Trim();
        var close = trimmed.IndexOf(']');
        if (!trimmed.StartsWith("[", StringComparison.Ordinal) || close < 2)
        {
            return false;
        }

        path = new DatastorePath(trimmed.Substring(1, close - 1), trimmed.Substring(close + 1).Trim());
        return true;
    }

    /// <summary>
    /// Parses and checks a path for a new VMDK: a datastore, a relative path without '..' segments, ending
    /// in .vmdk. The message names the parameter and shows the expected form.
    /// </summary>
    public static DatastorePath ParseVmdk(string text, string parameter)
    {
        if (!TryParse(text, out var path))
        {
            throw Invalid(text, parameter, "it does not start with the datastore in brackets");
        }

        return path.CheckVmdk(text, parameter);
    }

    /// <summary>The path for a disk named <paramref name="name"/> on <paramref name="datastore"/>; .vmdk is added when missing.</summary>
    public static DatastorePath ForDisk(string datastore, string name, string parameter)
    {
        var file = name.Trim();
        if (!file.EndsWith(".vmdk", StringComparison.OrdinalIgnoreCase))
        {
            file += ".vmdk";
        }

        var path = new DatastorePath(datastore.Trim(), file);
        return path.CheckVmdk(path.ToString(), parameter);
    }

    private DatastorePath CheckVmdk(string text, string parameter)
    {
        if (Datastore.Length == 0 || Datastore.IndexOfAny(new[] { '[', ']' }) >= 0)
        {
            throw Invalid(text, parameter, "the datastore name in brackets is empty or contains a bracket");
        }

        if (Path.Length == 0 || Path.StartsWith("/", StringComparison.Ordinal) || Path.EndsWith("/", StringComparison.Ordinal))
        {
            throw Invalid(text, parameter, "the file path after the datastore is empty, or starts or ends with '/'");
        }

        if (Path.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == ".."))
        {
            throw Invalid(text, parameter, "the file path has an empty, '.' or '..' folder");
        }

        if (!Path.EndsWith(".vmdk", StringComparison.OrdinalIgnoreCase) || FileName.Length <= ".vmdk".Length)
        {
            throw Invalid(text, parameter, "a virtual disk file name ends in .vmdk");
        }

        if (FileName.EndsWith("-flat.vmdk", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(text, parameter, "names ending in -flat.vmdk are reserved for the data file vSphere creates beside each disk");
        }

        return this;
    }

    private static InvalidParameterException Invalid(string text, string parameter, string why) =>
        new("DatastorePathInvalid", parameter,
            $"The datastore path '{(text.Length > 200 ? text.Substring(0, 200) + "…" : text)}' cannot be used: {why}. Write it as \"[datastore1] volumes/myDisk.vmdk\".",
            text);
}
