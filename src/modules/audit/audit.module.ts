import type { AppModule } from '../../common/module';
import { AuditEvent } from './audit-event.entity';
import { AuditResolver } from './audit.resolver';
import { recordAudit } from './audit.service';

/** The audit trail: who changed what, and whose client records were read. */
export const auditModule: AppModule = {
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [AuditResolver],
  mutationAudit: recordAudit,
};
