using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The registry's store. The schema evolves only through migrations, never EnsureCreated: Storage/Migrations for SQLite
/// (this type), Storage/PostgresMigrations for PostgreSQL (<see cref="PostgresRegistryDbContext"/>), because EF Core
/// migrations are specific to their provider. The portal's people are ASP.NET Core Identity's users
/// (<see cref="IdentityUserContext{TUser,TKey}"/>: accounts, claims, logins, tokens such as the authenticator key and
/// recovery codes, and passkeys), in this same database so that one backup holds them.
/// </summary>
public class RegistryDbContext : IdentityUserContext<PortalAccount, Guid>
{
    public RegistryDbContext(DbContextOptions<RegistryDbContext> options) : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses, whose options name their own type.</summary>
    protected RegistryDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Opd> Opds => Set<Opd>();
    public DbSet<Api> Apis => Set<Api>();
    public DbSet<ApiDocumentRevision> DocumentRevisions => Set<ApiDocumentRevision>();
    public DbSet<RegistryState> State => Set<RegistryState>();
    public DbSet<ClientApplication> Clients => Set<ClientApplication>();
    public DbSet<ClientSecret> ClientSecrets => Set<ClientSecret>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<ApiOperationLimit> OperationLimits => Set<ApiOperationLimit>();
    public DbSet<RevokedToken> RevokedTokens => Set<RevokedToken>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<UsedClientAssertion> UsedClientAssertions => Set<UsedClientAssertion>();
    /// <summary>The portal's accounts (Identity's <c>Users</c> under the name the code used before).</summary>
    public DbSet<PortalAccount> PortalAccounts => Set<PortalAccount>();
    public DbSet<ApiProfile> ApiProfiles => Set<ApiProfile>();
    public DbSet<OnboardingDecision> OnboardingDecisions => Set<OnboardingDecision>();
    public DbSet<SubscriptionRequest> SubscriptionRequests => Set<SubscriptionRequest>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<DecisionLetter> DecisionLetters => Set<DecisionLetter>();
    public DbSet<EmergencyAct> EmergencyActs => Set<EmergencyAct>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // Identity's schema (its version 1 here: the version comes from IdentityOptions at run time, which the
        // design-time factories and tests do not have); the passkeys of version 3 are added in ConfigurePeople, so
        // that migrations and the running product build the same model.
        base.OnModelCreating(model);
        ConfigurePeople(model);

        model.Entity<Opd>(e =>
        {
            e.ToTable("opds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.TenantDomain).HasMaxLength(253);
            e.HasIndex(x => x.TenantDomain).IsUnique();
        });

        model.Entity<Api>(e =>
        {
            e.ToTable("apis");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Opd).WithMany().HasForeignKey(x => x.OpdId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Slug).HasMaxLength(64).IsRequired();
            e.Property(x => x.Version).HasMaxLength(32).IsRequired();
            e.Property(x => x.Description).HasMaxLength(4000);
            e.HasIndex(x => new { x.OpdId, x.Slug, x.Version }).IsUnique();
            e.Property(x => x.UpstreamUrls);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Classification).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Scopes);
            e.Property(x => x.RequiredScopes);
            e.Property(x => x.ValidationWaiverReason).HasMaxLength(1000);
            e.Property(x => x.ValidationWaiverRecordedBy).HasMaxLength(200);
            e.Property(x => x.RiskLevel).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ApplicationKind).HasConversion<string>().HasMaxLength(16);
            e.ComplexProperty(x => x.Validation, v =>
            {
                v.Property(x => x.ResponseValidation).HasConversion<string>().HasMaxLength(16);
                v.Property(x => x.Sessions).HasConversion<string>().HasMaxLength(16);
                v.Property(x => x.ScannerOutage).HasConversion<string>().HasMaxLength(16);
                v.Property(x => x.AllowedOrigins).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
                v.Property(x => x.AllowedFileTypes).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
            });
            e.ComplexProperty(x => x.Cors, c =>
            {
                c.Property(x => x.AllowedOrigins).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
                c.Property(x => x.AllowedMethods).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
                c.Property(x => x.AllowedHeaders).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
                c.Property(x => x.ExposedHeaders).HasConversion(StringListConversion.Converter, StringListConversion.Comparer);
            });
        });

        model.Entity<ApiDocumentRevision>(e =>
        {
            e.ToTable("api_document_revisions");
            e.HasKey(x => new { x.ApiId, x.Revision });
            e.HasOne<Api>().WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Content).IsRequired();
            e.Property(x => x.Format).HasMaxLength(8).IsRequired();
            e.Property(x => x.OpenApiVersion).HasMaxLength(16).IsRequired();
        });

        model.Entity<ClientApplication>(e =>
        {
            e.ToTable("clients");
            e.HasKey(x => x.Id);
            e.Property(x => x.ClientId).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.ClientId).IsUnique();
            e.HasOne(x => x.Opd).WithMany().HasForeignKey(x => x.OpdId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CertificateThumbprints);
            e.Property(x => x.ManagementScopes);
            e.Property(x => x.TlsClientAuthSubjectDn).HasMaxLength(1000);
            e.HasMany(x => x.Secrets).WithOne().HasForeignKey(x => x.ClientApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ClientSecret>(e =>
        {
            e.ToTable("client_secrets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Hash).HasMaxLength(256).IsRequired();
            e.Property(x => x.Hint).HasMaxLength(8).IsRequired();
        });

        model.Entity<Subscription>(e =>
        {
            e.ToTable("subscriptions");
            e.HasKey(x => x.Id);
            e.HasOne(x => x.Client).WithMany().HasForeignKey(x => x.ClientApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Api).WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientApplicationId, x.ApiId }).IsUnique();
            e.Property(x => x.Scopes);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            // A plan in use cannot be removed: every subscription keeps the limits it was given.
            e.HasOne(x => x.Plan).WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Plan>(e =>
        {
            e.ToTable("plans");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Description).HasMaxLength(4000);
            e.HasData(PlanSeed.Defaults);
        });

        model.Entity<ApiOperationLimit>(e =>
        {
            e.ToTable("api_operation_limits");
            e.HasKey(x => new { x.ApiId, x.Method, x.PathTemplate });
            e.HasOne<Api>().WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Method).HasMaxLength(16);
            e.Property(x => x.PathTemplate).HasMaxLength(1000);
        });

        model.Entity<RevokedToken>(e =>
        {
            e.ToTable("revoked_tokens");
            e.HasKey(x => x.TokenId);
            e.Property(x => x.TokenId).HasMaxLength(128);
            e.Property(x => x.ClientId).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.ExpiresAt);
        });

        model.Entity<UsedClientAssertion>(e =>
        {
            e.ToTable("used_client_assertions");
            e.HasKey(x => new { x.ClientId, x.AssertionId });
            e.Property(x => x.ClientId).HasMaxLength(64);
            e.Property(x => x.AssertionId).HasMaxLength(256);
        });

        model.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(x => x.KeyId);
            e.Property(x => x.KeyId).HasMaxLength(64);
            e.Property(x => x.Algorithm).HasMaxLength(8).IsRequired();
            e.Property(x => x.ProtectedPrivateKey).IsRequired();
        });

        model.Entity<ApiProfile>(e =>
        {
            e.ToTable("api_profiles");
            e.HasKey(x => x.ApiId);
            e.HasOne(x => x.Api).WithOne().HasForeignKey<ApiProfile>(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.OwnerContact).HasMaxLength(300).IsRequired();
            e.Property(x => x.PseRegistrationNumber).HasMaxLength(100).IsRequired();
            e.Property(x => x.Plans);
            e.Property(x => x.Tags);
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(32);
        });

        model.Entity<OnboardingDecision>(e =>
        {
            e.ToTable("onboarding_decisions");
            e.HasKey(x => x.Id);
            e.HasOne<Api>().WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ApiId, x.At });
            e.Property(x => x.Action).HasMaxLength(32).IsRequired();
            e.Property(x => x.Stage).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(200).IsRequired();
            e.Property(x => x.ActorId).HasMaxLength(200);
            e.Property(x => x.Notes).HasMaxLength(4000);
            e.HasIndex(x => x.RequestId);
            e.Property(x => x.LetterNumber).HasMaxLength(100);
            e.Property(x => x.LetterIssuer).HasMaxLength(200);
            e.Property(x => x.LetterSha256).HasMaxLength(64);
        });

        model.Entity<ApprovalRequest>(e =>
        {
            e.ToTable("approval_requests");
            e.HasKey(x => x.Id);
            e.HasOne<Api>().WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ApiId, x.Status });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            // Two reviewers deciding the same stage at once: the second finds the stage moved on and is refused.
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            e.Property(x => x.StageIndex).IsConcurrencyToken();
            e.Property(x => x.Profile).HasMaxLength(64).IsRequired();
            e.Property(x => x.SubmittedById).HasMaxLength(200).IsRequired();
            e.Property(x => x.SubmittedByName).HasMaxLength(200).IsRequired();
        });

        model.Entity<DecisionLetter>(e =>
        {
            e.ToTable("decision_letters");
            e.HasKey(x => x.DecisionId);
            e.HasOne<OnboardingDecision>().WithOne().HasForeignKey<DecisionLetter>(x => x.DecisionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.FileName).HasMaxLength(200).IsRequired();
            e.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        });

        model.Entity<EmergencyAct>(e =>
        {
            e.ToTable("emergency_acts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.At);
            e.Property(x => x.Act).HasMaxLength(32).IsRequired();
            e.Property(x => x.Target).HasMaxLength(200).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(2000).IsRequired();
            e.Property(x => x.ActorId).HasMaxLength(200).IsRequired();
            e.Property(x => x.ActorName).HasMaxLength(200).IsRequired();
            e.Property(x => x.ReviewedById).HasMaxLength(200);
            e.Property(x => x.ReviewedByName).HasMaxLength(200);
            e.Property(x => x.ReviewNotes).HasMaxLength(2000);
        });

        model.Entity<SubscriptionRequest>(e =>
        {
            e.ToTable("subscription_requests");
            e.HasKey(x => x.SubscriptionId);
            e.HasOne<Subscription>().WithOne().HasForeignKey<SubscriptionRequest>(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Plan).HasMaxLength(200).IsRequired();
            e.Property(x => x.Purpose).HasMaxLength(2000).IsRequired();
            e.Property(x => x.RequestedBy).HasMaxLength(200).IsRequired();
            e.Property(x => x.RequestedById).HasMaxLength(200);
            e.Property(x => x.DecidedBy).HasMaxLength(200);
            e.Property(x => x.DecidedById).HasMaxLength(200);
            e.Property(x => x.DecisionNotes).HasMaxLength(4000);
        });

        model.Entity<RegistryState>(e =>
        {
            e.ToTable("registry_state");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new RegistryState { Id = RegistryState.SingletonId, ConfigVersion = 0 });
        });
    }

    /// <summary>
    /// Identity's tables under the registry's names. The account columns the portal had before Identity keep their
    /// names (Identity's UserName is the column Username, AccessFailedCount is FailedLoginCount, LockoutEnd is
    /// LockedUntil), so the migration to Identity moved no account.
    /// </summary>
    private static void ConfigurePeople(ModelBuilder model)
    {
        model.Entity<PortalAccount>(e =>
        {
            e.ToTable("portal_accounts");
            e.Ignore(x => x.Username);
            e.Ignore(x => x.LockedUntil);
            e.Property(x => x.UserName).HasColumnName("Username").HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.NormalizedUserName).HasMaxLength(64);
            e.Property(x => x.AccessFailedCount).HasColumnName("FailedLoginCount");
            e.Property(x => x.LockoutEnd).HasColumnName("LockedUntil");
            e.Property(x => x.DisplayName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
            e.HasOne(x => x.Opd).WithMany().HasForeignKey(x => x.OpdId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.PasswordHash).HasMaxLength(256).IsRequired();
            e.Property(x => x.SecurityStamp).HasMaxLength(64).IsRequired();
            e.Property(x => x.ConcurrencyStamp).HasMaxLength(64);
        });
        model.Entity<IdentityUserClaim<Guid>>().ToTable("portal_account_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("portal_account_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("portal_account_tokens");
        // WebAuthn credentials (Identity 10's passkey store), as Identity's schema version 3 declares them: one row per
        // credential id, its data (public key, counter, flags, transports) as a JSON column.
        model.Entity<IdentityUserPasskey<Guid>>(e =>
        {
            e.ToTable("portal_account_passkeys");
            e.HasKey(p => p.CredentialId);
            e.Property(p => p.CredentialId).HasMaxLength(1024);
            e.HasOne<PortalAccount>().WithMany().HasForeignKey(p => p.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
            e.OwnsOne(p => p.Data).ToJson();
        });
    }
}
