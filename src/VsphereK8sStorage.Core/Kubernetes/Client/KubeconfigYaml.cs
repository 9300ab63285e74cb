using k8s.KubeConfigModels;
#if KUBERNETES_AOT
using System.Text;
using k8s;
#else
using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
#endif

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// Reads one kubeconfig's text into KubernetesClient's kubeconfig model, as KubernetesClientConfiguration.LoadKubeConfig
/// reads it. Fails with YamlDotNet's YamlException (with a position) on text that is not YAML or not that shape.
/// </summary>
internal static class KubeconfigYaml
{
#if KUBERNETES_AOT
    // KubernetesClient.Aot reads the model through a source-generated context: nothing to start up.
    public static K8SConfiguration? Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return KubernetesClientConfiguration.LoadKubeConfig(stream);
    }
#else
    // LoadKubeConfig goes through KubernetesYaml, whose first use builds a deserializer and a serializer over every
    // Kubernetes model: in a pwsh session that made the first live command spend about 550 ms reading a 20-line file.
    // This deserializer has the settings of KubernetesYaml's that reach the kubeconfig types (camelCase names under the
    // models' own aliases, unquoted scalars into object-typed values as YAML types, unknown keys ignored, merge keys),
    // and starts in about 75 ms. KubeconfigYamlTests holds the two to the same result.
    private static readonly Lazy<IDeserializer> Deserializer = new(Build);

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    private static IDeserializer Build() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    public static K8SConfiguration? Read(string text) =>
        Deserializer.Value.Deserialize<K8SConfiguration?>(new MergingParser(new Parser(new StringReader(text))));
#endif
}
