using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.PostgresMigrations
{
    /// <summary>
    /// Who decided a subscription request, by actor id (<c>person:</c>/<c>client:</c>) beside the name shown. Rows decided
    /// before keep the name they had and no id: a name alone does not say reliably which account or client it was.
    /// </summary>
    public partial class SubscriptionDecisionActorIdPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "subscription_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "subscription_requests");
        }
    }
}
