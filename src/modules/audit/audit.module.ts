import type { AppModule } from '../../common/module';
import { AuditEvent } from './audit-event.entity';
import { PlatformAuditEvent } from './platform-audit-event.entity';
import { AuditResolver } from './audit.resolver';
import { recordAudit } from './audit.service';

/** The audit trails: who changed what, whose client records were read, and what platform operators did. */
export const auditModule: AppModule = {
  name: 'audit',
  entities: [AuditEvent, PlatformAuditEvent],
  resolvers: [AuditResolver],
  mutationAudit: recordAudit,
};
