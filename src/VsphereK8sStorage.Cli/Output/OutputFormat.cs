namespace VsphereK8sStorage.Cli.Output;

/// <summary>How vk8s prints results: a kubectl-like table (the default), JSON or YAML.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
