using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ApiRiskAssessmentPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicationKind",
                table: "apis",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RiskAssessedAt",
                table: "apis",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskLevel",
                table: "apis",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApplicationKind",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "RiskAssessedAt",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "RiskLevel",
                table: "apis");
        }
    }
}
