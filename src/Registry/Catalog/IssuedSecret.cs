namespace SpbeConnector.Registry.Catalog;

/// <summary>A newly issued client secret: the only moment its value exists outside the client.</summary>
public sealed record IssuedSecret(string ClientId, Guid SecretId, string Secret, DateTimeOffset CreatedAt);
