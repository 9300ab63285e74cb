using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// The test classes that install, uninstall or -WhatIf the CPI and CSI drivers: they share one cluster and the
/// drivers' fixed namespaces and labels (an uninstall removes whatever an install labelled), so they run one at a
/// time, with the classes that add control-plane nodes (an install sets the controller's replicas to their count,
/// so a node added between two runs makes the second report the Deployment Configured); every other class still
/// runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DriverRolloutCollection
{
    public const string Name = "Driver rollout on the shared cluster";
}
