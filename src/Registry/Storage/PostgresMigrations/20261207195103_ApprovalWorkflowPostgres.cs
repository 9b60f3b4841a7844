using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ApprovalWorkflowPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "RequestedBy",
                table: "subscription_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "DecidedBy",
                table: "subscription_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedById",
                table: "subscription_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Actor",
                table: "onboarding_decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "ActorId",
                table: "onboarding_decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LetterDate",
                table: "onboarding_decisions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterIssuer",
                table: "onboarding_decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterNumber",
                table: "onboarding_decisions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterSha256",
                table: "onboarding_decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                table: "onboarding_decisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationWaiverRecordedBy",
                table: "apis",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Profile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StageIndex = table.Column<int>(type: "integer", nullable: false),
                    ProposedChange = table.Column<string>(type: "text", nullable: true),
                    ProtectedUpstreamSecret = table.Column<string>(type: "text", nullable: true),
                    DocumentRevision = table.Column<int>(type: "integer", nullable: false),
                    SubmittedById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approval_requests_apis_ApiId",
                        column: x => x.ApiId,
                        principalTable: "apis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "decision_letters",
                columns: table => new
                {
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_letters", x => x.DecisionId);
                    table.ForeignKey(
                        name: "FK_decision_letters_onboarding_decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "onboarding_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "emergency_acts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Act = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewedById = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewNotes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_acts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_onboarding_decisions_RequestId",
                table: "onboarding_decisions",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_ApiId_Status",
                table: "approval_requests",
                columns: new[] { "ApiId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_acts_At",
                table: "emergency_acts",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "decision_letters");

            migrationBuilder.DropTable(
                name: "emergency_acts");

            migrationBuilder.DropIndex(
                name: "IX_onboarding_decisions_RequestId",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "RequestedById",
                table: "subscription_requests");

            migrationBuilder.DropColumn(
                name: "ActorId",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "LetterDate",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "LetterIssuer",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "LetterNumber",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "LetterSha256",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "onboarding_decisions");

            migrationBuilder.DropColumn(
                name: "ValidationWaiverRecordedBy",
                table: "apis");

            migrationBuilder.AlterColumn<string>(
                name: "RequestedBy",
                table: "subscription_requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "DecidedBy",
                table: "subscription_requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Actor",
                table: "onboarding_decisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
