using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Operations.Kubernetes;
using VsphereK8sStorage.Tests.TestSupport;
using Xunit;

namespace VsphereK8sStorage.Tests.Operations;

/// <summary>
/// Get-PvcBinding with a StatefulSet: the claims its volumeClaimTemplates would create are named, ordered and
/// filled in as the StatefulSet controller does, existing claims are reused, and all are planned with the rest.
/// </summary>
public sealed class StatefulSetPreviewTests
{
    private const string Volumes = """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-a, labels: {tier: fast}}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /a}}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-b, labels: {tier: fast}}
        spec: {capacity: {storage: 2Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /b}}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-slow, labels: {tier: slow}}
        spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /s}}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local}
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: WaitForFirstConsumer
        ---

        """;

    private static string Set(string name = "web", string ns = "shop", string replicas = "3", string templates = DataTemplate, string extra = "") => $$$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          replicas: {{{replicas}}}
          serviceName: {{{name}}}
          selector: {matchLabels: {app: {{{name}}}}}
          {{{extra}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {containers: [{name: c, image: nginx}]}
          volumeClaimTemplates:
        {{{templates}}}
        ---

        """;

    private const string DataTemplate = """
          - metadata: {name: data, labels: {role: db}, annotations: {note: kept}}
            spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 1Gi}}, selector: {matchLabels: {tier: fast}}}
        """;

    private const string LogsTemplate = """
          - metadata: {name: logs}
            spec: {accessModes: [ReadWriteOnce], storageClassName: local, volumeMode: Block, resources: {requests: {storage: 1Gi}}}
        """;

    private static string Claim(string name, string ns = "shop") => $$$"""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 2Gi} } }
        ---

        """;

    public sealed record PreviewCase(string Name, string Manifests, int? Replicas, string[] Previewed, string[] Existing, (string Claim, ReasonCode Code, string? Volume)[] Outcomes)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<PreviewCase> PreviewCases => new()
    {
        new("three replicas get data-web-0..2; the selector leaves the third none, and no class \"manual\" to provision one",
            Volumes + Set(), 3,
            new[] { "shop/data-web-0", "shop/data-web-1", "shop/data-web-2" }, Array.Empty<string>(),
            new[] { ("shop/data-web-0", ReasonCode.BestMatch, (string?)"pv-a"), ("shop/data-web-1", ReasonCode.BestMatch, "pv-b"), ("shop/data-web-2", ReasonCode.ClassNotFound, null) }),
        new("replicas default to the set's spec.replicas",
            Volumes + Set(replicas: "2"), null,
            new[] { "shop/data-web-0", "shop/data-web-1" }, Array.Empty<string>(),
            new[] { ("shop/data-web-0", ReasonCode.BestMatch, (string?)"pv-a"), ("shop/data-web-1", ReasonCode.BestMatch, "pv-b") }),
        new("zero replicas add no claim",
            Volumes + Set(), 0, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<(string, ReasonCode, string?)>()),
        new("an existing claim of the stamped name is reused, not previewed, and takes its volume first",
            Volumes + Claim("data-web-0") + Set(), 2,
            new[] { "shop/data-web-1" }, new[] { "shop/data-web-0" },
            new[] { ("shop/data-web-0", ReasonCode.BestMatch, (string?)"pv-b"), ("shop/data-web-1", ReasonCode.BestMatch, "pv-a") }),
        new("a claim of that name in another namespace is not the set's",
            Volumes + Claim("data-web-0", ns: "other") + Set(), 1,
            new[] { "shop/data-web-0" }, new[] { "other/data-web-0" },
            Array.Empty<(string, ReasonCode, string?)>()),
        new("two templates: one claim of each per replica; WaitForFirstConsumer class waits",
            Volumes + Set(templates: DataTemplate + "\n" + LogsTemplate), 2,
            new[] { "shop/data-web-0", "shop/logs-web-0", "shop/data-web-1", "shop/logs-web-1" }, Array.Empty<string>(),
            new[] { ("shop/logs-web-0", ReasonCode.WaitForFirstConsumer, (string?)null), ("shop/logs-web-1", ReasonCode.WaitForFirstConsumer, null) }),
        new("ordinals.start shifts the names",
            Volumes + Set(extra: "ordinals: {start: 5}"), 2,
            new[] { "shop/data-web-5", "shop/data-web-6" }, Array.Empty<string>(),
            Array.Empty<(string, ReasonCode, string?)>()),
    };

    [Theory]
    [MemberData(nameof(PreviewCases))]
    public async Task Previews_the_claims_the_controller_would_create(PreviewCase c)
    {
        var plan = (await Run(c.Manifests, new GetPvcBindingRequest { Source = null!, StatefulSet = "web", Replicas = c.Replicas })).Plan;

        Assert.Equal(c.Previewed.Order(StringComparer.Ordinal), plan.Claims.Where(b => b.Preview).Select(b => b.Claim).Order(StringComparer.Ordinal));
        foreach (var existing in c.Existing)
        {
            Assert.False(plan.Claims.Single(b => b.Claim == existing).Preview);
        }

        foreach (var (claim, code, volume) in c.Outcomes)
        {
            var binding = plan.Claims.Single(b => b.Claim == claim);
            Assert.Equal((code, volume), (binding.ReasonCode, binding.Volume));
        }
    }

    [Fact]
    public void Claims_come_in_ordinal_order_each_ordinal_with_its_templates_in_listed_order()
    {
        var set = ReadSet(Volumes + Set(templates: DataTemplate + "\n" + LogsTemplate));

        var claims = StatefulSetClaims.Expand(set, 3, Array.Empty<PersistentVolumeClaim>());

        Assert.Equal(
            new[] { "data-web-0", "logs-web-0", "data-web-1", "logs-web-1", "data-web-2", "logs-web-2" },
            claims.Select(c => c.Name));
    }

    [Fact]
    public void Each_claim_carries_the_template_spec_and_labels_with_the_set_selector_added()
    {
        var set = ReadSet(Volumes + Set(templates: DataTemplate + "\n" + LogsTemplate));

        var claims = StatefulSetClaims.Expand(set, 1, Array.Empty<PersistentVolumeClaim>());

        var data = claims[0];
        Assert.Equal(("shop", "manual", AccessModes.ReadWriteOnce, "1Gi", VolumeMode.Filesystem), (data.Namespace, data.StorageClassName, data.AccessModes, data.Request.ToString(), data.EffectiveVolumeMode));
        Assert.NotNull(data.Selector);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "db", ["app"] = "web" }, data.Metadata.Labels);
        Assert.Equal("kept", data.Metadata.Annotation("note"));
        Assert.Null(data.Metadata.Uid);

        var logs = claims[1];
        Assert.Equal(("local", VolumeMode.Block), (logs.StorageClassName, logs.EffectiveVolumeMode));
        Assert.Null(logs.Selector);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, logs.Metadata.Labels);
    }

    public sealed record RefusalCase(string Name, string Manifests, string? StatefulSet, int? Replicas, string? Namespace, string ErrorId)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<RefusalCase> RefusalCases => new()
    {
        new("no StatefulSet of that name", Volumes + Set(), "db", 1, null, "StatefulSetNotFound"),
        new("the set is in another namespace than asked", Volumes + Set(), "web", 1, "default", "StatefulSetNotFound"),
        new("a name in two namespaces without a namespace", Volumes + Set() + Set(ns: "lab"), "web", 1, null, "StatefulSetAmbiguous"),
        new("no volumeClaimTemplates", Volumes + Set(templates: "    []"), "web", 1, null, "StatefulSetHasNoClaimTemplates"),
        new("negative replicas", Volumes + Set(), "web", -1, null, "ReplicasInvalid"),
        new("absurdly many replicas", Volumes + Set(), "web", StatefulSetClaims.MaxReplicas + 1, null, "ReplicasTooMany"),
        new("replicas without a StatefulSet", Volumes + Set(), null, 2, null, "ReplicasWithoutStatefulSet"),
        new("a StatefulSet name Kubernetes refuses", Volumes + Set(), "Web_1", 1, null, "StatefulSetNameInvalid"),
        new("a template that makes no valid claim",
            Volumes + Set(templates: "      - metadata: {name: data}\n        spec: {accessModes: [ReadWriteOnce]}"), "web", 1, null, "StatefulSetClaimTemplateInvalid"),
    };

    [Theory]
    [MemberData(nameof(RefusalCases))]
    public async Task Bad_input_is_one_typed_error_naming_the_parameter_by_token(RefusalCase c)
    {
        var error = await Assert.ThrowsAnyAsync<VsphereK8sException>(() => Run(c.Manifests, new GetPvcBindingRequest { Source = null!, StatefulSet = c.StatefulSet, Replicas = c.Replicas, Namespace = c.Namespace }));

        Assert.Equal(c.ErrorId, error.ErrorId);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_StatefulSet_whose_template_is_broken_does_not_fail_a_plan_that_does_not_preview_it()
    {
        var manifests = Volumes + Claim("other") + Set(templates: "      - metadata: {name: data}\n        spec: {accessModes: [ReadWriteOnce]}");

        var result = await Run(manifests, new GetPvcBindingRequest { Source = null! });

        Assert.Null(result.InputFailure);
        Assert.Equal("shop/other", Assert.Single(result.Plan.Claims).Claim);
        Assert.DoesNotContain(result.Plan.Claims, b => b.Preview);
    }

    private static StatefulSet ReadSet(string manifests)
    {
        var path = Write(manifests);
        try
        {
            var snapshot = ClusterSourceSpec.Manifests(new[] { path }).Open().ReadAsync(new RecordingHost(), CancellationToken.None).GetAwaiter().GetResult();
            Assert.Null(snapshot.ReadFailure?.Message);
            return Assert.Single(snapshot.StatefulSets);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<GetPvcBindingResult> Run(string manifests, GetPvcBindingRequest request)
    {
        var path = Write(manifests);
        try
        {
            return await GetPvcBinding.RunAsync(request with { Source = ClusterSourceSpec.Manifests(new[] { path }) }, new RecordingHost(), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Write(string manifests)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sts-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, manifests);
        return path;
    }
}
