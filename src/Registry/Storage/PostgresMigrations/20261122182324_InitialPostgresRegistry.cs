using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class InitialPostgresRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TenantDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ConfigVersion = table.Column<long>(type: "bigint", nullable: false),
                    AccessVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "revoked_tokens",
                columns: table => new
                {
                    TokenId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revoked_tokens", x => x.TokenId);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActivatesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signing_keys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "used_client_assertions",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssertionId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_used_client_assertions", x => new { x.ClientId, x.AssertionId });
                });

            migrationBuilder.CreateTable(
                name: "apis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpdId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpstreamUrls = table.Column<List<string>>(type: "text[]", nullable: false),
                    AllowInsecureUpstream = table.Column<bool>(type: "boolean", nullable: false),
                    OpenApiDocument = table.Column<string>(type: "text", nullable: true),
                    DocumentRevision = table.Column<int>(type: "integer", nullable: false),
                    Classification = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    ForwardAccessToken = table.Column<bool>(type: "boolean", nullable: false),
                    Scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    RequiredScopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpstreamTokenEndpoint = table.Column<string>(type: "text", nullable: true),
                    UpstreamClientId = table.Column<string>(type: "text", nullable: true),
                    UpstreamProtectedClientSecret = table.Column<string>(type: "text", nullable: true),
                    UpstreamScope = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Validation_AllowedFileTypes = table.Column<string>(type: "text", nullable: false),
                    Validation_AllowedOrigins = table.Column<string>(type: "text", nullable: false),
                    Validation_FileQuotaWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Validation_ForwardCookies = table.Column<bool>(type: "boolean", nullable: false),
                    Validation_MaxArrayLength = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxBodyBytes = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxDepth = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxFileBytes = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxFileBytesPerClient = table.Column<long>(type: "bigint", nullable: false),
                    Validation_MaxFilesPerClient = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxFilesPerRequest = table.Column<int>(type: "integer", nullable: false),
                    Validation_MaxStringBytes = table.Column<int>(type: "integer", nullable: false),
                    Validation_ResponseValidation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Validation_ScannerOutage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Validation_Sessions = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Validation_StrictQuery = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apis", x => x.Id);
                    table.ForeignKey(
                        name: "FK_apis_opds_OpdId",
                        column: x => x.OpdId,
                        principalTable: "opds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "clients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpdId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MayIntrospect = table.Column<bool>(type: "boolean", nullable: false),
                    Jwks = table.Column<string>(type: "text", nullable: true),
                    CertificateThumbprints = table.Column<List<string>>(type: "text[]", nullable: false),
                    TlsClientAuthSubjectDn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clients_opds_OpdId",
                        column: x => x.OpdId,
                        principalTable: "opds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_document_revisions",
                columns: table => new
                {
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    OpenApiVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_document_revisions", x => new { x.ApiId, x.Revision });
                    table.ForeignKey(
                        name: "FK_api_document_revisions_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "client_secrets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Hint = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_secrets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_client_secrets_clients_ClientApplicationId",
                        column: x => x.ClientApplicationId,
                        principalTable: "clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_subscriptions_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_subscriptions_clients_ClientApplicationId",
                        column: x => x.ClientApplicationId,
                        principalTable: "clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "registry_state",
                columns: new[] { "Id", "AccessVersion", "ConfigVersion" },
                values: new object[] { 1, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_apis_OpdId_Slug_Version",
                table: "apis",
                columns: new[] { "OpdId", "Slug", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_client_secrets_ClientApplicationId",
                table: "client_secrets",
                column: "ClientApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_clients_ClientId",
                table: "clients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clients_OpdId",
                table: "clients",
                column: "OpdId");

            migrationBuilder.CreateIndex(
                name: "IX_opds_Code",
                table: "opds",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opds_TenantDomain",
                table: "opds",
                column: "TenantDomain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_revoked_tokens_ExpiresAt",
                table: "revoked_tokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_ApiId",
                table: "subscriptions",
                column: "ApiId");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_ClientApplicationId_ApiId",
                table: "subscriptions",
                columns: new[] { "ClientApplicationId", "ApiId" },
                unique: true);

            // Every change of the registry's versions (whichever node or tool made it) notifies the listening nodes at
            // commit, so a change is in force cluster-wide within milliseconds (PostgresChangeListener); the poll heals
            // a missed notice.
            migrationBuilder.Sql(@"
CREATE FUNCTION spbe_notify_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('spbe_registry_changed', NEW.""ConfigVersion"" || ':' || NEW.""AccessVersion"");
  RETURN NULL;
END $$;
CREATE TRIGGER registry_state_changed AFTER UPDATE ON registry_state
  FOR EACH ROW EXECUTE FUNCTION spbe_notify_registry_changed();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER registry_state_changed ON registry_state; DROP FUNCTION spbe_notify_registry_changed();");

            migrationBuilder.DropTable(
                name: "api_document_revisions");

            migrationBuilder.DropTable(
                name: "client_secrets");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "registry_state");

            migrationBuilder.DropTable(
                name: "revoked_tokens");

            migrationBuilder.DropTable(
                name: "signing_keys");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "used_client_assertions");

            migrationBuilder.DropTable(
                name: "apis");

            migrationBuilder.DropTable(
                name: "clients");

            migrationBuilder.DropTable(
                name: "opds");
        }
    }
}
