using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The change collides with what is stored (a duplicate code, a lifecycle move that is not allowed). The message is
/// English (the admin API's detail); <see cref="Problem"/> is its id and arguments, for the portal to translate.
/// </summary>
public sealed class RegistryConflictException : Exception
{
    public RegistryConflictException(RegistryMessage message, params (string Name, object? Value)[] arguments)
        : this(RegistryProblem.Of("", message, arguments))
    {
    }

    /// <summary>A conflict named by a portal text key (the portal's own workflows), or a message not yet given an id.</summary>
    public RegistryConflictException(string message)
        : this(RegistryProblem.OfKey("", message))
    {
    }

    private RegistryConflictException(RegistryProblem problem)
        : base(problem.English) => Problem = problem;

    public RegistryProblem Problem { get; }
}
