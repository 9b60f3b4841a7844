using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// An introspection answer lists <c>aud</c> as an array even for one API (RFC 7662 section 2.2 allows either), as
/// this server always has: resource servers written against it read a list.
/// </summary>
public sealed class ListIntrospectedAudiences : IOpenIddictServerHandler<ApplyIntrospectionResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyIntrospectionResponseContext>()
        .UseSingletonHandler<ListIntrospectedAudiences>()
        .SetOrder(int.MinValue + 200_000) // after OpenIddict's NormalizeErrorResponse, before the response is written
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyIntrospectionResponseContext context)
    {
        var single = context.Response.GetParameter(OpenIddictConstants.Claims.Audience)?.GetRawValue() switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        };
        if (single is not null)
            context.Response.SetParameter(OpenIddictConstants.Claims.Audience, JsonSerializer.SerializeToElement(new[] { single }));
        return default;
    }
}
