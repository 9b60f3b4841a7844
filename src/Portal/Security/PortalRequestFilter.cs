using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SpbeConnector.Portal.Components;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Runs before every portal page: browser security headers, the anti-forgery check on every form post (a post without
/// the token of this user's session is refused and changes nothing), and the password change the user owes before
/// anything else (after an administrator's reset or at expiry: Pasal 59 ayat (4) huruf c and e), then the second factor
/// a person of an administering role owes (<see cref="SecondFactorRule"/>).
/// </summary>
public sealed class PortalRequestFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string PasswordPath = "/portal/kata-sandi";
    private const string StaticPath = "/portal/static";
    private const string SignOutPath = "/portal/keluar";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        // Everything the portal shows comes from the product itself (no CDN), so the policy can be this strict.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        // Pages open to everyone (sign-in, the language switch) still know a signed-in user: the anti-forgery token
        // of a form is bound to the user it was shown to, so without this a signed-in user's language switch was refused.
        if (http.User.Identity?.IsAuthenticated != true && await http.AuthenticateAsync(PortalSessionDefaults.Scheme) is { Succeeded: true } session)
            http.User = session.Principal;

        if (HttpMethods.IsPost(http.Request.Method))
        {
            var limit = ApplyUploadLimit(http);
            if (http.Request.ContentLength > limit)
                return TooLarge(http, limit);
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException ex) when (IsBodyTooLarge(ex))
            {
                // The form could not be read to its end: the token is not the problem, the size is.
                return TooLarge(http, limit);
            }
            catch (AntiforgeryValidationException)
            {
                var page = new PortalPage(http);
                return PortalView.Of<MessagePage>(new MessagePageModel(page.T["csrf.title"], page.T["csrf.explain"], "/portal", page.T["csrf.back"]),
                    StatusCodes.Status400BadRequest);
            }
        }

        var user = PortalPrincipal.From(http.User);
        var path = http.Request.Path;
        if (user is null || path.StartsWithSegments(StaticPath) || path.StartsWithSegments(SignOutPath))
            return await next(context);
        if (user.MustChangePassword && !path.StartsWithSegments(PasswordPath))
            return Results.Redirect(PasswordPath);
        // A person whose role needs a second factor acts only once this session has one (SecondFactorRule).
        if (!user.MustChangePassword && !SecondFactorRule.IsSatisfied(http.User) && !path.StartsWithSegments(SecondFactorRule.EnrolmentPath)
            && !path.StartsWithSegments(PasswordPath))
            return Results.Redirect($"{SecondFactorRule.EnrolmentPath}?ReturnUrl={Uri.EscapeDataString(Accounts.Pages.AccountPages.SafeReturn(path + http.Request.QueryString))}");
        return await next(context);
    }

    /// <summary>The body limit of this request: a form with a file (<see cref="UploadRequestLimit"/>) gets its own before anything reads the body.</summary>
    private static long? ApplyUploadLimit(HttpContext http)
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (http.GetEndpoint()?.Metadata.GetMetadata<UploadRequestLimit>() is { } upload && feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = upload.MaxRequestBodySize;
        return feature?.MaxRequestBodySize;
    }

    private static bool IsBodyTooLarge(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
                return true;
        }
        return false;
    }

    /// <summary>A request over the size limit, said as such (413) in the portal's language; nothing was read or changed.</summary>
    private static IResult TooLarge(HttpContext http, long? limit)
    {
        var page = new PortalPage(http);
        var t = page.T;
        var mebibytes = (limit ?? 0) / (1024 * 1024);
        var back = FormPage(http);
        return PortalView.Of<MessagePage>(new MessagePageModel(t["upload.tooLargeTitle"], t.Format("upload.tooLarge", mebibytes), back, t["upload.back"], Refused: true, Id: "too-large"),
            StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>Back to the page the form was on (the referrer, a portal path only), else the start page.</summary>
    private static string FormPage(HttpContext http) =>
        Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer) ? Accounts.Pages.AccountPages.SafeReturn(referrer.PathAndQuery) : "/portal";
}
