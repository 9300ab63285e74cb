using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// On a string parameter that names something: a result of a type in <see cref="Takes"/> becomes its name (its
/// ToString(), or <see cref="Property"/>); a result of a type in <see cref="Leaves"/> is left for another parameter
/// of the same command that binds it; any other result of this module is refused with the core's message naming the
/// input and the fix. Strings and objects of other modules bind as PowerShell binds them.
/// </summary>
/// <remarks>
/// PowerShell offers a piped object to every pipeline parameter (by value, by property name, then by value again
/// converting it), and a transformation that throws stops the binding of that object, so a type that another
/// parameter of the command takes must be in <see cref="Leaves"/>. A left object is wrapped so that PowerShell's
/// later by-value attempt cannot turn it into text: it stays unbound, or the refusal is the error.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ObjectNameAttribute : ArgumentTransformationAttribute
{
    [ThreadStatic]
    private static int refusals;

    private readonly string parameter;

    public ObjectNameAttribute(string parameter, params Type[] takes)
    {
        this.parameter = parameter;
        Takes = takes;
    }

    /// <summary>How many objects were refused on this thread (a pipeline runs on one); see VsphereK8sCmdlet.InputWasRefused.</summary>
    public static int Refusals => refusals;

    public IReadOnlyList<Type> Takes { get; }

    public Type[] Leaves { get; set; } = Array.Empty<Type>();

    /// <summary>The property of a taken object to use instead of its name (ToString()), such as a VM's exact inventory Path.</summary>
    public string? Property { get; set; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is object[] many)
        {
            return many.Select(item => Name(item is PSObject p ? p.BaseObject : item, item)).ToArray();
        }

        return value is null ? inputData : Name(value, inputData);
    }

    private object? Name(object? value, object? original)
    {
        if (value is null || value is string || !ObjectArgument.IsResult(value))
        {
            return original;
        }

        var type = value.GetType();
        if (Takes.Contains(type))
        {
            return Property is null ? value.ToString() : type.GetProperty(Property)?.GetValue(value)?.ToString() ?? value.ToString();
        }

        var refusal = ObjectArgument.Refusal(parameter, value, Takes.ToList());
        if (Leaves.Contains(type))
        {
            return new LeftForAnotherParameter(refusal.Message);
        }

        refusals++;
        throw new ArgumentTransformationMetadataException(refusal.Message, refusal);
    }

    /// <summary>An object another parameter binds: not a string, and it refuses to become one.</summary>
    private sealed class LeftForAnotherParameter
    {
        private readonly string refusal;

        public LeftForAnotherParameter(string refusal) => this.refusal = refusal;

        public override string ToString()
        {
            refusals++;
            throw new ArgumentTransformationMetadataException(refusal);
        }
    }
}
