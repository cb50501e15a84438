import type { AppModule } from '../../common/module';
import { ProgramEnrollment, ServiceDelivery } from './activity.entity';
import { Indicator, IndicatorTarget, ProgramResult } from './indicator.entity';
import { recountJob } from './linked-people';
import { ProgramLinkedPersonCell, ProgramMemberMetricCell, ProgramMetricCell, ProgramPersonPeriod } from './metric-cell.entity';
import { ProgramMember } from './program-member.entity';
import { Program } from './program.entity';
import {
  IndicatorResolver,
  ProgramEnrollmentResolver,
  ProgramMemberResolver,
  ProgramResolver,
  ProgramResultResolver,
  ReportedValueResolver,
  ServiceDeliveryResolver,
} from './program.resolver';
import { ProgramReferralFact } from './referral-fact.entity';
import { ReportedValue } from './reported-value.entity';

/** Joint programmes: members, results framework, activity, reported values, and the funders' metrics. */
export const programsModule: AppModule = {
  name: 'programs',
  entities: [
    Program,
    ProgramMember,
    ProgramResult,
    Indicator,
    IndicatorTarget,
    ProgramEnrollment,
    ServiceDelivery,
    ReportedValue,
    ProgramMetricCell,
    ProgramPersonPeriod,
    ProgramMemberMetricCell,
    ProgramLinkedPersonCell,
    ProgramReferralFact,
  ],
  resolvers: [
    ProgramResolver,
    ProgramMemberResolver,
    ProgramResultResolver,
    IndicatorResolver,
    ReportedValueResolver,
    ProgramEnrollmentResolver,
    ServiceDeliveryResolver,
  ],
  jobs: [recountJob],
};
