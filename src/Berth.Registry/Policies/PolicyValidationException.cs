namespace Berth.Registry.Policies;

/// <summary>A namespace policy that cannot be stored; <see cref="Problems"/> lists each reason with the field it concerns.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException(IReadOnlyList<string> problems)
        : base("Invalid policy: " + string.Join("; ", problems)) =>
        Problems = problems;

    public PolicyValidationException()
        : this(["the policy is invalid"])
    {
    }

    public PolicyValidationException(string message)
        : this([message])
    {
    }

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException) =>
        Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
