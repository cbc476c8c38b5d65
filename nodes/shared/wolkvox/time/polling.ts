import { DateTime, IANAZone } from 'luxon';
import { completeUntil, earliestReadingFrom, splitAtMidnights } from './planning';
import {
	floorToHour,
	formatWallClock,
	RealTime,
	wallClockAt,
	type WallClockTime,
	type WallClockWindow,
} from './wallClock';

/** How long after an interval ends the trigger waits before fetching it, so Wolkvox has counted its last calls. */
export const SETTLE_MINUTES = { min: 0, max: 55 } as const;

/** After an outage at most one wall-clock day is caught up, so re-activation never floods. */
const CATCH_UP_HOURS = 24;

/**
 * Which wall-clock intervals a polling trigger fetches. An interval is emitted once it is complete
 * on the wall clock (the repeated fall-back hour after its second occurrence) plus a settling delay,
 * so Wolkvox has counted its last calls, and exactly once: the cursor is the first wall-clock time
 * not emitted yet, kept with its zone by the caller across polls and restarts.
 */

/** Every wall-clock interval of `zone` before `wall` is emitted. */
export interface PollCursor {
	wall: WallClockTime;
	zone: string;
}

export interface PollPlan {
	/** Cut at midnights: rows keyed by time of day never meet the same time twice in one request. */
	windows: WallClockWindow[];
	/** The cursor (on the poll's wall clock) once these windows are emitted. */
	cursor: WallClockTime;
	/** Intervals older than the catch-up limit that are skipped. */
	skipped?: WallClockWindow;
}

/** The next poll's windows. Without a cursor (first activation) it starts from now: no backfill. */
export function planPoll(
	cursor: WallClockTime | undefined,
	now: number,
	zone: string,
	settleMinutes: number,
	intervalMinutes: number,
): PollPlan {
	const until = completeUntil(now, zone, settleMinutes, intervalMinutes);
	if (!cursor || !cursor.isValid) return { windows: [], cursor: until };
	if (cursor >= until) return { windows: [], cursor };
	const earliest = until.minus({ hours: CATCH_UP_HOURS });
	const from = cursor > earliest ? cursor : earliest;
	return {
		windows: splitAtMidnights(from, until, zone),
		cursor: until,
		skipped: cursor < from ? { start: cursor, end: from, zone } : undefined,
	};
}

/**
 * The instant from which the clock of the cursor's zone never again shows a reading before it:
 * every interval before the cursor has ended by then (after a fall-back, at its second end).
 */
export function cursorInstant({ wall, zone }: PollCursor): number {
	const dayBefore = wall.minus({ days: 1 });
	const { last } = new RealTime(zone, dayBefore, wall).cover(dayBefore.toMillis(), wall.toMillis());
	// A whole day of readings always occurs somewhere.
	return last as number;
}

/**
 * The cursor on the wall clock of `zone`. Another zone's cursor becomes the earliest reading of
 * `zone` from the cursor's instant on, so changing the trigger's zone neither repeats nor skips
 * real time (an interval the change cuts is fetched from the cut, dated by its real part).
 */
export function cursorIn(cursor: PollCursor, zone: string): WallClockTime {
	return cursor.zone === zone ? cursor.wall : earliestReadingFrom(cursorInstant(cursor), zone);
}

/** What the trigger keeps in the workflow's static data. */
export interface PollState {
	/** First wall-clock time not emitted yet, ISO without offset (2026-11-01T01:30:00), on the clock of `zone`. */
	nextWallClockTime?: string;
	/** IANA zone of `nextWallClockTime`. */
	zone?: string;
	/** The cursor of 0.2.0: a wall-clock hour without zone. Read, never written. */
	nextWallClockHour?: string;
	/** The cursor of 0.1.0: the start of that hour as ISO with offset. Read, never written. */
	nextHourStart?: string;
}

function wallClockText(text: unknown): WallClockTime | undefined {
	if (typeof text !== 'string') return undefined;
	const wall = DateTime.fromISO(text, { zone: 'utc' });
	return wall.isValid ? wall : undefined;
}

/**
 * The stored cursor, also from a workflow saved by an earlier version: a wall-clock hour without
 * zone is on the clock of `zone` (the zone the workflow runs in), an instant is read there.
 */
export function readPollCursor(state: PollState, zone: string): PollCursor | undefined {
	const wall = wallClockText(state.nextWallClockTime);
	if (wall) {
		const stored = typeof state.zone === 'string' && IANAZone.isValidZone(state.zone);
		return { wall, zone: stored ? (state.zone as string) : zone };
	}
	const hour = wallClockText(state.nextWallClockHour);
	if (hour) return { wall: floorToHour(hour), zone };
	if (typeof state.nextHourStart === 'string') {
		const instant = DateTime.fromISO(state.nextHourStart, { setZone: true });
		if (instant.isValid) return { wall: floorToHour(wallClockAt(instant, zone)), zone };
	}
	return undefined;
}

/** Stores the cursor in the current form; an unchanged cursor is not written (n8n saves static data that changed). */
export function writePollCursor(state: PollState, cursor: PollCursor): void {
	const text = formatWallClock(cursor.wall);
	if (state.nextWallClockTime !== text) state.nextWallClockTime = text;
	if (state.zone !== cursor.zone) state.zone = cursor.zone;
	if (state.nextWallClockHour !== undefined) delete state.nextWallClockHour;
	if (state.nextHourStart !== undefined) delete state.nextHourStart;
}

/**
 * Polls of one trigger (workflow and node) in this process run one after the other, and each
 * remembers how far it got: two Poll Times in the same minute, or a slow poll still running when
 * the next tick fires, never emit the same interval or incident twice, even when a poll is handed
 * an older copy of the static data. `isAhead(a, b)` tells whether progress `a` is past `b`.
 */
export class PollGuard<Progress> {
	private readonly running = new Map<string, Promise<unknown>>();
	private readonly reached = new Map<string, Progress>();

	constructor(private readonly isAhead: (a: Progress, b: Progress) => boolean) {}

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

	/** The further of the stored progress and what this process already reached for `key`. */
	latest(key: string, stored: Progress | undefined): Progress | undefined {
		const reached = this.reached.get(key);
		if (reached === undefined) return stored;
		return stored === undefined || this.isAhead(reached, stored) ? reached : stored;
	}

	reach(key: string, progress: Progress): void {
		this.reached.set(key, progress);
	}
}

/** Guards the interval cursors: the later real instant wins, whatever zone each was kept in. */
export function cursorGuard(): PollGuard<PollCursor> {
	return new PollGuard<PollCursor>((a, b) => cursorInstant(a) > cursorInstant(b));
}
