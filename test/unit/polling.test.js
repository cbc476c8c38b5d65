// @ts-check
const { DateTime } = require('luxon');
const {
	planPoll,
	readPollCursor,
	writePollCursor,
	cursorIn,
	cursorInstant,
	cursorGuard,
	PollGuard,
} = require('../../dist/nodes/shared/wolkvox/time/polling');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/time/wolkvoxDates');

const zone = 'America/Bogota';
const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';
const at = (/** @type {string} */ text, inZone = zone) =>
	DateTime.fromISO(text, { zone: inZone }).toMillis();
const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
const text = (/** @type {DateTime} */ time) => time.toFormat("yyyy-MM-dd'T'HH:mm");
const sent = (/** @type {any[]} */ windows) =>
	windows.map((w) => Object.values(windowQuery(w)).join('-'));

/**
 * Polls every `stepMinutes` over [fromUtc, toUtc] from `cursor`: each window sent, with the poll's
 * local time.
 * @param {string} inZone @param {number} intervalMinutes @param {string} fromUtc @param {string} toUtc
 */
function pollAcross(inZone, intervalMinutes, fromUtc, toUtc, stepMinutes = 5, settle = 5) {
	/** @type {any} */
	let cursor = planPoll(undefined, Date.parse(fromUtc), inZone, settle, intervalMinutes).cursor;
	/** @type {Array<{ window: string, at: string }>} */
	const emitted = [];
	for (let now = Date.parse(fromUtc); now <= Date.parse(toUtc); now += stepMinutes * 60_000) {
		const plan = planPoll(cursor, now, inZone, settle, intervalMinutes);
		for (const window of plan.windows)
			emitted.push({
				window: sent([window])[0],
				at: DateTime.fromMillis(now, { zone: inZone }).toFormat('HH:mm ZZ'),
			});
		cursor = plan.cursor;
	}
	return emitted;
}

describe('planPoll', () => {
	test('first activation starts from now: no windows, cursor at the current incomplete interval', () => {
		expect(text(planPoll(undefined, at('2026-11-23T10:17'), zone, 5, 60).cursor)).toBe(
			'2026-11-23T10:00',
		);
		expect(text(planPoll(undefined, at('2026-11-23T10:17'), zone, 5, 30).cursor)).toBe(
			'2026-11-23T10:00',
		);
		expect(text(planPoll(undefined, at('2026-11-23T10:17'), zone, 5, 10).cursor)).toBe(
			'2026-11-23T10:10',
		);
		expect(planPoll(undefined, at('2026-11-23T10:17'), zone, 5, 10).windows).toEqual([]);
	});

	test('an interval is fetched once it is complete plus the settling time, then never again', () => {
		let plan = planPoll(wall('2026-11-23T10:00'), at('2026-11-23T11:03'), zone, 5, 60);
		expect(plan.windows).toEqual([]); // 11:03 is within the 5 settling minutes

		plan = planPoll(wall('2026-11-23T10:00'), at('2026-11-23T11:05'), zone, 5, 60);
		expect(sent(plan.windows)).toEqual(['20261123100000-20261123105959']);
		expect(text(plan.cursor)).toBe('2026-11-23T11:00');

		expect(planPoll(plan.cursor, at('2026-11-23T11:50'), zone, 5, 60).windows).toEqual([]);
	});

	test('half hours and ten minutes: each interval once, on the interval grid of the wall clock', () => {
		expect(
			pollAcross(zone, 30, '2026-11-23T15:00:00Z', '2026-11-23T16:40:00Z').map((e) => e.window),
		).toEqual([
			'20261123093000-20261123095959',
			'20261123100000-20261123102959',
			'20261123103000-20261123105959',
			'20261123110000-20261123112959',
		]);
		expect(
			pollAcross(zone, 10, '2026-11-23T15:00:00Z', '2026-11-23T15:40:00Z').map((e) => e.window),
		).toEqual([
			'20261123095000-20261123095959',
			'20261123100000-20261123100959',
			'20261123101000-20261123101959',
			'20261123102000-20261123102959',
		]);
	});

	test('after a few hours down, the missed intervals come in one window', () => {
		const plan = planPoll(wall('2026-11-23T06:00'), at('2026-11-23T10:10'), zone, 5, 30);
		expect(sent(plan.windows)).toEqual(['20261123060000-20261123095959']);
		expect(plan.skipped).toBeUndefined();
	});

	test('regression: after an outage across midnight, one request per wall-clock day (a time of day never twice in one request)', () => {
		const plan = planPoll(wall('2026-11-22T20:00'), at('2026-11-23T02:10'), zone, 5, 60);
		expect(sent(plan.windows)).toEqual([
			'20261122200000-20261122235959',
			'20261123000000-20261123015959',
		]);
	});

	test('after days down, only the last day is caught up (two requests, cut at midnight) and the gap is reported', () => {
		const plan = planPoll(wall('2026-11-20T00:00'), at('2026-11-23T10:10'), zone, 5, 10);
		expect(sent(plan.windows)).toEqual([
			'20261122100000-20261122235959',
			'20261123000000-20261123095959',
		]);
		expect(plan.skipped && text(plan.skipped.start)).toBe('2026-11-20T00:00');
		expect(plan.skipped && text(plan.skipped.end)).toBe('2026-11-22T10:00');
	});

	test('regression: the repeated fall-back hour is emitted once, after its second occurrence (New York 2026-11-01)', () => {
		const emitted = pollAcross(NEW_YORK, 60, '2026-11-01T04:00:00Z', '2026-11-01T09:00:00Z', 10);
		expect(emitted.map((entry) => entry.window)).toEqual([
			'20261031230000-20261031235959',
			'20261101000000-20261101005959',
			'20261101010000-20261101015959',
			'20261101020000-20261101025959',
		]);
		expect(emitted[2].at).toBe('02:10 -05:00'); // not at 02:10 EDT = 01:10 EST
	});

	test('New York fall-back in half hours: 01:00 and 01:30 each once, after their second occurrence', () => {
		const emitted = pollAcross(NEW_YORK, 30, '2026-11-01T04:50:00Z', '2026-11-01T07:40:00Z');
		expect(emitted).toEqual([
			{ window: '20261101003000-20261101005959', at: '01:05 -04:00' },
			{ window: '20261101010000-20261101012959', at: '01:35 -05:00' },
			{ window: '20261101013000-20261101015959', at: '02:05 -05:00' },
			{ window: '20261101020000-20261101022959', at: '02:35 -05:00' },
		]);
	});

	test('New York spring-forward in ten minutes: the skipped hour rides along with 01:50, in one request', () => {
		const emitted = pollAcross(NEW_YORK, 10, '2026-03-08T06:40:00Z', '2026-03-08T07:30:00Z');
		expect(emitted).toEqual([
			{ window: '20260308013000-20260308013959', at: '01:45 -05:00' },
			{ window: '20260308014000-20260308014959', at: '01:55 -05:00' },
			{ window: '20260308015000-20260308025959', at: '03:05 -04:00' },
			{ window: '20260308030000-20260308030959', at: '03:15 -04:00' },
			{ window: '20260308031000-20260308031959', at: '03:25 -04:00' },
		]);
	});

	test('Lord Howe fall-back (half an hour back at 02:00): the repeated 01:30 is emitted after its second end', () => {
		// 2026-04-05 02:00 +11:00 -> 01:30 +10:30.
		const emitted = pollAcross(LORD_HOWE, 30, '2026-04-04T14:10:00Z', '2026-04-04T16:10:00Z');
		expect(emitted).toEqual([
			{ window: '20260405010000-20260405012959', at: '01:35 +11:00' },
			{ window: '20260405013000-20260405015959', at: '02:05 +10:30' },
			{ window: '20260405020000-20260405022959', at: '02:35 +10:30' },
		]);
		const hourly = pollAcross(LORD_HOWE, 60, '2026-04-04T13:10:00Z', '2026-04-04T16:40:00Z');
		expect(hourly.map((entry) => entry.window)).toEqual([
			'20260405000000-20260405005959',
			'20260405010000-20260405015959',
			'20260405020000-20260405025959',
		]);
		expect(hourly[1].at).toBe('02:05 +10:30');
	});

	test('Lord Howe spring-forward (02:00 -> 02:30): the skipped half hour rides along with 01:30, in one request', () => {
		// 2026-10-04 02:00 +10:30 -> 02:30 +11:00.
		const emitted = pollAcross(LORD_HOWE, 30, '2026-10-03T15:00:00Z', '2026-10-03T16:40:00Z');
		expect(emitted).toEqual([
			{ window: '20261004010000-20261004012959', at: '01:35 +10:30' },
			{ window: '20261004013000-20261004022959', at: '02:35 +11:00' },
			{ window: '20261004023000-20261004025959', at: '03:05 +11:00' },
			{ window: '20261004030000-20261004032959', at: '03:35 +11:00' },
		]);
	});
});

describe('the stored cursor', () => {
	test('is written as a wall-clock time with its zone and read back', () => {
		/** @type {any} */
		const state = {};
		writePollCursor(state, { wall: wall('2026-11-01T01:30'), zone: NEW_YORK });
		expect(state).toEqual({ nextWallClockTime: '2026-11-01T01:30:00', zone: NEW_YORK });
		const cursor = readPollCursor(state, 'UTC');
		expect(cursor && [text(cursor.wall), cursor.zone]).toEqual(['2026-11-01T01:30', NEW_YORK]);
	});

	test("0.2.0's wall-clock hour without zone is read in the zone the workflow runs in, and replaced", () => {
		/** @type {any} */
		const state = { nextWallClockHour: '2026-11-01T01:00:00' };
		const cursor = readPollCursor(state, NEW_YORK);
		expect(cursor && [text(cursor.wall), cursor.zone]).toEqual(['2026-11-01T01:00', NEW_YORK]);
		writePollCursor(state, { wall: wall('2026-11-01T02:00'), zone: NEW_YORK });
		expect(state).toEqual({ nextWallClockTime: '2026-11-01T02:00:00', zone: NEW_YORK });
	});

	test("0.1.0's cursor (ISO with offset) is read on the wall clock of the zone, and replaced", () => {
		expect(
			text(
				/** @type {any} */ (
					readPollCursor({ nextHourStart: '2026-11-23T10:00:00.000-05:00' }, zone)
				).wall,
			),
		).toBe('2026-11-23T10:00');
		expect(
			text(
				/** @type {any} */ (readPollCursor({ nextHourStart: '2026-11-01T06:00:00.000Z' }, NEW_YORK))
					.wall,
			),
		).toBe('2026-11-01T01:00');
		/** @type {any} */
		const state = { nextHourStart: '2026-11-23T10:00:00.000-05:00' };
		writePollCursor(state, { wall: wall('2026-11-23T11:00'), zone });
		expect(state).toEqual({ nextWallClockTime: '2026-11-23T11:00:00', zone });
	});

	test('nothing or garbage stored: no cursor (first activation); an unknown zone is the current one', () => {
		expect(readPollCursor({}, zone)).toBeUndefined();
		expect(
			readPollCursor({ nextWallClockTime: 'x', nextWallClockHour: 'x', nextHourStart: 'y' }, zone),
		).toBeUndefined();
		expect(
			readPollCursor({ nextWallClockTime: '2026-11-23T11:00:00', zone: 'Mars/Olympus' }, zone)
				?.zone,
		).toBe(zone);
	});
});

describe('changing the zone compares real instants', () => {
	test('UTC -> Asia/Tokyo: the next interval is the one right after what was emitted, neither repeated nor skipped', () => {
		const cursor = { wall: wall('2026-11-23T01:00'), zone: 'UTC' };
		expect(text(cursorIn(cursor, 'Asia/Tokyo'))).toBe('2026-11-23T10:00');
		expect(text(cursorIn(cursor, 'UTC'))).toBe('2026-11-23T01:00');
	});

	test('a zone half an hour off cuts an interval: it is fetched from the cut', () => {
		expect(text(cursorIn({ wall: wall('2026-11-23T10:00'), zone: 'UTC' }, 'Asia/Kolkata'))).toBe(
			'2026-11-23T15:30',
		);
	});

	test('a cursor just after a repeated hour stands for the end of its second occurrence', () => {
		// New York, 2026-11-01: 01:00 EST (06:00Z) ends the second pass of 1 a.m.
		expect(cursorInstant({ wall: wall('2026-11-01T02:00'), zone: NEW_YORK })).toBe(
			Date.parse('2026-11-01T07:00:00Z'),
		);
		expect(cursorInstant({ wall: wall('2026-11-01T01:00'), zone: NEW_YORK })).toBe(
			Date.parse('2026-11-01T05:00:00Z'),
		);
		expect(cursorInstant({ wall: wall('2026-11-01T01:30'), zone: NEW_YORK })).toBe(
			Date.parse('2026-11-01T06:30:00Z'),
		);
		// A cursor in the skipped spring-forward hour stands for the jump.
		expect(cursorInstant({ wall: wall('2026-03-08T02:30'), zone: NEW_YORK })).toBe(
			Date.parse('2026-03-08T07:00:00Z'),
		);
		// Into New York from UTC right after the second pass of 1 a.m. began: 1 a.m. is not over.
		expect(text(cursorIn({ wall: wall('2026-11-01T06:00'), zone: 'UTC' }, NEW_YORK))).toBe(
			'2026-11-01T01:00',
		);
	});
});

describe('PollGuard', () => {
	test('regression: two overlapping polls of one trigger run one after the other and never emit an interval twice', async () => {
		const guard = cursorGuard();
		/** @type {any} */
		const state = { nextWallClockTime: '2026-11-23T08:00:00', zone };
		/** @type {string[]} */
		const emitted = [];
		let releaseFirst = () => {};
		const firstFetch = new Promise((resolve) => (releaseFirst = () => resolve(undefined)));
		const poll = (/** @type {Promise<unknown>} */ fetching) =>
			guard.exclusive('wf:node', async () => {
				const cursor = guard.latest('wf:node', readPollCursor(state, zone));
				const plan = planPoll(
					cursor && cursorIn(cursor, zone),
					at('2026-11-23T10:10'),
					zone,
					5,
					60,
				);
				await fetching;
				emitted.push(...sent(plan.windows));
				writePollCursor(state, { wall: plan.cursor, zone });
				guard.reach('wf:node', { wall: plan.cursor, zone });
			});
		const slow = poll(firstFetch);
		const fast = poll(Promise.resolve());
		releaseFirst();
		await Promise.all([slow, fast]);
		expect(emitted).toEqual(['20261123080000-20261123095959']);
	});

	test('the in-process cursor wins over a stale copy of the static data, compared as real instants across zones', () => {
		const guard = cursorGuard();
		guard.reach('k', { wall: wall('2026-11-23T10:00'), zone: 'UTC' });
		const later = guard.latest('k', { wall: wall('2026-11-23T08:00'), zone: 'UTC' });
		expect(later && text(later.wall)).toBe('2026-11-23T10:00');
		// 18:00 in Tokyo is 09:00 UTC: still behind.
		expect(guard.latest('k', { wall: wall('2026-11-23T18:00'), zone: 'Asia/Tokyo' })?.zone).toBe(
			'UTC',
		);
		// 20:00 in Tokyo is 11:00 UTC: ahead.
		expect(guard.latest('k', { wall: wall('2026-11-23T20:00'), zone: 'Asia/Tokyo' })?.zone).toBe(
			'Asia/Tokyo',
		);
		expect(guard.latest('other', undefined)).toBeUndefined();
	});

	test('a failing poll does not block the next one', async () => {
		const guard = new PollGuard(() => false);
		await expect(
			guard.exclusive('k', async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		await expect(guard.exclusive('k', async () => 'ok')).resolves.toBe('ok');
	});
});
