using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Appends every change made through the admin API to the audit log (Pasal 59 ayat (9) huruf d; ayat (6) huruf c: the
/// administrator side is controlled): who, which operation, on what, with which result. Reads are not recorded. In
/// strict mode the record is durable before the administrator gets the answer. The actor is the person or the management
/// client by name (<see cref="AdministrativeActor"/>).
/// </summary>
public sealed class AdminAuditFilter(IAuditTrail audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            return await next(context);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            var status = ex switch
            {
                RegistryValidationException => StatusCodes.Status400BadRequest,
                RegistryConflictException or Approvals.ApprovalRequiredException => StatusCodes.Status409Conflict,
                Approvals.ApprovalRefusedException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status500InternalServerError,
            };
            await AppendAsync(http, status);
            throw;
        }
        await AppendAsync(http, StatusOf(result));
        return result;
    }

    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        _ => StatusCodes.Status200OK,
    };

    private async Task AppendAsync(HttpContext http, int status)
    {
        var endpoint = http.GetEndpoint();
        var target = string.Join(",", http.Request.RouteValues.Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}"));
        await audit.AppendAsync(new AuditEvent(
            "admin",
            endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Method,
            status < 400 ? "succeeded" : status < 500 ? "refused" : "failed",
            Actor: AdministrativeActor.Of(http.User),
            Target: target.Length == 0 ? http.Request.Path.Value : target,
            Status: status,
            RequestId: http.TraceIdentifier,
            SourceIp: http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
    }
}
