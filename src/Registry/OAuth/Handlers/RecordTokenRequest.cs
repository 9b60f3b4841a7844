using Microsoft.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using SpbeConnector.Registry.Contracts;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// Every answer of <c>POST /oauth2/token</c>, token or refusal, is appended to the audit log before OpenIddict writes
/// it (Pasal 59 ayat (9) huruf d and e: who obtained access to what, and who tried and failed), with the token's id so
/// that each later exchange can be traced to the issuance of its token. In strict mode no token exists that the log
/// does not know of: a failing append fails the request before the token leaves.
/// </summary>
public sealed partial class RecordTokenRequest(ILogger<RecordTokenRequest> logger) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<RecordTokenRequest>()
        .SetOrder(ApplyRefusalStatus<ApplyTokenResponseContext>.Descriptor.Order + 500) // the status is final; nothing written yet
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var client = context.Transaction.GetClient();
        Dictionary<string, string?> details;
        string outcome;
        if (context.Response.AccessToken is { Length: > 0 } issued)
        {
            // OpenIddict's token, read back unverified: this server has just signed it.
            var token = new JsonWebToken(issued);
            var audiences = string.Join(' ', token.Audiences);
            outcome = "succeeded";
            details = new()
            {
                ["tokenId"] = token.Id,
                ["audiences"] = audiences,
                ["scope"] = context.Response.Scope ?? "",
                ["authMethod"] = client?.Method,
                ["certificateBound"] = token.TryGetPayloadValue<object>("cnf", out _) ? "true" : "false",
            };
            LogIssued(client?.ClientId, client?.Method, token.Id, audiences);
        }
        else
        {
            outcome = "refused";
            details = new() { ["error"] = context.Response.Error };
            if (client is not null)
                LogRefused(client.ClientId, context.Response.Error);
        }
        // The audit log is part of the gateway host; a registry hosted without it (tools, some tests) issues unrecorded.
        if (http.RequestServices.GetService<IAuditTrail>() is not { } audit)
            return;
        await audit.AppendAsync(new AuditEvent(
            "token",
            "issue",
            outcome,
            Actor: client?.ClientId,
            Target: OAuthEndpoints.TokenPath,
            Status: http.Response.StatusCode,
            RequestId: http.TraceIdentifier,
            SourceIp: http.Connection.RemoteIpAddress?.ToString(),
            ClientId: client?.ClientId,
            Details: details), http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token {TokenId} issued to {ClientId} ({Method}) for {Audiences}")]
    private partial void LogIssued(string? clientId, string? method, string tokenId, string audiences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token request of {ClientId} refused: {Error}")]
    private partial void LogRefused(string clientId, string? error);
}
