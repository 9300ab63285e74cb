using System.Globalization;

namespace VsphereK8sStorage.Rollout;

/// <summary>A Kubernetes or vCenter version as major.minor[.patch], compared numerically.</summary>
internal readonly record struct DriverVersion(int Major, int Minor, int Patch) : IComparable<DriverVersion>
{
    public static DriverVersion? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().TrimStart('v', 'V').Split('.', '-', '+');
        if (parts.Length < 2 || !Number(parts[0], out var major) || !Number(parts[1], out var minor))
        {
            return null;
        }

        var patch = parts.Length > 2 && Number(parts[2], out var p) ? p : 0;
        return new DriverVersion(major, minor, patch);

        static bool Number(string s, out int value) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public int CompareTo(DriverVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(DriverVersion a, DriverVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(DriverVersion a, DriverVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(DriverVersion a, DriverVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(DriverVersion a, DriverVersion b) => a.CompareTo(b) >= 0;

    public string MinorText => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}

/// <summary>One CSI driver release: the Kubernetes minors it supports, the vCenter it needs, and where that was read.</summary>
internal sealed record CsiRelease(string Version, string KubernetesMin, string KubernetesMax, string VcenterMin, string Source);

/// <summary>One CPI release: the Kubernetes minor it targets (CPI v1.X is for Kubernetes 1.X only), its image, and the source.</summary>
internal sealed record CpiRelease(string Version, string Kubernetes, string Image, string VcenterMin, string Source);

/// <summary>
/// Which releases of the vSphere CSI driver and CPI support which Kubernetes and vCenter versions. Kept as data,
/// each row with the source it was read from; update it when a release appears. The vCenter minimum is the
/// driver's own check (pkg/csi/service/common/constants.go: MinSupportedVCenter 6.7.3, compared with
/// about.apiVersion), and CPI's documentation ("CPI is supported for vSphere versions 6.7U3 or later").
/// </summary>
internal static class SupportMatrix
{
    public const string VcenterMin = "6.7.3";

    public static readonly IReadOnlyList<CsiRelease> Csi = new[]
    {
        new CsiRelease("v2.7.0", "1.23", "1.25", VcenterMin, "vmware-tanzu/vsphere-kubernetes-drivers-operator artifacts/compatibility-yaml/compatibility-v0.7.0.yaml (restates VMware's compatibility matrix)"),
        new CsiRelease("v3.3.1", "1.27", "1.30", VcenterMin, "kubernetes-sigs/vsphere-csi-driver release notes v3.3.1, 'Supported Kubernetes Releases'"),
        new CsiRelease("v3.5.0", "1.31", "1.33", VcenterMin, "kubernetes-sigs/vsphere-csi-driver release notes v3.5.0 (adds 1.33); minimum from vsphere-tmm/helm-charts issue #106"),
        new CsiRelease("v3.7.3", "1.33", "1.35", VcenterMin, "vsphere-tmm/helm-charts issue #106 (3.7.0 supports 1.33-1.35); 3.7.1-3.7.3 are patch releases"),
    };

    public static readonly IReadOnlyList<CpiRelease> Cpi = new[]
    {
        new CpiRelease("v1.24", "1.24", "gcr.io/cloud-provider-vsphere/cpi/release/manager:v1.24.2", VcenterMin, CpiSource),
        new CpiRelease("v1.30", "1.30", "registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.30.1", VcenterMin, CpiSource),
        new CpiRelease("v1.32", "1.32", "registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.32.1", VcenterMin, CpiSource),
        new CpiRelease("v1.33", "1.33", "registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.33.0", VcenterMin, CpiSource),
    };

    private const string CpiSource = "kubernetes/cloud-provider-vsphere README 'Compatibility with Kubernetes' (v1.X.Y is for Kubernetes v1.X only) and docs/book/cloud_provider_interface.md (vSphere 6.7U3 or later)";

    /// <summary>The newest CSI release in the table: what a check without a chosen version holds the cluster to.</summary>
    public static CsiRelease LatestCsi => Csi[^1];

    public static CsiRelease? FindCsi(string version)
    {
        var wanted = DriverVersion.Parse(version);
        return wanted is null ? null : Csi.FirstOrDefault(r => DriverVersion.Parse(r.Version) == wanted);
    }

    /// <summary>The CPI release for a Kubernetes minor, or, given a release (v1.30), that one.</summary>
    public static CpiRelease? FindCpi(string versionOrKubernetes)
    {
        var wanted = DriverVersion.Parse(versionOrKubernetes);
        return wanted is null ? null : Cpi.FirstOrDefault(r => DriverVersion.Parse(r.Kubernetes) is { } k && k.Major == wanted.Value.Major && k.Minor == wanted.Value.Minor);
    }

    public static bool Supports(CsiRelease release, DriverVersion kubernetes)
    {
        var min = DriverVersion.Parse(release.KubernetesMin)!.Value;
        var max = DriverVersion.Parse(release.KubernetesMax)!.Value;
        var minor = new DriverVersion(kubernetes.Major, kubernetes.Minor, 0);
        return minor >= min && minor <= max;
    }
}
