// @ts-check
'use strict';

/**
 * The wall-clock rules of issue 13 through n8n-core's real engine against the simulator, on the
 * days that break naive planning: Santiago's missing and repeated hours, New York's 25-hour day,
 * Madrid's "Today So Far" on the fall-back day, and the trigger across a fall-back night. "Now" is
 * set with luxon's Settings.now, which the node reads through DateTime.now().
 */

const { DateTime, Settings } = require('luxon');
const { loadPackageTypes, runPoll } = require('../../tools/harness');
const { requiredAgents } = require('../../dist/nodes/shared/wolkvox/staffing/erlang');
const {
	useSimulator,
	runWolkvox,
	customRange,
	expectedOutput,
	simulatorCredential,
} = require('./wolkvox');

const sim = useSimulator();
const SANTIAGO = 'America/Santiago';
const NEW_YORK = 'America/New_York';
const MADRID = 'Europe/Madrid';

const realNow = Settings.now;
afterEach(() => {
	Settings.now = realNow;
});
const setNow = (/** @type {string} */ iso, /** @type {string} */ zone) => {
	const millis = DateTime.fromISO(iso, { zone }).toMillis();
	Settings.now = () => millis;
};
/** Runs the node with a preset range at `now` in `zone`. */
const runPreset = (
	/** @type {string} */ range,
	/** @type {string} */ now,
	/** @type {string} */ zone,
	extra = {},
) => {
	setNow(now, zone);
	return runWolkvox(sim, { skillId: 'all', range, options: { timezone: zone }, ...extra });
};

describe('America/Santiago', () => {
	test('regression: "Yesterday" on 2026-09-06 (midnight skipped) fetches hour 00 of 5 Sep, in one request', async () => {
		const result = await runPreset('yesterday', '2026-09-06T09:00', SANTIAGO);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20260905000000-20260905235959']);
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				start: '2026-09-05T00:00:00',
				end: '2026-09-06T00:00:00',
				zone: SANTIAGO,
			}),
		);
		expect(result.rows.some((row) => row.hour === 0)).toBe(true);
	});

	test('regression: "Yesterday" on 2026-04-05 (23:00 repeated) is one request, the repeated hour once with 7200 s', async () => {
		const result = await runPreset('yesterday', '2026-04-05T09:00', SANTIAGO);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20260404000000-20260404235959']);
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				start: '2026-04-04T00:00:00',
				end: '2026-04-05T00:00:00',
				zone: SANTIAGO,
			}),
		);
		const lateHour = result.rows.filter((row) => row.hour === 23);
		expect(lateHour.length).toBeGreaterThan(0);
		for (const row of lateHour)
			expect([row.hour_start, row.interval_seconds]).toEqual(['2026-04-04T23:00:00-03:00', 7200]);
	});

	test('regression: the spring-forward day 2026-09-06 is one request from the skipped midnight; that hour has no start and 0 s', async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-09-06T00:00:00', '2026-09-07T00:00:00', {
				options: { timezone: SANTIAGO },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20260906000000-20260906235959']);
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				start: '2026-09-06T00:00:00',
				end: '2026-09-07T00:00:00',
				zone: SANTIAGO,
			}),
		);
		for (const row of result.rows.filter((row) => row.hour === 0))
			expect([row.hour_start, row.interval_seconds]).toEqual([null, 0]);
	});

	test('regression: a split range over 2-7 April is one request per wall-clock day, none overlapping', async () => {
		const range = { start: '2026-04-02T00:00:00', end: '2026-04-07T00:00:00' };
		const result = await runWolkvox(
			sim,
			customRange(range.start, range.end, {
				skillId: '12',
				options: { timezone: SANTIAGO, splitLongRange: true },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges.sort()).toEqual(
			['02', '03', '04', '05', '06'].map((day) => `202604${day}000000-202604${day}235959`),
		);
		expect(result.rows).toEqual(expectedOutput(sim, { ...range, skillId: 12, zone: SANTIAGO }));
	});
});

describe('America/New_York', () => {
	test('regression: the 25-hour day 2026-11-01 is one request without Split Long Range; 1 a.m. is staffed over 7200 s', async () => {
		const target = {
			serviceLevelPercent: 80,
			answerWithinSeconds: 20,
			maxOccupancyPercent: 85,
			shrinkagePercent: 30,
		};
		const result = await runWolkvox(
			sim,
			customRange('2026-11-01T00:00:00', '2026-11-02T00:00:00', {
				options: { timezone: NEW_YORK, staffingCheck: { target } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20261101000000-20261101235959']);
		const oneAm = result.rows.filter((row) => row.hour === 1);
		expect(oneAm.length).toBeGreaterThan(0);
		for (const row of oneAm) {
			expect([row.hour_start, row.interval_seconds]).toEqual(['2026-11-01T01:00:00-04:00', 7200]);
			const expected = requiredAgents(row.inbound_calls, row.aht, 7200, {
				serviceLevel: 0.8,
				answerWithinSeconds: 20,
				maxOccupancy: 0.85,
				shrinkage: 0.3,
			});
			expect(row.erlang_agents_required).toBe(expected?.agentsRequired);
			expect(row.erlang_probability_wait).toEqual(expect.any(Number));
			expect(row.erlang_average_speed_of_answer_seconds).toEqual(expect.any(Number));
		}
		expect(
			result.rows.reduce((sum, row) => (row.skill_id === 12 ? sum + row.interval_seconds : sum), 0),
		).toBeLessThanOrEqual(25 * 3600);
	});

	test('regression: [2026-03-08T02:00, 03:00) (the skipped hour) is accepted and sent as typed', async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-03-08T02:00:00', '2026-03-08T03:00:00', {
				options: { timezone: NEW_YORK },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20260308020000-20260308025959']);
		for (const row of result.rows)
			expect([row.hour_start, row.interval_seconds]).toEqual([null, 0]);
	});

	test('regression: "Last Complete Hour" on an hourly schedule sends every hour once, the repeated 1 a.m. after its second occurrence', async () => {
		/** @type {string[]} */
		const sent = [];
		for (const utc of ['2026-11-01T05:10:00Z', '2026-11-01T06:10:00Z', '2026-11-01T07:10:00Z']) {
			const millis = Date.parse(utc);
			Settings.now = () => millis;
			sim.resetStats();
			const result = await runWolkvox(sim, {
				skillId: 'all',
				range: 'lastCompleteHour',
				options: { timezone: NEW_YORK },
			});
			expect(result.error).toBeUndefined();
			sent.push(...sim.stats().skill5Ranges);
		}
		// 06:10Z is the second pass of 1 a.m.: no hour completed in the last 60 minutes, no request.
		expect(sent).toEqual(['20261101000000-20261101005959', '20261101010000-20261101015959']);
	});
});

describe('Europe/Madrid', () => {
	test('regression: "Today So Far" at 10:20 on the fall-back day: one request to 10:19:59, hour 10 covers 1200 s, hour 2 covers 7200 s', async () => {
		const target = {
			serviceLevelPercent: 80,
			answerWithinSeconds: 20,
			maxOccupancyPercent: 85,
			shrinkagePercent: 30,
		};
		const result = await runPreset('today', '2026-10-25T10:20', MADRID, {
			options: { timezone: MADRID, staffingCheck: { target } },
		});
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20261025000000-20261025101959']);
		const withoutStaffing = result.rows.map(
			({
				skill_id,
				hour,
				hour_start,
				inbound_calls,
				inbound_calls_unique_customers,
				aht,
				agents_needed,
				interval_seconds,
				interval_start,
			}) => ({
				skill_id,
				hour,
				hour_start,
				inbound_calls,
				inbound_calls_unique_customers,
				aht,
				agents_needed,
				interval_seconds,
				interval_start,
			}),
		);
		expect(withoutStaffing).toEqual(
			expectedOutput(sim, {
				start: '2026-10-25T00:00:00',
				end: '2026-10-25T10:20:00',
				zone: MADRID,
			}),
		);
		const ten = result.rows.filter((row) => row.hour === 10);
		expect(ten.length).toBeGreaterThan(0);
		for (const row of ten) {
			expect(row.interval_seconds).toBe(1200);
			const expected = requiredAgents(row.inbound_calls, row.aht, 1200, {
				serviceLevel: 0.8,
				answerWithinSeconds: 20,
				maxOccupancy: 0.85,
				shrinkage: 0.3,
			});
			expect(row.erlang_agents_required).toBe(expected?.agentsRequired);
		}
		for (const row of result.rows.filter((row) => row.hour === 2))
			expect([row.hour_start, row.interval_seconds]).toEqual(['2026-10-25T02:00:00+02:00', 7200]);
	});

	test('the whole fall-back day 2026-10-25 is one request', async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-10-25T00:00:00', '2026-10-26T00:00:00', { options: { timezone: MADRID } }),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20261025000000-20261025235959']);
	});
});

describe('Wolkvox Trigger across the New York fall-back night (n8n-core poll path)', () => {
	const triggerNode = {
		name: 'Wolkvox Trigger',
		type: 'n8n-nodes-wolkvox.wolkvoxTrigger',
		parameters: { skillId: '12', options: { settleMinutes: 5, timezone: NEW_YORK } },
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};
	const poll = async (/** @type {object} */ staticData, /** @type {string} */ nodeId) =>
		runPoll({
			types: await loadPackageTypes(),
			node: { ...triggerNode, id: nodeId },
			credentials: { wolkvoxApi: { 1: simulatorCredential(sim) } },
			staticData,
			timezone: NEW_YORK,
		});

	test('regression: every wall-clock hour once, the repeated 1 a.m. after its second occurrence, also with overlapping polls', async () => {
		/** @type {object} */
		let staticData = {};
		/** @type {Array<{ at: string, hour: number, hour_start: string, interval_seconds: number }>} */
		const emitted = [];
		// Every 10 minutes from 23:50 EDT on 31 Oct to 03:30 EST on 1 Nov; at each tick a second poll overlaps the first.
		for (
			let millis = Date.parse('2026-11-01T03:50:00Z');
			millis <= Date.parse('2026-11-01T08:30:00Z');
			millis += 10 * 60_000
		) {
			Settings.now = () => millis;
			const [first, overlapping] = await Promise.all([
				poll(staticData, 'fall-back'),
				poll(staticData, 'fall-back'),
			]);
			expect(first.error).toBeUndefined();
			expect(overlapping.error).toBeUndefined();
			const winner = first.emitted ? first : overlapping;
			expect(first.emitted && overlapping.emitted).toBeFalsy();
			staticData = winner.staticData;
			for (const item of winner.emitted?.[0] ?? []) {
				const row = /** @type {any} */ (item.json);
				emitted.push({
					at: DateTime.fromMillis(millis, { zone: NEW_YORK }).toFormat('HH:mm ZZ'),
					hour: row.hour,
					hour_start: row.hour_start,
					interval_seconds: row.interval_seconds,
				});
			}
		}
		const hours = [...new Map(emitted.map((row) => [row.hour_start, row])).values()];
		expect(
			hours.map(({ at, hour, hour_start, interval_seconds }) => [
				at,
				hour,
				hour_start,
				interval_seconds,
			]),
		).toEqual([
			['00:10 -04:00', 23, '2026-10-31T23:00:00-04:00', 3600],
			['01:10 -04:00', 0, '2026-11-01T00:00:00-04:00', 3600],
			['02:10 -05:00', 1, '2026-11-01T01:00:00-04:00', 7200],
			['03:10 -05:00', 2, '2026-11-01T02:00:00-05:00', 3600],
		]);
		// One row per hour for the one skill: never an hour twice.
		expect(emitted.length).toBe(hours.length);
		expect(sim.stats().skill5Ranges).toEqual([
			'20261031230000-20261031235959',
			'20261101000000-20261101005959',
			'20261101010000-20261101015959',
			'20261101020000-20261101025959',
		]);
	});
});
