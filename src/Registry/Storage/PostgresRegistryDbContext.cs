using Microsoft.EntityFrameworkCore;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The registry's store on PostgreSQL, shared by every gateway node. Same model as SQLite, with its own migrations
/// (Storage/PostgresMigrations), plus what only a shared store needs: the Data Protection key ring, so that every node
/// can decrypt the signing keys and upstream secrets another node stored.
/// </summary>
public sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options) : RegistryDbContext(options)
{
    /// <summary>PostgreSQL's notice channel raised by every change of <c>registry_state</c> (trigger in the migrations).</summary>
    public const string ChangeChannel = "spbe_registry_changed";

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.FriendlyName).HasMaxLength(200);
            e.Property(x => x.Xml).IsRequired();
        });
    }
}
