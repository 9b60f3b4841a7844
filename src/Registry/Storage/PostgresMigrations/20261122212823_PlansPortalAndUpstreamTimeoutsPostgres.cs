using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class PlansPortalAndUpstreamTimeoutsPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PlanId",
                table: "subscriptions",
                type: "uuid",
                nullable: false,
                // Subscriptions made before plans existed go on Bronze, the smallest seeded plan, as on SQLite.
                defaultValue: new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000001"));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "HealthCheckInterval",
                table: "apis",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HealthCheckPath",
                table: "apis",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "UpstreamTimeout",
                table: "apis",
                type: "interval",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_operation_limits",
                columns: table => new
                {
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PathTemplate = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestsPerMinute = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_operation_limits", x => new { x.ApiId, x.Method, x.PathTemplate });
                    table.ForeignKey(
                        name: "FK_api_operation_limits_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_profiles",
                columns: table => new
                {
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerContact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PseRegistrationNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SlaTargetPercent = table.Column<decimal>(type: "numeric", nullable: false),
                    Plans = table.Column<List<string>>(type: "text[]", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ConformanceFindings = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_profiles", x => x.ApiId);
                    table.ForeignKey(
                        name: "FK_api_profiles_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "onboarding_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_onboarding_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_onboarding_decisions_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RequestsPerSecond = table.Column<long>(type: "bigint", nullable: true),
                    RequestsPerMinute = table.Column<long>(type: "bigint", nullable: true),
                    DailyQuota = table.Column<long>(type: "bigint", nullable: true),
                    MonthlyQuota = table.Column<long>(type: "bigint", nullable: true),
                    MaxConcurrentRequests = table.Column<int>(type: "integer", nullable: true),
                    AdministratorOnly = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpdId = table.Column<Guid>(type: "uuid", nullable: true),
                    PasswordHash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PasswordChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    FailedLoginCount = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastLoginAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_portal_accounts_opds_OpdId",
                        column: x => x.OpdId,
                        principalTable: "opds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "subscription_requests",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Plan = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecisionNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscription_requests", x => x.SubscriptionId);
                    table.ForeignKey(
                        name: "FK_subscription_requests_subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "plans",
                columns: new[] { "Id", "AdministratorOnly", "CreatedAt", "DailyQuota", "Description", "MaxConcurrentRequests", "MonthlyQuota", "Name", "RequestsPerMinute", "RequestsPerSecond", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000001"), false, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "1,000 requests per minute (SPLP Bronze)", null, null, "Bronze", 1000L, null, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000002"), false, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "2,000 requests per minute (SPLP Silver)", null, null, "Silver", 2000L, null, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000003"), false, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "5,000 requests per minute (SPLP Gold)", null, null, "Gold", 5000L, null, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000004"), true, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "No plan limit; attached only by an administrator's decision (per-source limits and attack detection still apply)", null, null, "Unlimited", null, null, new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_PlanId",
                table: "subscriptions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_onboarding_decisions_ApiId_At",
                table: "onboarding_decisions",
                columns: new[] { "ApiId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_Name",
                table: "plans",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_portal_accounts_OpdId",
                table: "portal_accounts",
                column: "OpdId");

            migrationBuilder.CreateIndex(
                name: "IX_portal_accounts_Username",
                table: "portal_accounts",
                column: "Username",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_subscriptions_plans_PlanId",
                table: "subscriptions",
                column: "PlanId",
                principalTable: "plans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_subscriptions_plans_PlanId",
                table: "subscriptions");

            migrationBuilder.DropTable(
                name: "api_operation_limits");

            migrationBuilder.DropTable(
                name: "api_profiles");

            migrationBuilder.DropTable(
                name: "onboarding_decisions");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "portal_accounts");

            migrationBuilder.DropTable(
                name: "subscription_requests");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_PlanId",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "PlanId",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "HealthCheckInterval",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "HealthCheckPath",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "UpstreamTimeout",
                table: "apis");
        }
    }
}
