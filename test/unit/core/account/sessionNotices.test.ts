import * as assert from 'node:assert/strict';
import { SessionNotices, WARN_BEFORE_END_MS } from '../../../../src/core/account/sessionNotices';
import { MAX_TIMER_MS } from '../../../../src/core/common/timers';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-26T06:30:00Z');
const session = { sessionId: 'first', expiresAt: T0 + 2 * 60 * MINUTE };

describe('session notices', () => {
  it('warns once, half an hour before the end, then says once that it ended', () => {
    const notices = new SessionNotices();
    assert.equal(WARN_BEFORE_END_MS, 30 * MINUTE);
    assert.equal(notices.due(session, T0), undefined);
    assert.equal(notices.nextCheckIn(session, T0), 90 * MINUTE, 'wakes up when the warning is due');
    const warnAt = session.expiresAt - 30 * MINUTE;
    assert.equal(notices.due(session, warnAt), 'endsSoon');
    assert.equal(notices.due(session, warnAt + MINUTE), undefined, 'not again');
    assert.equal(notices.nextCheckIn(session, warnAt + MINUTE), 29 * MINUTE, 'then wakes up at the end');
    assert.equal(notices.due(session, session.expiresAt), 'ended');
    assert.equal(notices.due(session, session.expiresAt + 5 * MINUTE), undefined, 'not per call after the end');
    assert.equal(notices.nextCheckIn(session, session.expiresAt), undefined, 'nothing left to say');
  });

  it('says "ended" once whether the clock or the server ends the session first', () => {
    const refusedFirst = new SessionNotices();
    assert.equal(refusedFirst.refused('first'), true);
    assert.equal(refusedFirst.refused('first'), false, 'every later refusal is silent');
    assert.equal(refusedFirst.due(session, session.expiresAt - MINUTE), undefined, 'no "ends soon" after it ended');
    assert.equal(refusedFirst.due(session, session.expiresAt), undefined);
    assert.equal(refusedFirst.nextCheckIn(session, T0), undefined);

    const expiredFirst = new SessionNotices();
    assert.equal(expiredFirst.due(session, session.expiresAt + MINUTE), 'ended', 'an expired session says only that it ended');
    assert.equal(expiredFirst.refused('first'), false);
  });

  it('starts over for a new sign-in', () => {
    const notices = new SessionNotices();
    assert.equal(notices.refused('first'), true);
    const next = { sessionId: 'second', expiresAt: T0 + 20 * MINUTE };
    assert.equal(notices.due(next, T0), 'endsSoon', 'a short session is warned about at once');
    assert.equal(notices.refused('second'), true);
    assert.equal(notices.refused('second'), false);
  });

  it('keeps timers within what setTimeout can wait', () => {
    const notices = new SessionNotices();
    const longLived = { sessionId: 'long', expiresAt: T0 + 90 * 24 * 60 * MINUTE };
    assert.equal(notices.nextCheckIn(longLived, T0), MAX_TIMER_MS);
    assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
  });
});
