using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;

namespace VsphereK8sStorage.Tests.Operations;

/// <summary>The operation both hosts call: it reads through any cluster source, reports progress and forwards warnings.</summary>
public sealed class GetPvcBindingTests
{
    [Fact]
    public async Task Plans_whatever_the_cluster_source_reads()
    {
        var source = ClusterSourceSpec.InMemory(Cluster(new[] { Pv("small", "1Gi"), Pv("fits", "5Gi") }, new[] { Pvc("data", "2Gi", storageClass: "") }), "an in-memory cluster");
        var host = new RecordingHost();

        var plan = (await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source }, host, CancellationToken.None)).Plan;

        var binding = Assert.Single(plan.Claims);
        Assert.Equal(("default/data", ClaimPhase.Bound, "fits"), (binding.Claim, binding.Phase, binding.Volume));
        Assert.StartsWith("Reading an in-memory cluster", host.Progress.First().Status);
        Assert.True(host.Progress.Last().Completed);
    }

    [Fact]
    public async Task Plan_warnings_reach_the_host()
    {
        var classes = new[] { Class("gold", isDefault: true), Class("silver", isDefault: true) };
        var host = new RecordingHost();

        var plan = (await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = ClusterSourceSpec.InMemory(Cluster(classes: classes)) }, host, CancellationToken.None)).Plan;

        var warning = Assert.Single(host.Warnings);
        Assert.Equal(plan.Warnings.Single(), warning);
        Assert.Contains("2 StorageClasses are marked default", warning);
    }

    public sealed record VersionCase(string Name, string? Asked, string ExpectedMessageStart, string? Warning)
    {
        public override string ToString() => Name;
    }

    private const string V120Text = "waiting for a volume to be created, either by external provisioner";
    private const string CurrentText = "Waiting for a volume to be created either by the external provisioner";

    public static TheoryData<VersionCase> VersionCases => new()
    {
        new("manifests follow current Kubernetes by default", null, CurrentText, null),
        new("1.20 as major.minor", "1.20", V120Text, null),
        new("v1.20.2 as the API server reports it", "v1.20.2", V120Text, null),
        new("a vendor build suffix", "1.20.15-eks-1a2b3c", V120Text, null),
        new("1.28, where the event was reworded", "1.28", CurrentText, null),
        new("newer than modelled plans as 1.32 and says so", "1.40", CurrentText, "newer than the releases the plan models"),
    };

    [Theory]
    [MemberData(nameof(VersionCases))]
    public async Task KubernetesVersion_chooses_the_release_the_plan_follows(VersionCase c)
    {
        var source = ClusterSourceSpec.InMemory(Cluster(claims: new[] { Pvc("data", "1Gi", storageClass: "csi") }, classes: new[] { Class("csi") }));
        var host = new RecordingHost();

        var binding = (await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source, KubernetesVersion = c.Asked }, host, CancellationToken.None)).Plan.Claims.Single();

        Assert.Equal(ReasonCode.ExternalProvisioning, binding.ReasonCode);
        Assert.StartsWith(c.ExpectedMessageStart, binding.Event!.Message, StringComparison.Ordinal);
        if (c.Warning is null)
        {
            Assert.Empty(host.Warnings);
        }
        else
        {
            Assert.Contains(host.Warnings, w => w.Contains(c.Warning, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("too old", "1.19", "KubernetesVersionUnsupported", "older than the releases the plan models (1.20 to 1.32)")]
    [InlineData("not a version", "latest", "KubernetesVersionInvalid", "'latest' is not a Kubernetes version")]
    [InlineData("major only", "1", "KubernetesVersionInvalid", "write major.minor")]
    [InlineData("digits of another script", "\u0661.\u0662\u0660", "KubernetesVersionInvalid", "is not a Kubernetes version")]
    [InlineData("huge input is cut in the message", "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20", "KubernetesVersionInvalid", "…' is not a Kubernetes version")]
    public async Task A_bad_KubernetesVersion_is_refused_before_anything_is_read(string name, string asked, string errorId, string message)
    {
        var opened = 0;
        var manifests = ClusterSourceSpec.Manifests(new[] { "-" }, standardInput: () => { opened++; return new StringReader(string.Empty); });

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = manifests, KubernetesVersion = asked }, new RecordingHost(), CancellationToken.None));

        Assert.True(errorId == error.ErrorId, name);
        Assert.Equal("KubernetesVersion", error.ParameterName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task A_cancelled_run_reads_no_manifests_and_plans_nothing()
    {
        var opened = 0;
        var manifests = ClusterSourceSpec.Manifests(new[] { "-" }, standardInput: () => { opened++; return new StringReader(string.Empty); });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = manifests }, new RecordingHost(), cancelled.Token));
        Assert.Equal(0, opened);
    }

    [Theory]
    [InlineData("one file", "manifests in a.yaml", "a.yaml")]
    [InlineData("standard input", "manifests from standard input", "-")]
    [InlineData("several paths", "manifests in 3 paths", "a.yaml", "-", "dir")]
    public void Manifest_sources_describe_themselves_for_progress(string name, string description, params string[] paths)
    {
        Assert.True(description == ClusterSourceSpec.Manifests(paths).Description, name);
    }

    [Fact]
    public async Task Standard_input_is_read_where_the_dash_stands_among_the_paths()
    {
        var folder = Directory.CreateTempSubdirectory("vk8s-spec-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "pv.yaml"), "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: fits}\nspec: {capacity: {storage: 5Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /a}}\n");
            const string claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {storageClassName: '', accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}\n";
            var source = ClusterSourceSpec.Manifests(new[] { folder, "-" }, standardInput: () => new StringReader(claim));

            var plan = (await GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source }, new RecordingHost(), CancellationToken.None)).Plan;

            Assert.Equal(("default/data", "fits"), (plan.Claims.Single().Claim, plan.Claims.Single().Volume));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("dash twice", "StandardInputTwice", ErrorKind.InvalidArgument, "standard input can be read only once", true, "-", "-")]
    [InlineData("dash without standard input", "StandardInputUnavailable", ErrorKind.InvalidArgument, "this host does not offer", false, "-")]
    [InlineData("missing path", "PathNotFound", ErrorKind.ObjectNotFound, "Cannot find path '/no/such/place.yaml'", true, "/no/such/place.yaml")]
    public async Task Paths_the_core_cannot_read_are_errors_naming_the_path(string name, string errorId, ErrorKind kind, string message, bool hasStandardInput, params string[] paths)
    {
        var source = ClusterSourceSpec.Manifests(paths, standardInput: hasStandardInput ? () => new StringReader(string.Empty) : null);

        var error = await Assert.ThrowsAnyAsync<VsphereK8sException>(() => GetPvcBinding.RunAsync(new GetPvcBindingRequest { Source = source }, new RecordingHost(), CancellationToken.None));

        Assert.True(errorId == error.ErrorId, $"{name}: {error.ErrorId}");
        Assert.True(kind == error.Kind, $"{name}: {error.Kind}");
        Assert.Equal(paths[^1], error.Target);
        Assert.Contains(message, error.Message);
    }
}
