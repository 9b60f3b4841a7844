using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SubscriptionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PlanId",
                table: "subscriptions",
                type: "TEXT",
                nullable: false,
                // Subscriptions made before plans existed get Bronze, the national connector's entry tier (seeded below).
                defaultValue: new Guid("5b1e7a52-0d1c-4c53-9a8e-000000000001"));

            migrationBuilder.CreateTable(
                name: "api_operation_limits",
                columns: table => new
                {
                    ApiId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PathTemplate = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestsPerMinute = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RequestsPerSecond = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestsPerMinute = table.Column<long>(type: "INTEGER", nullable: true),
                    DailyQuota = table.Column<long>(type: "INTEGER", nullable: true),
                    MonthlyQuota = table.Column<long>(type: "INTEGER", nullable: true),
                    MaxConcurrentRequests = table.Column<int>(type: "INTEGER", nullable: true),
                    AdministratorOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.Id);
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
                name: "IX_plans_Name",
                table: "plans",
                column: "Name",
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
                name: "plans");

            migrationBuilder.DropIndex(
                name: "IX_subscriptions_PlanId",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "PlanId",
                table: "subscriptions");
        }
    }
}
