using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class PortalAccountsOnIdentityPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConcurrencyStamp",
                table: "portal_accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "portal_accounts",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EmailConfirmed",
                table: "portal_accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "LockoutEnabled",
                table: "portal_accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NormalizedEmail",
                table: "portal_accounts",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NormalizedUserName",
                table: "portal_accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneNumber",
                table: "portal_accounts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PhoneNumberConfirmed",
                table: "portal_accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "TwoFactorEnabled",
                table: "portal_accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Every account the portal had keeps its row, password hash (verified by LegacyPasswordHasher and rehashed
            // at the next sign-in), role, OPD, lockout, failure count and state; Identity finds it by its normalized
            // name (usernames are [a-z0-9._-], so upper() is Identity's invariant upper case), locks it out after
            // failures like before, and checks its concurrency stamp. TwoFactorEnabled stays false: a person
            // enrols a second factor at the next sign-in.
            migrationBuilder.Sql("""
                UPDATE portal_accounts SET "NormalizedUserName" = upper("Username"), "LockoutEnabled" = true, "ConcurrencyStamp" = md5(random()::text || "Id"::text);
                """);

            migrationBuilder.CreateTable(
                name: "portal_account_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_account_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_portal_account_claims_portal_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "portal_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "portal_account_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_account_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_portal_account_logins_portal_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "portal_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "portal_account_passkeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Data = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_account_passkeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_portal_account_passkeys_portal_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "portal_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "portal_account_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_account_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_portal_account_tokens_portal_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "portal_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "portal_accounts",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "portal_accounts",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_portal_account_claims_UserId",
                table: "portal_account_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_portal_account_logins_UserId",
                table: "portal_account_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_portal_account_passkeys_UserId",
                table: "portal_account_passkeys",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "portal_account_claims");

            migrationBuilder.DropTable(
                name: "portal_account_logins");

            migrationBuilder.DropTable(
                name: "portal_account_passkeys");

            migrationBuilder.DropTable(
                name: "portal_account_tokens");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "portal_accounts");

            migrationBuilder.DropIndex(
                name: "UserNameIndex",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "EmailConfirmed",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "LockoutEnabled",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "NormalizedEmail",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "NormalizedUserName",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "PhoneNumber",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "PhoneNumberConfirmed",
                table: "portal_accounts");

            migrationBuilder.DropColumn(
                name: "TwoFactorEnabled",
                table: "portal_accounts");
        }
    }
}
