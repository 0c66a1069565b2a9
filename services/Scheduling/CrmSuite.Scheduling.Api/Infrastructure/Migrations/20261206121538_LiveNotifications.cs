using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmSuite.Scheduling.Api.Infrastructure.Migrations
{
    /// <summary>
    /// A notification delivered (inserted) or read (updated) tells every replica's listener whose it is
    /// (NotificationListener, channel scheduling_notifications), so that person's open pages hear of it
    /// at once. One NOTIFY per person per statement: a batch of 10,000 for 500 people sends 500.
    /// </summary>
    public partial class LiveNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('scheduling_notifications', people.user_id) FROM (SELECT DISTINCT user_id FROM changed) people;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER notifications_delivered AFTER INSERT ON notifications
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_changed();
                CREATE TRIGGER notifications_read AFTER UPDATE ON notifications
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER notifications_read ON notifications;
                DROP TRIGGER notifications_delivered ON notifications;
                DROP FUNCTION notifications_changed();
                """);
        }
    }
}
