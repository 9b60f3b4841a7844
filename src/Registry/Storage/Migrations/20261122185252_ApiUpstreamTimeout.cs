using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ApiUpstreamTimeout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeSpan>(
                name: "HealthCheckInterval",
                table: "apis",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HealthCheckPath",
                table: "apis",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "UpstreamTimeout",
                table: "apis",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
