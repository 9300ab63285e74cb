namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>
/// A vSphere managed object reference (MoRef): a type and a server-assigned value such as
/// <c>VirtualMachine</c> / <c>vm-42</c>. Its <see cref="Id"/> is PowerCLI's form,
/// <c>VirtualMachine-vm-42</c>, so PowerCLI objects and ours name objects the same way.
/// </summary>
internal readonly record struct ManagedObjectReference(string Type, string Value)
{
    /// <summary>PowerCLI's Id: type, dash, value (<c>VirtualMachine-vm-42</c>).</summary>
    public string Id => $"{Type}-{Value}";

    public bool IsEmpty => string.IsNullOrEmpty(Type) || string.IsNullOrEmpty(Value);

    /// <summary>Parses PowerCLI's Id form. Type names never contain a dash; values may (<c>vm-42</c>).</summary>
    public static bool TryParseId(string? text, out ManagedObjectReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var dash = text!.IndexOf('-');
        if (dash <= 0 || dash == text.Length - 1)
        {
            return false;
        }

        var type = text.Substring(0, dash);
        foreach (var c in type)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        reference = new ManagedObjectReference(type, text.Substring(dash + 1));
        return true;
    }

    /// <summary>How vSphere's own tools print a MoRef: <c>VirtualMachine:vm-42</c>.</summary>
    public string ToMoRefString() => $"{Type}:{Value}";

    public override string ToString() => Id;

    public bool Is(string type) => string.Equals(Type, type, StringComparison.Ordinal);
}
