using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

/// <summary>Chooses the registry's engine: SQLite under the data directory (default) or a shared PostgreSQL.</summary>
public static class RegistryStoreServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryStore(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        var settings = configuration.GetSection(RegistryOptions.Section).Get<RegistryOptions>() ?? new RegistryOptions();
        if (settings.Provider == RegistryStoreProvider.PostgreSql)
        {
            var connection = PostgresConnection(configuration);
            // While PostgreSQL is down every failed query would be logged as an error, several times a second; the change
            // monitor and /readyz report the outage once, with its cause, instead.
            services.AddDbContextFactory<PostgresRegistryDbContext>(o => o.UseNpgsql(connection).ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, Microsoft.Extensions.Logging.LogLevel.Debug))));
            services.AddSingleton<IDbContextFactory<RegistryDbContext>, PostgresRegistryContextFactory>();
            return services;
        }
        var file = new SqliteConnectionStringBuilder
        {
            DataSource = data.File("registry.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        services.AddDbContextFactory<RegistryDbContext>(o => o.UseSqlite(file));
        return services;
    }

    /// <summary>
    /// What many nodes on one PostgreSQL need beyond the store: one Data Protection key ring for all of them (in the
    /// store, replacing the data directory's), and the listener that turns PostgreSQL's change notices into an
    /// immediate poll. Nothing for SQLite.
    /// </summary>
    public static IServiceCollection AddSharedRegistryServices(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RegistryOptions.Section).Get<RegistryOptions>() ?? new RegistryOptions();
        if (settings.Provider != RegistryStoreProvider.PostgreSql)
            return services;
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new RegistryXmlRepository(sp.GetRequiredService<IDbContextFactory<PostgresRegistryDbContext>>())));
        if (!string.IsNullOrWhiteSpace(settings.KeyRingCertificatePath))
        {
            var certificate = KeyRingCertificate.Load(settings);
            services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddSingleton(new PostgresNoticeSettings(PostgresConnection(configuration)));
        services.AddHostedService<PostgresChangeListener>();
        return services;
    }

    /// <summary>The PostgreSQL connection string, or a start-up error naming the setting to add.</summary>
    public static string PostgresConnection(IConfiguration configuration) =>
        configuration.GetConnectionString(RegistryOptions.ConnectionStringName) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"Registry:Provider is PostgreSql but ConnectionStrings:{RegistryOptions.ConnectionStringName} is empty; set it (for example " +
                "ConnectionStrings__Registry=\"Host=db.example;Database=spbe;Username=spbe;Password=...\") or remove Registry:Provider to use SQLite.");
}
