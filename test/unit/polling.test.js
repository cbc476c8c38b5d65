// @ts-check
const { DateTime } = require('luxon');
const {
	planPoll,
	readPollCursor,
	writePollCursor,
	PollGuard,
} = require('../../dist/nodes/shared/wolkvox/polling');
const { rangeLimitOf } = require('../../dist/nodes/shared/wolkvox/limits');

/** Workforce per Hour's: one day per request. */
const LIMIT = rangeLimitOf(1);
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/wolkvoxDates');

const zone = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const at = (/** @type {string} */ text, inZone = zone) => DateTime.fromISO(text, { zone: inZone });
const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
const text = (/** @type {DateTime} */ time) => time.toFormat("yyyy-MM-dd'T'HH:mm");
const sent = (/** @type {any[]} */ windows) =>
	windows.map((w) => Object.values(windowQuery(w)).join('-'));

describe('planPoll', () => {
	test('first activation starts from now: no windows, cursor at the current incomplete wall hour', () => {
		const plan = planPoll(undefined, at('2026-11-23T10:17'), zone, 5, LIMIT);
		expect(plan.windows).toEqual([]);
		expect(text(plan.cursor)).toBe('2026-11-23T10:00');
	});

	test('an hour is fetched once it is complete plus the settling time, then never again', () => {
		let plan = planPoll(wall('2026-11-23T10:00'), at('2026-11-23T11:03'), zone, 5, LIMIT);
		expect(plan.windows).toEqual([]); // 11:03 is within the 5 settling minutes

		plan = planPoll(wall('2026-11-23T10:00'), at('2026-11-23T11:05'), zone, 5, LIMIT);
		expect(sent(plan.windows)).toEqual(['20261123100000-20261123105959']);
		expect(text(plan.cursor)).toBe('2026-11-23T11:00');

		expect(planPoll(plan.cursor, at('2026-11-23T11:50'), zone, 5, LIMIT).windows).toEqual([]);
	});

	test('after a few hours down, the missed hours come in one window', () => {
		const plan = planPoll(wall('2026-11-23T06:00'), at('2026-11-23T10:10'), zone, 5, LIMIT);
		expect(sent(plan.windows)).toEqual(['20261123060000-20261123095959']);
		expect(plan.skipped).toBeUndefined();
	});

	test('after days down, only the last 24 hours are caught up and the gap is reported', () => {
		const plan = planPoll(wall('2026-11-20T00:00'), at('2026-11-23T10:10'), zone, 5, LIMIT);
		expect(sent(plan.windows)).toEqual(['20261122100000-20261123095959']);
		expect(plan.skipped && text(plan.skipped.start)).toBe('2026-11-20T00:00');
	});

	test('regression: the repeated fall-back hour is emitted once, after its second occurrence (New York 2026-11-01)', () => {
		/** @type {any} */
		let cursor = wall('2026-11-01T00:00');
		const emitted = [];
		for (let minute = 0; minute <= 5 * 60; minute += 10) {
			const now = DateTime.fromISO('2026-11-01T04:00:00Z').plus({ minutes: minute });
			const plan = planPoll(cursor, now, NEW_YORK, 5, LIMIT);
			for (const window of plan.windows)
				emitted.push({ hour: sent([window])[0], at: now.setZone(NEW_YORK).toISO() });
			cursor = plan.cursor;
		}
		expect(emitted.map((entry) => entry.hour)).toEqual([
			'20261101000000-20261101005959',
			'20261101010000-20261101015959',
			'20261101020000-20261101025959',
		]);
		expect(emitted[1].at).toBe('2026-11-01T02:10:00.000-05:00'); // not at 02:10 EDT = 01:10 EST
	});
});

describe('the stored cursor', () => {
	test('is written as a wall-clock hour and read back', () => {
		/** @type {any} */
		const state = {};
		writePollCursor(state, wall('2026-11-01T01:00'));
		expect(state).toEqual({ nextWallClockHour: '2026-11-01T01:00:00' });
		expect(text(readPollCursor(state, NEW_YORK))).toBe('2026-11-01T01:00');
	});

	test('a cursor saved by an earlier version (ISO with offset) is read on the wall clock of the zone', () => {
		expect(text(readPollCursor({ nextHourStart: '2026-11-23T10:00:00.000-05:00' }, zone))).toBe(
			'2026-11-23T10:00',
		);
		expect(text(readPollCursor({ nextHourStart: '2026-11-01T06:00:00.000Z' }, NEW_YORK))).toBe(
			'2026-11-01T01:00',
		);
		/** @type {any} */
		const state = { nextHourStart: '2026-11-23T10:00:00.000-05:00' };
		writePollCursor(state, wall('2026-11-23T11:00'));
		expect(state).toEqual({ nextWallClockHour: '2026-11-23T11:00:00' });
	});

	test('nothing or garbage stored: no cursor (first activation)', () => {
		expect(readPollCursor({}, zone)).toBeUndefined();
		expect(readPollCursor({ nextWallClockHour: 'x', nextHourStart: 'y' }, zone)).toBeUndefined();
	});
});

describe('PollGuard', () => {
	test('regression: two overlapping polls of one trigger run one after the other and never emit an hour twice', async () => {
		const guard = new PollGuard();
		/** @type {any} */
		const state = { nextWallClockHour: '2026-11-23T08:00:00' };
		/** @type {string[]} */
		const emitted = [];
		let releaseFirst = () => {};
		const firstFetch = new Promise((resolve) => (releaseFirst = () => resolve(undefined)));
		const poll = (/** @type {Promise<unknown>} */ fetching) =>
			guard.exclusive('wf:node', async () => {
				const plan = planPoll(
					guard.cursor('wf:node', readPollCursor(state, zone)),
					at('2026-11-23T10:10'),
					zone,
					5,
					LIMIT,
				);
				await fetching;
				emitted.push(...sent(plan.windows));
				writePollCursor(state, plan.cursor);
				guard.emitted('wf:node', plan.cursor);
			});
		const slow = poll(firstFetch);
		const fast = poll(Promise.resolve());
		releaseFirst();
		await Promise.all([slow, fast]);
		expect(emitted).toEqual(['20261123080000-20261123095959']);
	});

	test('the in-process cursor wins over a stale copy of the static data', () => {
		const guard = new PollGuard();
		guard.emitted('k', wall('2026-11-23T10:00'));
		expect(text(guard.cursor('k', wall('2026-11-23T08:00')))).toBe('2026-11-23T10:00');
		expect(text(guard.cursor('k', wall('2026-11-23T11:00')))).toBe('2026-11-23T11:00');
		expect(guard.cursor('other', undefined)).toBeUndefined();
	});

	test('a failing poll does not block the next one', async () => {
		const guard = new PollGuard();
		await expect(
			guard.exclusive('k', async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		await expect(guard.exclusive('k', async () => 'ok')).resolves.toBe('ok');
	});
});
