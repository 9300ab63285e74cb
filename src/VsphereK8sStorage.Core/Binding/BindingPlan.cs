namespace VsphereK8sStorage.Binding;

/// <summary>A binding plan: one entry per claim (sorted by namespace and name) and warnings about the input.</summary>
public sealed class BindingPlan
{
    public BindingPlan(IReadOnlyList<PvcBinding> claims, IReadOnlyList<string> warnings)
    {
        Claims = claims;
        Warnings = warnings;
    }

    public IReadOnlyList<PvcBinding> Claims { get; }

    public IReadOnlyList<string> Warnings { get; }
}
