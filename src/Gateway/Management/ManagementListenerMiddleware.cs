namespace SpbeConnector.Gateway.Management;

/// <summary>
/// With <c>Gateway:ManagementUrls</c> set: a management path asked on a public listener is answered 404, as if it did
/// not exist there (the public side does not even show that it is served elsewhere); the management listener serves
/// only management paths and what a person or an automation needs beside them (sign-in, tokens, health), never the
/// catalog's APIs. Unset: one listener serves everything, as before.
/// </summary>
public sealed class ManagementListenerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var onManagementListener = http.Features.Get<ManagementConnection>() is not null;
        var path = http.Request.Path;
        if (onManagementListener ? !ManagementPaths.IsServedOnManagementListener(path) : ManagementPaths.IsManagement(path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
