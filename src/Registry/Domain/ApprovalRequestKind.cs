namespace SpbeConnector.Registry.Domain;

/// <summary>What an <see cref="ApprovalRequest"/> asks for.</summary>
public enum ApprovalRequestKind
{
    /// <summary>That a draft API be approved for publication.</summary>
    Publication,
    /// <summary>That a change to a live API take effect.</summary>
    Change,
}
