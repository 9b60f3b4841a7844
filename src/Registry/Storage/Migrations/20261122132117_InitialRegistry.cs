using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TenantDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfigVersion = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "apis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UpstreamUrls = table.Column<string>(type: "TEXT", nullable: false),
                    AllowInsecureUpstream = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenApiDocument = table.Column<string>(type: "TEXT", nullable: true),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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

            migrationBuilder.InsertData(
                table: "registry_state",
                columns: new[] { "Id", "ConfigVersion" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_apis_OpdId_Slug_Version",
                table: "apis",
                columns: new[] { "OpdId", "Slug", "Version" },
                unique: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "apis");

            migrationBuilder.DropTable(
                name: "registry_state");

            migrationBuilder.DropTable(
                name: "opds");
        }
    }
}
