// @ts-check
'use strict';

/**
 * The Wolkvox Trigger's complete intervals through n8n-core's poll path against the simulator
 * (rows per interval of the window asked for): each 60/30/10-minute interval once, on New York's
 * and Lord Howe's clock-change nights, with overlapping polls, restarts, an outage and a change of
 * zone; one request per poll that has something new, none otherwise.
 */

const { DateTime } = require('luxon');
const { useSimulator } = require('./wolkvox');
const { setNow, pollTrigger, rangesOf } = require('./triggerPoll');

const sim = useSimulator({ intervalRows: true, skills: [{ id: 12, name: 'Ventas' }] });
const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';
const API = { 60: 'skill_4', 30: 'skill_4_1', 10: 'skill_4_2' };

/**
 * Polls every `stepMinutes` from `fromUtc` to `toUtc` (two overlapping polls at each tick, and a
 * restart every `restartEvery` ticks: a new node id, only the static data n8n saved), starting
 * from a first activation at `fromUtc`. Like n8n, the static data is saved after an activation's
 * poll and after a poll that emitted; in between, only the process remembers.
 * @param {{ minutes: 60 | 30 | 10, zone: string, fromUtc: string, toUtc: string, stepMinutes?: number,
 *   restartEvery?: number, id: string, report?: string, staticData?: object }} run
 */
async function pollAcross({
	minutes,
	zone,
	fromUtc,
	toUtc,
	stepMinutes = 5,
	restartEvery = 7,
	id,
	report = API[minutes],
	staticData = {},
}) {
	const parameters = { report, skillId: '12', options: { timezone: zone, settleMinutes: 5 } };
	/** @type {string[]} */
	const emitted = [];
	/** @type {Array<{ start: number, seconds: number }>} the real time of each row */
	const covered = [];
	/** @type {number[]} requests per tick */
	const requests = [];
	let tick = 0;
	for (let now = Date.parse(fromUtc); now <= Date.parse(toUtc); now += stepMinutes * 60_000) {
		setNow(now);
		const activation = tick % restartEvery === 0;
		const nodeId = `${id}-${Math.floor(tick++ / restartEvery)}`;
		const before = sim.stats().requests;
		const polls = await Promise.all([
			pollTrigger(sim, { parameters, staticData, nodeId }),
			pollTrigger(sim, { parameters, staticData, nodeId }),
		]);
		requests.push(sim.stats().requests - before);
		for (const poll of polls) expect(poll.error).toBeUndefined();
		expect(polls.filter((poll) => poll.rows.length > 0).length).toBeLessThanOrEqual(1);
		const winner = polls.find((poll) => poll.rows.length > 0) ?? polls[0];
		if (activation || winner.rows.length > 0) staticData = winner.staticData;
		const at = DateTime.fromMillis(now, { zone }).toFormat('HH:mm ZZ');
		for (const row of winner.rows) {
			emitted.push(`${at} | ${row.hour} ${row.interval_start} ${row.interval_seconds}`);
			covered.push({ start: Date.parse(row.interval_start), seconds: row.interval_seconds });
		}
	}
	return { emitted, covered, requests, staticData, ranges: rangesOf(sim, report) };
}

describe('New York, fall-back night 2026-11-01 (1 a.m. twice)', () => {
	test('hours: 1 a.m. once, after its second end, 7200 s', async () => {
		const { emitted, requests, ranges } = await pollAcross({
			minutes: 60,
			zone: NEW_YORK,
			fromUtc: '2026-11-01T04:30:00Z',
			toUtc: '2026-11-01T08:10:00Z',
			id: 'ny-60',
		});
		expect(emitted).toEqual([
			'01:05 -04:00 | 0 2026-11-01T00:00:00-04:00 3600',
			'02:05 -05:00 | 1 2026-11-01T01:00:00-04:00 7200',
			'03:05 -05:00 | 2 2026-11-01T02:00:00-05:00 3600',
		]);
		expect(ranges).toEqual([
			'20261101000000-20261101005959',
			'20261101010000-20261101015959',
			'20261101020000-20261101025959',
		]);
		// One request at each tick that had something new, none at the others.
		expect(requests.filter((count) => count > 0)).toEqual([1, 1, 1]);
	});

	test('half hours: 01:00 and 01:30 each once, after their second end, 3600 s each', async () => {
		const { emitted, ranges } = await pollAcross({
			minutes: 30,
			zone: NEW_YORK,
			fromUtc: '2026-11-01T04:50:00Z',
			toUtc: '2026-11-01T07:40:00Z',
			id: 'ny-30',
		});
		expect(emitted).toEqual([
			'01:05 -04:00 | 00:30 2026-11-01T00:30:00-04:00 1800',
			'01:35 -05:00 | 01:00 2026-11-01T01:00:00-04:00 3600',
			'02:05 -05:00 | 01:30 2026-11-01T01:30:00-04:00 3600',
			'02:35 -05:00 | 02:00 2026-11-01T02:00:00-05:00 1800',
		]);
		expect(ranges.length).toBe(4);
	});

	test('ten minutes: none of 1 a.m. during its first pass, then each ten minutes of it once with 1200 s', async () => {
		const { emitted, requests } = await pollAcross({
			minutes: 10,
			zone: NEW_YORK,
			fromUtc: '2026-11-01T05:40:00Z',
			toUtc: '2026-11-01T06:40:00Z',
			id: 'ny-10',
		});
		expect(emitted).toEqual([
			'01:15 -05:00 | 01:00 2026-11-01T01:00:00-04:00 1200',
			'01:25 -05:00 | 01:10 2026-11-01T01:10:00-04:00 1200',
			'01:35 -05:00 | 01:20 2026-11-01T01:20:00-04:00 1200',
		]);
		expect(requests.reduce((sum, count) => sum + count, 0)).toBe(emitted.length);
	});
});

describe('New York, spring-forward 2026-03-08 (2 a.m. skipped)', () => {
	test('half hours: the skipped hour rides with 01:30 in one request, its rows without a start and 0 s', async () => {
		const { emitted, ranges } = await pollAcross({
			minutes: 30,
			zone: NEW_YORK,
			fromUtc: '2026-03-08T06:20:00Z',
			toUtc: '2026-03-08T07:40:00Z',
			id: 'ny-spring-30',
		});
		expect(emitted).toEqual([
			'01:35 -05:00 | 01:00 2026-03-08T01:00:00-05:00 1800',
			'03:05 -04:00 | 01:30 2026-03-08T01:30:00-05:00 1800',
			'03:05 -04:00 | 02:00 null 0',
			'03:05 -04:00 | 02:30 null 0',
			'03:35 -04:00 | 03:00 2026-03-08T03:00:00-04:00 1800',
		]);
		expect(ranges).toEqual([
			'20260308010000-20260308012959',
			'20260308013000-20260308025959',
			'20260308030000-20260308032959',
		]);
	});
});

describe('Lord Howe (half-hour clock changes)', () => {
	test('fall-back 2026-04-05 (02:00 back to 01:30): half hours each once, the repeated 01:30 over 3600 s', async () => {
		const { emitted } = await pollAcross({
			minutes: 30,
			zone: LORD_HOWE,
			fromUtc: '2026-04-04T13:50:00Z',
			toUtc: '2026-04-04T16:10:00Z',
			id: 'lh-30',
		});
		expect(emitted).toEqual([
			'01:05 +11:00 | 00:30 2026-04-05T00:30:00+11:00 1800',
			'01:35 +11:00 | 01:00 2026-04-05T01:00:00+11:00 1800',
			'02:05 +10:30 | 01:30 2026-04-05T01:30:00+11:00 3600',
			'02:35 +10:30 | 02:00 2026-04-05T02:00:00+10:30 1800',
		]);
	});

	test('fall-back, hours: 1 a.m. once after the repeated half hour, 5400 s', async () => {
		const { emitted } = await pollAcross({
			minutes: 60,
			zone: LORD_HOWE,
			fromUtc: '2026-04-04T13:20:00Z',
			toUtc: '2026-04-04T16:40:00Z',
			id: 'lh-60',
		});
		expect(emitted).toEqual([
			'01:05 +11:00 | 0 2026-04-05T00:00:00+11:00 3600',
			'02:05 +10:30 | 1 2026-04-05T01:00:00+11:00 5400',
			'03:05 +10:30 | 2 2026-04-05T02:00:00+10:30 3600',
		]);
	});

	test('fall-back, ten minutes: 01:30, 01:40 and 01:50 each once after their second end, 1200 s', async () => {
		const { emitted } = await pollAcross({
			minutes: 10,
			zone: LORD_HOWE,
			fromUtc: '2026-04-04T14:30:00Z',
			toUtc: '2026-04-04T15:45:00Z',
			id: 'lh-10',
		});
		expect(emitted).toEqual([
			'01:35 +11:00 | 01:20 2026-04-05T01:20:00+11:00 600',
			'01:45 +10:30 | 01:30 2026-04-05T01:30:00+11:00 1200',
			'01:55 +10:30 | 01:40 2026-04-05T01:40:00+11:00 1200',
			'02:05 +10:30 | 01:50 2026-04-05T01:50:00+11:00 1200',
			'02:15 +10:30 | 02:00 2026-04-05T02:00:00+10:30 600',
		]);
	});

	test('spring-forward 2026-10-04 (02:00 to 02:30): the skipped half hour rides with 01:30', async () => {
		const { emitted } = await pollAcross({
			minutes: 30,
			zone: LORD_HOWE,
			fromUtc: '2026-10-03T14:20:00Z',
			toUtc: '2026-10-03T16:40:00Z',
			id: 'lh-spring-30',
		});
		expect(emitted).toEqual([
			'01:05 +10:30 | 00:30 2026-10-04T00:30:00+10:30 1800',
			'01:35 +10:30 | 01:00 2026-10-04T01:00:00+10:30 1800',
			'02:35 +11:00 | 01:30 2026-10-04T01:30:00+10:30 1800',
			'02:35 +11:00 | 02:00 null 0',
			'03:05 +11:00 | 02:30 2026-10-04T02:30:00+11:00 1800',
			'03:35 +11:00 | 03:00 2026-10-04T03:00:00+11:00 1800',
		]);
	});
});

describe('changing the zone compares real instants', () => {
	/** Real time covered, as consecutive [start, end) pieces in UTC: no overlap and no gap means each instant once. */
	const pieces = (/** @type {Array<{ start: number, seconds: number }>} */ covered) =>
		covered.map(
			({ start, seconds }) =>
				`${new Date(start).toISOString().slice(11, 16)}-${new Date(start + seconds * 1000).toISOString().slice(11, 16)}`,
		);

	test.each([
		['in the same process', 'same'],
		['after a restart', 'restarted'],
	])(
		'UTC -> Asia/Tokyo (%s): the half hours go on from the last one emitted, none repeated, none skipped',
		async (_how, restart) => {
			const before = await pollAcross({
				minutes: 30,
				zone: 'UTC',
				fromUtc: '2026-11-23T00:00:00Z',
				toUtc: '2026-11-23T02:00:00Z',
				id: `zone-${restart}`,
			});
			const after = await pollAcross({
				minutes: 30,
				zone: 'Asia/Tokyo',
				fromUtc: '2026-11-23T02:05:00Z',
				toUtc: '2026-11-23T03:40:00Z',
				id: restart === 'same' ? `zone-${restart}` : `zone-${restart}-after`,
				staticData: before.staticData,
			});
			expect(before.emitted).toEqual([
				'00:05 +00:00 | 23:30 2026-11-22T23:30:00Z 1800',
				'00:35 +00:00 | 00:00 2026-11-23T00:00:00Z 1800',
				'01:05 +00:00 | 00:30 2026-11-23T00:30:00Z 1800',
				'01:35 +00:00 | 01:00 2026-11-23T01:00:00Z 1800',
			]);
			expect(after.emitted).toEqual([
				'11:05 +09:00 | 10:30 2026-11-23T10:30:00+09:00 1800',
				'11:35 +09:00 | 11:00 2026-11-23T11:00:00+09:00 1800',
				'12:05 +09:00 | 11:30 2026-11-23T11:30:00+09:00 1800',
				'12:35 +09:00 | 12:00 2026-11-23T12:00:00+09:00 1800',
			]);
			expect(pieces([...before.covered, ...after.covered])).toEqual([
				'23:30-00:00',
				'00:00-00:30',
				'00:30-01:00',
				'01:00-01:30',
				'01:30-02:00',
				'02:00-02:30',
				'02:30-03:00',
				'03:00-03:30',
			]);
			expect(after.staticData).toMatchObject({
				'node:Wolkvox Trigger': { nextWallClockTime: '2026-11-23T12:30:00', zone: 'Asia/Tokyo' },
			});
		},
	);

	test('UTC -> Asia/Kolkata (half an hour off): the hour the change cuts is fetched from the cut, its real half hour once', async () => {
		const before = await pollAcross({
			minutes: 60,
			zone: 'UTC',
			fromUtc: '2026-11-23T00:30:00Z',
			toUtc: '2026-11-23T02:30:00Z',
			id: 'kolkata',
		});
		const after = await pollAcross({
			minutes: 60,
			zone: 'Asia/Kolkata',
			fromUtc: '2026-11-23T02:35:00Z',
			toUtc: '2026-11-23T04:40:00Z',
			id: 'kolkata',
			staticData: before.staticData,
		});
		expect(after.ranges).toEqual([
			'20261123000000-20261123005959',
			'20261123010000-20261123015959',
			'20261123073000-20261123075959',
			'20261123080000-20261123085959',
			'20261123090000-20261123095959',
		]);
		expect(after.emitted[0]).toBe('08:05 +05:30 | 7 2026-11-23T07:30:00+05:30 1800');
		expect(pieces([...before.covered, ...after.covered])).toEqual([
			'00:00-01:00',
			'01:00-02:00',
			'02:00-02:30',
			'02:30-03:30',
			'03:30-04:30',
		]);
	});
});

describe('outages, saved cursors, manual runs and options', () => {
	const BOGOTA = 'America/Bogota';
	const TARGET = {
		serviceLevelPercent: 80,
		answerWithinSeconds: 20,
		maxOccupancyPercent: 85,
		shrinkagePercent: 30,
	};

	test('after three days down: the last day is caught up in two requests cut at midnight, every ten minutes once; the gap is logged', async () => {
		setNow('2026-11-23T15:10:00Z'); // 10:10 in Bogotá
		const poll = await pollTrigger(sim, {
			parameters: { report: 'skill_4_2', skillId: '12', options: { timezone: BOGOTA } },
			staticData: {
				'node:Wolkvox Trigger': { nextWallClockTime: '2026-11-20T10:00:00', zone: BOGOTA },
			},
			nodeId: 'outage',
		});
		expect(poll.error).toBeUndefined();
		expect(rangesOf(sim, 'skill_4_2')).toEqual([
			'20261122100000-20261122235959',
			'20261123000000-20261123095959',
		]);
		const starts = new Set(poll.rows.map((row) => row.interval_start));
		expect([poll.rows.length, starts.size]).toEqual([144, 144]);
		expect(poll.rows.every((row) => row.interval_seconds === 600)).toBe(true);
		expect(poll.logs.join('\n')).toContain(
			'from 2026-11-20T10:00:00 to 2026-11-22T10:00:00 (America/Bogota) was not fetched (more than a day behind)',
		);
		expect(poll.nodeState).toEqual({ nextWallClockTime: '2026-11-23T10:00:00', zone: BOGOTA });
	});

	test("a 0.2.0 workflow (no event, no report; a wall-clock hour without zone) goes on in the workflow's zone", async () => {
		setNow('2026-11-23T15:10:00Z'); // 10:10 in New York
		const poll = await pollTrigger(sim, {
			parameters: { skillId: 'all', options: { settleMinutes: 5 } },
			staticData: { 'node:Wolkvox Trigger': { nextWallClockHour: '2026-11-23T08:00:00' } },
			nodeId: 'saved-0.2.0',
			timezone: NEW_YORK,
		});
		expect(poll.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20261123080000-20261123095959']);
		expect(poll.rows.length).toBeGreaterThan(0);
		expect(poll.rows.every((row) => /^2026-11-23T0[89]:00:00-05:00$/.test(row.hour_start))).toBe(
			true,
		);
		expect(poll.nodeState).toEqual({ nextWallClockTime: '2026-11-23T10:00:00', zone: NEW_YORK });
	});

	test('a failed poll moves nothing: the intervals come with the next poll', async () => {
		setNow('2026-11-23T15:10:00Z');
		const state = {
			'node:Wolkvox Trigger': { nextWallClockTime: '2026-11-23T09:30:00', zone: BOGOTA },
		};
		const parameters = { report: 'skill_4_1', skillId: '12', options: { timezone: BOGOTA } };
		sim.setQuota(sim.token, 0);
		const failed = await pollTrigger(sim, { parameters, staticData: state, nodeId: 'failing' });
		expect(failed.error?.message).toMatch(/quota/);
		expect(failed.nodeState).toEqual(state['node:Wolkvox Trigger']);
		sim.setQuota(sim.token, 100);
		const next = await pollTrigger(sim, { parameters, staticData: state, nodeId: 'failing' });
		expect(next.rows.map((row) => row.hour)).toEqual(['09:30']);
	});

	test('Fetch Test Event: the last complete interval, and the saved cursor stays as it was', async () => {
		setNow('2026-11-23T15:47:00Z'); // 10:47 in Bogotá
		const state = {
			'node:Wolkvox Trigger': { nextWallClockTime: '2026-11-23T08:00:00', zone: BOGOTA },
		};
		const manual = await pollTrigger(sim, {
			parameters: { report: 'skill_4_2', skillId: '12', options: { timezone: BOGOTA } },
			staticData: state,
			nodeId: 'manual',
			mode: 'manual',
		});
		expect(manual.error).toBeUndefined();
		expect(rangesOf(sim, 'skill_4_2')).toEqual(['20261123103000-20261123103959']);
		expect(manual.rows.map((row) => [row.hour, row.interval_seconds])).toEqual([['10:30', 600]]);
		expect([manual.staticDataChanged, manual.staticData]).toEqual([false, state]);
	});

	test('Staffing Check as on the node: Erlang C over the real length, 3600 s for the repeated 01:30 in New York', async () => {
		const { requiredAgents } = require('../../dist/nodes/shared/wolkvox/staffing/erlang');
		setNow('2026-11-01T07:05:00Z'); // 02:05 EST: 01:30 has ended twice
		const poll = await pollTrigger(sim, {
			parameters: {
				report: 'skill_4_1',
				skillId: '12',
				options: { timezone: NEW_YORK, staffingCheck: { target: TARGET } },
			},
			staticData: {
				'node:Wolkvox Trigger': { nextWallClockTime: '2026-11-01T01:30:00', zone: NEW_YORK },
			},
			nodeId: 'staffing',
		});
		expect(poll.error).toBeUndefined();
		const [row] = poll.rows;
		expect([row.hour, row.interval_start, row.interval_seconds]).toEqual([
			'01:30',
			'2026-11-01T01:30:00-04:00',
			3600,
		]);
		const expected = requiredAgents(row.inbound_calls, row.aht, 3600, {
			serviceLevel: 0.8,
			answerWithinSeconds: 20,
			maxOccupancy: 0.85,
			shrinkage: 0.3,
		});
		expect(row.erlang_agents_required).toBe(expected?.agentsRequired);
		expect(row.erlang_service_level).toEqual(expect.any(Number));
	});

	test('Raw Output with the staffing check, or a report the trigger does not offer: refused before any request', async () => {
		setNow('2026-11-23T15:10:00Z');
		const raw = await pollTrigger(sim, {
			parameters: {
				report: 'skill_4',
				skillId: '12',
				options: { rawOutput: true, staffingCheck: { target: TARGET } },
			},
			nodeId: 'raw-staffing',
		});
		expect(raw.error?.message).toMatch(/Staffing Check \(Erlang C\) needs typed rows/);
		const other = await pollTrigger(sim, {
			parameters: { report: 'agent_6', skillId: '12' },
			nodeId: 'other-report',
		});
		expect(other.error?.message).toMatch(/Report "agent_6" is not one the trigger offers/);
		expect(sim.stats().requests).toBe(0);
	});
});
