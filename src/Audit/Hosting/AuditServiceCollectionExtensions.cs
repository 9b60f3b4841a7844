using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Api;
using SpbeConnector.Audit.Archive;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Documents;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Time;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Hosting;

public static class AuditServiceCollectionExtensions
{
    public const string TimestampAuthorityClient = "audit-timestamp-authority";

    /// <summary>
    /// Adds the audit log (its own SQLite store under <c>{data}/audit</c>), its keys, receipts, the durability gate,
    /// and the <see cref="IAuditTrail"/> the control plane appends to. Who reads the audit API (a person with the
    /// auditor role or a management client with <c>spbe.audit</c>) is the host's policy <see cref="AuditApiDefaults.Policy"/>.
    /// </summary>
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new AuditPaths(sp.GetRequiredService<IOptions<AuditOptions>>().Value, dataDirectory));
        services.AddSingleton<IAuditStore>(sp => CreateStore(sp.GetRequiredService<IOptions<AuditOptions>>().Value, configuration, sp.GetRequiredService<AuditPaths>()));
        services.AddSingleton(sp => AuditKeys.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<AuditPaths>().Keys, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuditClock>();
        services.AddSingleton<ControlEventRecord>();
        services.AddSingleton<SensitiveValueRedactor>();
        services.AddSingleton<ReceiptSigner>();
        services.AddSingleton<TreeHeadSigner>();
        services.AddSingleton<DocumentSigner>();
        services.AddHttpClient(TimestampAuthorityClient);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CheckpointTimestamper>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(TimestampAuthorityClient)));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddExceptionHandler<AuditUnavailableHandler>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AuditOutbox>(sp, dataDirectory));
        services.AddSingleton<AuditArchiver>();
        services.AddHostedService<AuditRetentionService>();
        return services;
    }

    /// <summary>SQLite under the audit directory, or this node's schema on PostgreSQL (Pasal 59 ayat (9) huruf e either way).</summary>
    private static IAuditStore CreateStore(AuditOptions options, IConfiguration configuration, AuditPaths paths)
    {
        if (options.Store != AuditStoreProvider.PostgreSql)
            return new SqliteAuditStore(paths.Store);
        var connection = configuration.GetConnectionString("Audit") is { Length: > 0 } audit ? audit
            : configuration.GetConnectionString("Registry") is { Length: > 0 } registry ? registry
            : throw new InvalidOperationException("Audit:Store is PostgreSql but neither ConnectionStrings:Audit nor ConnectionStrings:Registry is set; " +
                "set one (for example ConnectionStrings__Audit=\"Host=db.example;Database=spbe;Username=spbe_audit;Password=...\") or remove Audit:Store to keep the log in SQLite.");
        return new PostgresAuditStore(connection, options.EffectivePostgresSchema);
    }
}
