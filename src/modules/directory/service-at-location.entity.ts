import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Location } from './location.entity';
import { Service } from './service.entity';

/** Links a service to a place it is delivered (HSDS: service_at_location). */
@Entity({ name: 'service_at_locations' })
@ForeignKey(() => Service, ['organizationId', 'serviceId'], ['organizationId', 'id'], { name: 'fk_service_at_locations_service', onDelete: 'CASCADE' })
@ForeignKey(() => Location, ['organizationId', 'locationId'], ['organizationId', 'id'], { name: 'fk_service_at_locations_location', onDelete: 'CASCADE' })
@Index('ix_service_at_locations_organization_service', ['organizationId', 'serviceId'])
@Index('ix_service_at_locations_organization_location', ['organizationId', 'locationId'])
export class ServiceAtLocation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_at_locations' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_service_at_locations' })
  id!: string;

  @Column({ type: 'uuid' })
  serviceId!: string;

  @Column({ type: 'uuid' })
  locationId!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
