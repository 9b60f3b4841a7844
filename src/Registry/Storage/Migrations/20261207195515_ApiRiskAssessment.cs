using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ApiRiskAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicationKind",
                table: "apis",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RiskAssessedAt",
                table: "apis",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskLevel",
                table: "apis",
                type: "TEXT",
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
