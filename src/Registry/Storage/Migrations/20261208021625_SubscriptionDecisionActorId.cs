using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpbeConnector.Registry.Storage.Migrations
{
    /// <summary>
    /// Who decided a subscription request, by actor id (<c>person:</c>/<c>client:</c>) beside the name shown. Rows decided
    /// before keep the name they had and no id: a name alone does not say reliably which account or client it was.
    /// </summary>
    public partial class SubscriptionDecisionActorId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "subscription_requests",
                type: "TEXT",
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
