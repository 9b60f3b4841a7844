using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Tells the registry, when a document is registered, whether this policy can enforce it exactly: the document is
/// compiled as the data plane will compile it, and every construct it could not check is reported.
/// </summary>
public sealed class SchemaValidationPolicyCheck : IApiPolicyCheck
{
    public IReadOnlyList<string> CheckDocument(string documentJson)
    {
        ApiContractCompiler.Compile(new ApiDocument(Guid.Empty, 0, documentJson, ""), out var problems);
        return problems;
    }
}
