// YARP with no policies, as its documentation sets it up: the engine alone, for comparison with gateway_bare.
//   YarpMinimal --urls https://127.0.0.1:PORT --cert CERT.pem --key KEY.pem --upstream http://127.0.0.1:PORT
//               --prefix /bench/echo/v1
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

string Arg(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");

var pem = X509Certificate2.CreateFromPemFile(Arg("--cert"), Arg("--key"));
var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.ConfigureHttpsDefaults(https =>
    {
        https.ServerCertificate = certificate;
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
    });
});
var route = new RouteConfig
{
    RouteId = "echo",
    ClusterId = "upstream",
    Match = new RouteMatch { Path = Arg("--prefix") + "/{**rest}" },
}.WithTransformPathRouteValues("/{**rest}");
var cluster = new ClusterConfig
{
    ClusterId = "upstream",
    Destinations = new Dictionary<string, DestinationConfig> { ["u0"] = new() { Address = Arg("--upstream") } },
};
builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
