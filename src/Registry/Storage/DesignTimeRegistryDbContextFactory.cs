using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpbeConnector.Registry.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the gateway.</summary>
internal sealed class DesignTimeRegistryDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
