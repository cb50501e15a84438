import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The text of a query registered under its SHA-256 (automatic persisted queries). */
@Entity({ name: 'persisted_queries' })
@Check('ck_persisted_queries_hash', `hash ~ '^[0-9a-f]{64}$'`)
export class PersistedQuery {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_persisted_queries' })
  hash!: string;

  @Column({ type: 'text' })
  query!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
