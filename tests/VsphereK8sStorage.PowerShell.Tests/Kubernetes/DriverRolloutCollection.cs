using Xunit;

namespace VsphereK8sStorage.PowerShell.Tests.Kubernetes;

/// <summary>
/// The test classes that install, uninstall or -WhatIf the CPI and CSI drivers: they share one cluster and the
/// drivers' fixed namespaces and labels (an uninstall removes whatever an install labelled), so they run one at a
/// time; every other class still runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DriverRolloutCollection
{
    public const string Name = "Driver rollout on the shared cluster";
}
