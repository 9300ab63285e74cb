using System;
using System.Collections.Generic;
using System.Linq;
using VsphereK8sStorage.Binding;
using VsphereK8sStorage.Kubernetes;
using Xunit;
using static VsphereK8sStorage.Tests.TestSupport.Objects;
using static VsphereK8sStorage.Tests.TestSupport.PlanAssertions;

namespace VsphereK8sStorage.Tests.Binding;

/// <summary>
/// Every Pending claim is explained from the final plan, as the controller sees it on the claim's next
/// sync: a claim whose requested volume a later claim took is told "already bound to a different claim"
/// (and by whom) first, with the mismatch as a further reason; a search that found nothing names the
/// later claims that hold the volumes it came closest to.
/// </summary>
public sealed class FinalPlanExplanationTests
{
    public sealed record Case(
        string Name,
        PersistentVolume[] Volumes,
        PersistentVolumeClaim[] Claims,
        string Claim,
        ReasonCode Code,
        string? EventMessage,
        string[] ReasonParts)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<object[]> Cases() => new Case[]
    {
        new("a requested volume too small for the claim, then taken by a later claim",
            new[] { Pv("pv-12", "1Gi") },
            new[] { (Pvc("named", "5Gi") with { VolumeName = "pv-12" }).Created(1), Pvc("later", "1Gi").Created(2) },
            "named",
            ReasonCode.AlreadyBound,
            "volume \"pv-12\" already bound to a different claim.",
            new[] { "already bound to a different claim: this plan binds it to default/later", "it would not satisfy the claim anyway: it is too small" }),
        new("a requested volume of the wrong volume mode, then taken by a later claim",
            new[] { Pv("pv-12", "1Gi") },
            new[] { (Pvc("named", "1Gi") with { VolumeName = "pv-12", VolumeMode = VolumeMode.Block }).Created(1), Pvc("later", "1Gi").Created(2) },
            "named",
            ReasonCode.AlreadyBound,
            "volume \"pv-12\" already bound to a different claim.",
            new[] { "this plan binds it to default/later", "its volumeMode does not match: Filesystem ≠ Block" }),
        new("a requested volume bound in the input to another claim, which would not fit anyway",
            new[] { Pv("pv-12", "1Gi").ReservedFor("owner") },
            new[] { (Pvc("named", "5Gi") with { VolumeName = "pv-12" }).Created(1) },
            "named",
            ReasonCode.AlreadyBound,
            "volume \"pv-12\" already bound to a different claim.",
            new[] { "already bound to a different claim (default/owner)", "it is too small" }),
        new("a requested volume nobody takes stays a mismatch",
            new[] { Pv("pv-12", "1Gi"), Pv("other", "9Gi") },
            new[] { (Pvc("named", "5Gi") with { VolumeName = "pv-12" }).Created(1), Pvc("later", "2Gi").Created(2) },
            "named",
            ReasonCode.VolumeMismatch,
            "Cannot bind to requested volume \"pv-12\": requested PV is too small",
            new[] { "cannot bind to requested volume pv-12: it is too small" }),
        new("a search that found nothing names the later claim holding the closest volume",
            new[] { Pv("pv-1", "1Gi") },
            new[] { Pvc("big", "2Gi").Created(1), Pvc("small", "1Gi").Created(2) },
            "big",
            ReasonCode.NoMatchingVolume,
            "no persistent volumes available for this claim and no storage class is set",
            new[] { "closest: pv-1 (bound in this plan to default/small, capacity 1Gi < requested 2Gi)" }),
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pending_claims_are_explained_from_the_final_plan(Case c)
    {
        var binding = PlanBoth(Cluster(c.Volumes, c.Claims)).For(c.Claim);

        Assert.True(
            binding.Phase == ClaimPhase.Pending && binding.ReasonCode == c.Code && binding.Event?.Message == c.EventMessage
                && c.ReasonParts.All(part => binding.Reason.Contains(part, StringComparison.Ordinal)),
            $"{c.Name}: expected Pending {c.Code} [{c.EventMessage}] with '{string.Join("', '", c.ReasonParts)}', got {binding.Phase} {binding.ReasonCode} [{binding.Event?.Message}]: {binding.Reason}");
    }

    [Fact]
    public void The_taken_reason_comes_before_the_mismatch()
    {
        var binding = PlanBoth(Cluster(
            new[] { Pv("pv-12", "1Gi") },
            new[] { (Pvc("named", "5Gi") with { VolumeName = "pv-12" }).Created(1), Pvc("later", "1Gi").Created(2) })).For("named");

        Assert.True(binding.Reason.IndexOf("already bound", StringComparison.Ordinal) < binding.Reason.IndexOf("too small", StringComparison.Ordinal), binding.Reason);
        Assert.Equal(EventType.Warning, binding.Event!.Type);
        Assert.Equal("FailedBinding", binding.Event.Reason);
    }
}
