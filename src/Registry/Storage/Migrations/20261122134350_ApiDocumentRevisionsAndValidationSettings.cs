using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ApiDocumentRevisionsAndValidationSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DocumentRevision",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Validation_AllowedFileTypes",
                table: "apis",
                type: "TEXT",
                nullable: false,
                defaultValue: "[\"application/pdf\",\"image/png\",\"image/jpeg\"]");

            migrationBuilder.AddColumn<string>(
                name: "Validation_AllowedOrigins",
                table: "apis",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Validation_FileQuotaWindow",
                table: "apis",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeSpan(1, 0, 0, 0));

            migrationBuilder.AddColumn<bool>(
                name: "Validation_ForwardCookies",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxArrayLength",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10_000);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxBodyBytes",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1024 * 1024);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxDepth",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 32);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxFileBytes",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10 * 1024 * 1024);

            migrationBuilder.AddColumn<long>(
                name: "Validation_MaxFileBytesPerClient",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 500L * 1024 * 1024);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxFilesPerClient",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 200);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxFilesPerRequest",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "Validation_MaxStringBytes",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: 64 * 1024);

            migrationBuilder.AddColumn<string>(
                name: "Validation_ResponseValidation",
                table: "apis",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Off");

            migrationBuilder.AddColumn<string>(
                name: "Validation_ScannerOutage",
                table: "apis",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "FailClosed");

            migrationBuilder.AddColumn<string>(
                name: "Validation_Sessions",
                table: "apis",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Token");

            // APIs registered before validation existed keep accepting undeclared query parameters until their owner
            // turns strict mode on; new APIs are strict from the start (ApiValidationSettings.Default).
            migrationBuilder.AddColumn<bool>(
                name: "Validation_StrictQuery",
                table: "apis",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "api_document_revisions",
                columns: table => new
                {
                    ApiId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OpenApiVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_document_revisions", x => new { x.ApiId, x.Revision });
                    table.ForeignKey(
                        name: "FK_api_document_revisions_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The document an API already had becomes its first revision, so the data plane enforces it from now on.
            migrationBuilder.Sql(
                "INSERT INTO api_document_revisions (ApiId, Revision, Content, Format, OpenApiVersion, CreatedAt) " +
                "SELECT Id, 1, OpenApiDocument, CASE WHEN ltrim(OpenApiDocument) LIKE '{%' THEN 'json' ELSE 'yaml' END, '', UpdatedAt " +
                "FROM apis WHERE OpenApiDocument IS NOT NULL;");
            migrationBuilder.Sql("UPDATE apis SET DocumentRevision = 1 WHERE OpenApiDocument IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_document_revisions");

            migrationBuilder.DropColumn(
                name: "DocumentRevision",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_AllowedFileTypes",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_AllowedOrigins",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_FileQuotaWindow",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_ForwardCookies",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxArrayLength",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxBodyBytes",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxDepth",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxFileBytes",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxFileBytesPerClient",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxFilesPerClient",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxFilesPerRequest",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_MaxStringBytes",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_ResponseValidation",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_ScannerOutage",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_Sessions",
                table: "apis");

            migrationBuilder.DropColumn(
                name: "Validation_StrictQuery",
                table: "apis");
        }
    }
}
