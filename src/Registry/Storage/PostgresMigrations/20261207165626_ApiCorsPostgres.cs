using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ApiCorsPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing APIs get the defaults of ApiCorsSettings: no origin allowed, so CORS stays off until configured.
            migrationBuilder.AddColumn<bool>(
                name: "Cors_AllowCredentials",
                table: "apis",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Cors_AllowedHeaders",
                table: "apis",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Cors_AllowedMethods",
                table: "apis",
                type: "text",
                nullable: false,
                defaultValue: "[\"GET\"]");

            migrationBuilder.AddColumn<string>(
                name: "Cors_AllowedOrigins",
                table: "apis",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Cors_ExposedHeaders",
                table: "apis",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Cors_MaxAge",
                table: "apis",
                type: "interval",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Cors_AllowCredentials",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Cors_AllowedHeaders",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Cors_AllowedMethods",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Cors_AllowedOrigins",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Cors_ExposedHeaders",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Cors_MaxAge",
                table: "apis");
        }
    }
}
