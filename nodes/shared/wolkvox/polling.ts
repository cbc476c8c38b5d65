import { DateTime } from 'luxon';
import type { RangeLimit } from './limits';
import { completeUntil, splitWallClockRange } from './planning';
import {
	floorToHour,
	formatWallClock,
	wallClockAt,
	type WallClockTime,
	type WallClockWindow,
} from './wallClock';

/** How long after an hour ends the trigger waits before fetching it, so Wolkvox has counted its last calls. */
export const SETTLE_MINUTES = { min: 0, max: 55 } as const;

/**
 * Which wall-clock hours a polling trigger fetches. An hour is emitted once it is complete on the
 * wall clock (the repeated fall-back hour after its second occurrence) plus a settling delay, so
 * Wolkvox has counted its last calls, and exactly once: the cursor is the first wall-clock hour not
 * emitted yet, kept by the caller across polls and restarts.
 */

export interface PollPlan {
	windows: WallClockWindow[];
	/** The cursor once these windows are emitted. */
	cursor: WallClockTime;
	/** Hours older than the catch-up limit that are skipped. */
	skipped?: WallClockWindow;
}

/** The next poll's windows. Without a cursor (first activation) it starts from now: no backfill. */
export function planPoll(
	cursor: WallClockTime | undefined,
	now: number,
	zone: string,
	settleMinutes: number,
	limit: RangeLimit,
): PollPlan {
	const until = completeUntil(now, zone, settleMinutes);
	if (!cursor || !cursor.isValid) return { windows: [], cursor: until };
	if (cursor >= until) return { windows: [], cursor };
	// After a long outage only one request's worth of hours is caught up, so re-activation never floods.
	const earliest = until.minus({ hours: limit.maxWindowHours });
	const from = cursor > earliest ? cursor : earliest;
	return {
		windows: splitWallClockRange(from, until, zone, limit.maxWindowHours),
		cursor: until,
		skipped: cursor < from ? { start: cursor, end: from, zone } : undefined,
	};
}

/** What the trigger keeps in the workflow's static data. */
export interface PollState {
	/** First wall-clock hour not emitted yet, ISO without offset (2026-11-01T01:00:00). */
	nextWallClockHour?: string;
	/** The cursor of earlier versions: the start of that hour as ISO with offset. Read, never written. */
	nextHourStart?: string;
}

/** The stored cursor as a wall-clock hour of `zone`, also from a workflow saved by an earlier version. */
export function readPollCursor(state: PollState, zone: string): WallClockTime | undefined {
	if (typeof state.nextWallClockHour === 'string') {
		const wall = DateTime.fromISO(state.nextWallClockHour, { zone: 'utc' });
		if (wall.isValid) return floorToHour(wall);
	}
	if (typeof state.nextHourStart === 'string') {
		const instant = DateTime.fromISO(state.nextHourStart, { setZone: true });
		if (instant.isValid) return floorToHour(wallClockAt(instant, zone));
	}
	return undefined;
}

/** Stores the cursor in the current form; an unchanged cursor is not written (n8n saves static data that changed). */
export function writePollCursor(state: PollState, cursor: WallClockTime): void {
	const text = formatWallClock(cursor);
	if (state.nextWallClockHour !== text) state.nextWallClockHour = text;
	if (state.nextHourStart !== undefined) delete state.nextHourStart;
}

/**
 * Polls of one trigger (workflow and node) in this process run one after the other, and each
 * remembers how far it emitted: two Poll Times in the same minute, or a slow poll still running when
 * the next tick fires, never emit the same wall-clock hour twice.
 */
export class PollGuard {
	private readonly running = new Map<string, Promise<unknown>>();
	private readonly emittedUntil = new Map<string, WallClockTime>();

	async exclusive<T>(key: string, poll: () => Promise<T>): Promise<T> {
		const previous = this.running.get(key) ?? Promise.resolve();
		const current = previous.then(poll, poll);
		this.running.set(key, current);
		try {
			return await current;
		} finally {
			if (this.running.get(key) === current) this.running.delete(key);
		}
	}

	/** The later of the stored cursor and what this process already emitted for `key`. */
	cursor(key: string, stored: WallClockTime | undefined): WallClockTime | undefined {
		const emitted = this.emittedUntil.get(key);
		if (!emitted) return stored;
		return !stored || emitted > stored ? emitted : stored;
	}

	emitted(key: string, cursor: WallClockTime): void {
		this.emittedUntil.set(key, cursor);
	}
}
