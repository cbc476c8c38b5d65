import { DateTime } from 'luxon';
import { MAX_WINDOW_HOURS } from './limits';
import { splitIntoWindows, type WorkforceWindow } from './window';

/**
 * Which hours a polling trigger fetches. An hour is emitted once it is complete (plus a settling
 * delay, so Wolkvox has counted its last calls), exactly once: the cursor is the start of the first
 * hour not emitted yet, kept by the caller across polls and restarts.
 */

/** After a long outage only this many hours are caught up, so re-activation never floods. */
export const MAX_CATCH_UP_HOURS = MAX_WINDOW_HOURS;

export interface PollPlan {
	windows: WorkforceWindow[];
	/** The cursor once these windows are emitted. */
	cursor: DateTime;
	/** Hours older than the catch-up limit that are skipped. */
	skipped?: WorkforceWindow;
}

/** Start of the first hour that is not complete yet (an hour counts as complete `settleMinutes` after it ends). */
export function completeUntil(now: DateTime, settleMinutes: number): DateTime {
	return now.minus({ minutes: settleMinutes }).startOf('hour');
}

/** The next poll's windows. Without a cursor (first activation) it starts from now: no backfill. */
export function planPoll(
	cursor: DateTime | undefined,
	now: DateTime,
	settleMinutes: number,
): PollPlan {
	const until = completeUntil(now, settleMinutes);
	if (!cursor || !cursor.isValid) return { windows: [], cursor: until };
	if (cursor >= until) return { windows: [], cursor };
	const earliest = until.minus({ hours: MAX_CATCH_UP_HOURS });
	const from = DateTime.max(cursor, earliest);
	return {
		windows: splitIntoWindows(from, until),
		cursor: until,
		skipped: cursor < from ? { start: cursor, end: from } : undefined,
	};
}

/** What a manual test of the trigger shows: the last complete hour. */
export function lastCompleteHourWindow(now: DateTime, settleMinutes: number): WorkforceWindow {
	const until = completeUntil(now, settleMinutes);
	return { start: until.minus({ hours: 1 }), end: until };
}
