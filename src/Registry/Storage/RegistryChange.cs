namespace SpbeConnector.Registry.Storage;

/// <summary>
/// What a registry write changes for the data plane, and so which version it bumps and which signal it raises: the
/// routes (what is routed and how) or the access rules (who may call what). A write that changes neither (an API in
/// Draft moving to Submitted, an OPD's name) bumps nothing, so no node reloads anything for it.
/// </summary>
[Flags]
public enum RegistryChange
{
    None = 0,
    Routes = 1,
    Access = 2,
}
