import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** Requests counted in the current window, per organization and bucket (the organization itself, or one API key). */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_rate_limit_counters' })
  @ForeignKey(() => Organization, { name: 'fk_rate_limit_counters_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_rate_limit_counters' })
  bucket!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStart!: Date;

  @Column({ type: 'integer' })
  count!: number;
}
