using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ApiValidationWaiver : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing APIs get no waiver: one of Restricted information or above without a document keeps serving,
            // is listed at GET /admin/v1/apis/rule-violations and changes no further until fixed (issue 18).
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidationWaiverExpiresAt",
                table: "apis",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationWaiverReason",
                table: "apis",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidationWaiverRecordedAt",
                table: "apis",
                type: "TEXT",
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
