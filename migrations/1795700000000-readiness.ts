import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the application role read which migrations have run, so that the readiness endpoint can
 * report a server whose code expects a newer schema than the database has. Only migration names.
 */
export class Readiness1795700000000 implements MigrationInterface {
  name = 'Readiness1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT ON schema_migrations TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON schema_migrations FROM ngo_commons_app`);
  }
}
