import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event notifications carry the event's id only (issue 13): any role connected to the database may
 * LISTEN on any channel, so a payload naming organizations would tell who refers to whom. Each
 * instance reads where an event goes (its type, record and organizations, never personal data) in a
 * transaction of its own that only the platform's background work opens (app.worker, acting as no
 * organization), by the event's id.
 */
export class EventRouting1797300000000 implements MigrationInterface {
  name = 'EventRouting1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE POLICY organization_events_worker ON organization_events FOR SELECT TO ngo_commons_app
        USING (current_setting('app.worker', true) = 'on' AND app_organization_id() IS NULL)`);
    // The hub and every subscriber find an event by its id alone (the notification's payload).
    await q.query(`CREATE INDEX ix_organization_events_id ON organization_events (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_organization_events_id`);
    await q.query(`DROP POLICY organization_events_worker ON organization_events`);
  }
}
