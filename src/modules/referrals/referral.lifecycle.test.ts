import { checkTransition, FHIR_TASK_STATUS, FINAL_STATUSES, receiverAccessEnd, receiverSeesClient, ReferralStatus, TRANSITIONS, type ReferralAction } from './referral.lifecycle';

const ALL_STATUSES = Object.values(ReferralStatus);
const ACTIONS = Object.keys(TRANSITIONS) as ReferralAction[];

describe('referral lifecycle', () => {
  it.each([
    ['accept', 'SENT', 'RECEIVER', 'ACCEPTED'],
    ['decline', 'SENT', 'RECEIVER', 'DECLINED'],
    ['cancel', 'SENT', 'SENDER', 'CANCELLED'],
    ['start', 'ACCEPTED', 'RECEIVER', 'IN_PROGRESS'],
    ['complete', 'IN_PROGRESS', 'RECEIVER', 'COMPLETED'],
    ['close', 'ACCEPTED', 'RECEIVER', 'CLOSED'],
    ['close', 'IN_PROGRESS', 'RECEIVER', 'CLOSED'],
  ] as const)('%s takes a %s referral, acted on by the %s, to %s', (action, from, side, to) => {
    expect(checkTransition(action, ReferralStatus[from], side, { logged: false })).toEqual({ ok: true, to });
  });

  it('allows exactly the listed transitions and no other pair', () => {
    const allowed = ACTIONS.flatMap((action) =>
      ALL_STATUSES.filter((from) => checkTransition(action, from, TRANSITIONS[action].by, { logged: false }).ok).map(
        (from) => `${from} -${action}-> ${TRANSITIONS[action].to}`,
      ),
    );
    expect(allowed.sort()).toEqual(
      [
        'ACCEPTED -close-> CLOSED',
        'ACCEPTED -start-> IN_PROGRESS',
        'IN_PROGRESS -close-> CLOSED',
        'IN_PROGRESS -complete-> COMPLETED',
        'SENT -accept-> ACCEPTED',
        'SENT -cancel-> CANCELLED',
        'SENT -decline-> DECLINED',
      ].sort(),
    );
  });

  it('leaves no way out of a final status', () => {
    for (const from of FINAL_STATUSES) {
      for (const action of ACTIONS) {
        expect(checkTransition(action, from, TRANSITIONS[action].by, { logged: true }).ok).toBe(false);
      }
    }
  });

  it('refuses the wrong side before looking at the status', () => {
    expect(checkTransition('accept', ReferralStatus.SENT, 'SENDER', { logged: false })).toMatchObject({ ok: false, reason: 'WRONG_SIDE' });
    expect(checkTransition('cancel', ReferralStatus.SENT, 'RECEIVER', { logged: false })).toMatchObject({ ok: false, reason: 'WRONG_SIDE' });
    expect(checkTransition('cancel', ReferralStatus.ACCEPTED, 'SENDER', { logged: false })).toMatchObject({
      ok: false,
      reason: 'ILLEGAL_FROM_STATUS',
      message: 'A referral in status ACCEPTED cannot be cancelled: that needs status SENT',
    });
  });

  it('lets the sender of a logged referral record the receiving side too', () => {
    expect(checkTransition('accept', ReferralStatus.SENT, 'SENDER', { logged: true })).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(checkTransition('complete', ReferralStatus.IN_PROGRESS, 'SENDER', { logged: true })).toEqual({ ok: true, to: 'COMPLETED' });
  });

  it('maps every status to a FHIR Task.status code', () => {
    expect(FHIR_TASK_STATUS).toEqual({
      SENT: 'requested',
      ACCEPTED: 'accepted',
      DECLINED: 'rejected',
      CANCELLED: 'cancelled',
      IN_PROGRESS: 'in-progress',
      COMPLETED: 'completed',
      CLOSED: 'failed',
    });
  });
});

describe("the receiver's view of the client over the referral's life", () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const later = new Date('2026-12-03T12:00:00Z');
  const earlier = new Date('2026-12-01T12:00:00Z');

  it('is open while the referral is, closed once declined or cancelled, whatever the window says', () => {
    for (const status of [ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS]) {
      expect(receiverSeesClient({ status, receiverAccessUntil: null }, now)).toBe(true);
    }
    for (const status of [ReferralStatus.DECLINED, ReferralStatus.CANCELLED]) {
      expect(receiverSeesClient({ status, receiverAccessUntil: later }, now)).toBe(false);
    }
  });

  it('lasts until the window ends after completion or closing, and never without one', () => {
    for (const status of [ReferralStatus.COMPLETED, ReferralStatus.CLOSED]) {
      expect(receiverSeesClient({ status, receiverAccessUntil: later }, now)).toBe(true);
      expect(receiverSeesClient({ status, receiverAccessUntil: now }, now)).toBe(false);
      expect(receiverSeesClient({ status, receiverAccessUntil: earlier }, now)).toBe(false);
      expect(receiverSeesClient({ status, receiverAccessUntil: null }, now)).toBe(false);
    }
  });

  it("ends the window the sender's number of days after the end, 90 by default", () => {
    expect(receiverAccessEnd(now, null).toISOString()).toBe('2027-03-02T12:00:00.000Z');
    expect(receiverAccessEnd(now, 0).toISOString()).toBe(now.toISOString());
    expect(receiverAccessEnd(now, 1).toISOString()).toBe(later.toISOString());
  });
});
