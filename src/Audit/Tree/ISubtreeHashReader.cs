namespace SpbeConnector.Audit.Tree;

/// <summary>Reads the hash of a perfect subtree of the log's tree (2^level leaves starting at index × 2^level).</summary>
public interface ISubtreeHashReader
{
    ValueTask<byte[]> GetSubtreeHashAsync(int level, long index, CancellationToken cancellationToken);
}
