import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * The platform's job queue, shared by every instance through PostgreSQL: a job is claimed with
 * FOR UPDATE SKIP LOCKED for a lease, so two workers never run it at once and a worker that dies
 * mid-job leaves it to another once the lease ends. Only the job runner reads it (app.worker).
 */
@Entity({ name: 'jobs' })
@Unique('uq_jobs_kind_key', ['kind', 'key'])
@Index('ix_jobs_due', ['runAt'], { where: 'done_at IS NULL' })
export class Job {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_jobs' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** What makes the job one of a kind: a scheduled job's period, so it runs once per period however many instances schedule it. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  runAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
