using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>
/// Tables over the sixteen access-mode sets, built with loops: LINQ or a generic collection over the enum is
/// code the framework holds no precompiled copy of, so it was compiled in every session's first Get-PvcBinding.
/// </summary>
internal static class AccessModeSets
{
    /// <summary>A value for each of the sixteen access-mode sets, indexed by the set's bits.</summary>
    public static T[] Each<T>(Func<AccessModes, T> value)
        where T : class
    {
        var values = new T[16];
        for (var bits = 0; bits < values.Length; bits++)
        {
            values[bits] = value((AccessModes)bits);
        }

        return values;
    }
}
