namespace SpbeConnector.Registry.Messages;

/// <summary>
/// One problem with a request: the field it concerns (a path such as <c>upstreamUrls[0]</c>, empty for the request as
/// a whole), the message's id and its arguments. Ids that are not registry messages are the portal's own text keys,
/// which its workflows throw the same way.
/// </summary>
public sealed record RegistryProblem(string Field, string MessageId, IReadOnlyDictionary<string, object?> Arguments)
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    public static RegistryProblem Of(string field, RegistryMessage message, params (string Name, object? Value)[] arguments)
    {
        var given = arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        // A message filled with other arguments than its template names is a programming mistake: refuse it at once.
        if (!given.Keys.Order(StringComparer.Ordinal).SequenceEqual(message.ArgumentNames.Order(StringComparer.Ordinal)))
            throw new ArgumentException($"Message '{message.Id}' takes {{{string.Join("}, {", message.ArgumentNames)}}}, given {{{string.Join("}, {", given.Keys)}}}.", nameof(arguments));
        return new RegistryProblem(field, message.Id, given);
    }

    /// <summary>A problem that is a portal text key, without arguments.</summary>
    public static RegistryProblem OfKey(string field, string key) => new(field, key, NoArguments);

    /// <summary>The registry message this problem is, if it is one.</summary>
    public RegistryMessage? Message => RegistryMessages.Find(MessageId);

    /// <summary>The English text (the admin API's), or the key itself when it is not a registry message.</summary>
    public string English => Message?.Format(Arguments) ?? MessageId;
}
