using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ApiValidationWaiverPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing APIs get no waiver: one of Restricted information or above without a document keeps serving,
            // is listed at GET /admin/v1/apis/rule-violations and changes no further until fixed (issue 18).
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidationWaiverExpiresAt",
                table: "apis",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationWaiverReason",
                table: "apis",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidationWaiverRecordedAt",
                table: "apis",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ValidationWaiverExpiresAt",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "ValidationWaiverReason",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "ValidationWaiverRecordedAt",
                table: "apis");
        }
    }
}
