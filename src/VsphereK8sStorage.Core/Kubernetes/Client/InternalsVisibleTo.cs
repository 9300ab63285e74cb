using System.Runtime.CompilerServices;

// The integration tests drive the client adapter directly; its members speak KubernetesClient's types, which
// must not become public (the module loads KubernetesClient in its own context, see ModuleInitializer).
[assembly: InternalsVisibleTo("VsphereK8sStorage.Kubernetes.Tests")]
[assembly: InternalsVisibleTo("VsphereK8sStorage.Kubernetes.Benchmark")]
