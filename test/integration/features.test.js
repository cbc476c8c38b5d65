// @ts-check
'use strict';

const { DateTime, Settings } = require('luxon');
const { loadPackageTypes, runPoll, runListSearch, testCredential } = require('../../tools/harness');
const {
	useSimulator,
	runWolkvox,
	customRange,
	expectedOutput,
	simulatorCredential,
	everythingSaid,
	ZONE,
} = require('./wolkvox');

const sim = useSimulator();

describe('credential test ("Save" in the editor)', () => {
	const test_ = async (/** @type {object} */ change) =>
		testCredential({
			types: await loadPackageTypes(),
			credentialType: 'wolkvoxApi',
			data: simulatorCredential(sim, change),
		});

	test('server and token that work: OK, one token spent on token_info', async () => {
		const result = await test_({});
		expect(result).toMatchObject({ status: 'OK' });
		expect(sim.stats().byApi).toEqual({ token_info: 1 });
	});

	test('a wrong token: says the token was refused', async () => {
		const result = await test_({ token: 'wrong-token-123' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Wolkvox refused the token/);
		expect(everythingSaid({ logs: result.logs, run: result })).not.toContain('wrong-token-123');
	});

	test('a server that is not a Wolkvox server: says what a valid value looks like, sends nothing', async () => {
		const result = await test_({ server: 'wv0042.evil.com' });
		expect(result.status).toBe('Error');
		// The value is not quoted: a token pasted into the wrong field would be stored in run data.
		expect(result.message).toMatch(/Server \(text of 15 characters\) is not a Wolkvox server/);
		expect(sim.stats().requests).toBe(0);
	});

	test('nothing listening at the base URL: an error, not a success', async () => {
		const result = await test_({ baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
	});
});

describe('skill picker', () => {
	const node = {
		name: 'Wolkvox',
		type: 'n8n-nodes-wolkvox.wolkvox',
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};
	const search = async (/** @type {string | undefined} */ filter, token = sim.token) =>
		runListSearch({
			types: await loadPackageTypes(),
			node,
			method: 'searchSkills',
			filter,
			credentials: { wolkvoxApi: { 1: simulatorCredential(sim, { token }) } },
		});

	test('"All Skills" first, then the operation\'s skills; searching filters without spending tokens', async () => {
		const all = await search(undefined);
		expect(all.error).toBeUndefined();
		expect(all.result?.results).toEqual([
			{ name: 'All Skills', value: 'all' },
			{ name: 'Ventas (12)', value: '12' },
			{ name: 'Soporte (15)', value: '15' },
			{ name: 'Cobranzas (27)', value: '27' },
		]);
		const filtered = await search('sop');
		expect(filtered.result?.results).toEqual([{ name: 'Soporte (15)', value: '15' }]);
		expect(sim.stats().byApi).toEqual({ skills: 1 });
	});

	test.each([
		[
			'Workforce per Hour offers "All Skills"',
			'report',
			'getWorkforcePerHour',
			'searchSkills',
			'All Skills',
		],
		[
			'Agents in a Skill does not: it needs one skill',
			'information',
			'getAgentsInASkill',
			'searchSkills',
			undefined,
		],
		[
			'a report of one campaign offers no "All Campaigns"',
			'campaign',
			'getDiallerFinalResults',
			'searchCampaigns',
			undefined,
		],
		[
			'Turbo Dial by Machine Code offers "All Campaigns"',
			'campaign',
			'getTurboDialGroupedByMachineCode',
			'searchCampaigns',
			'All Campaigns',
		],
	])(
		'%s: the picker heads its list with what the operation accepts',
		async (_name, resource, operation, method, special) => {
			const { result, error } = await runListSearch({
				types: await loadPackageTypes(),
				node: { ...node, parameters: { resource, operation } },
				method,
				credentials: { wolkvoxApi: { 1: simulatorCredential(sim) } },
			});
			expect(error).toBeUndefined();
			const first = result?.results[0];
			if (special) expect(first).toEqual({ name: special, value: 'all' });
			else expect(result?.results.some((entry) => entry.value === 'all')).toBe(false);
		},
	);

	test('a refused token: a clear error in the picker', async () => {
		const refused = await search('x', 'another-token');
		expect(refused.error?.message).toMatch(/Wolkvox refused the token/);
	});

	test('a skill picked from the list runs the query for that skill', async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T07:00:00', '2026-11-23T09:00:00', {
				skillId: { __rl: true, mode: 'list', value: '27', cachedResultName: 'Cobranzas (27)' },
			}),
		);
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				skillId: 27,
				start: '2026-11-23T07:00:00',
				end: '2026-11-23T09:00:00',
			}),
		);
	});
});

describe('range presets and long ranges', () => {
	test('last complete hour, in the chosen zone', async () => {
		const zone = 'Asia/Kolkata';
		const result = await runWolkvox(sim, {
			skillId: 'all',
			range: 'lastCompleteHour',
			options: { timezone: zone },
		});
		const thisHour = DateTime.now().setZone(zone).startOf('hour');
		const lastHour = thisHour.minus({ hours: 1 });
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(
			expectedOutput(sim, { start: lastHour.toISO(), end: thisHour.toISO(), zone }),
		);
		expect(new Set(result.rows.map((row) => row.hour_start))).toEqual(
			new Set(result.rows.length ? [lastHour.toISO({ suppressMilliseconds: true })] : []),
		);
	});

	test('yesterday: one request on an ordinary day', async () => {
		const result = await runWolkvox(sim, { skillId: '12', range: 'yesterday' });
		expect(result.error).toBeUndefined();
		const today = DateTime.now().setZone(ZONE).startOf('day');
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				skillId: 12,
				start: today.minus({ days: 1 }).toISO(),
				end: today.toISO(),
			}),
		);
		expect(sim.stats().requests).toBe(1);
	});

	test('split long range: 3 days → 3 windows, every hour once with its own date', async () => {
		const range = { start: '2026-11-20T00:00:00', end: '2026-11-23T00:00:00' };
		const result = await runWolkvox(
			sim,
			customRange(range.start, range.end, { skillId: '15', options: { splitLongRange: true } }),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().requests).toBe(3);
		expect(result.rows).toEqual(expectedOutput(sim, { ...range, skillId: 15 }));
		const starts = result.rows.map((row) => row.hour_start);
		expect(new Set(starts).size).toBe(starts.length);
		expect(starts[0]).toBe('2026-11-20T00:00:00-05:00');
	});

	test("a node run decrypts its credential once: its requests hand it to n8n's authentication", async () => {
		const range = { start: '2026-11-20T00:00:00', end: '2026-11-23T00:00:00' };
		const result = await runWolkvox(
			sim,
			customRange(range.start, range.end, { skillId: '15', options: { splitLongRange: true } }),
			{ inputItems: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		expect(result.error).toBeUndefined();
		const oneItem = expectedOutput(sim, { ...range, skillId: 15 });
		expect(result.rows).toEqual([...oneItem, ...oneItem, ...oneItem]);
		// Three items asking the same three windows: three requests, shared by the items.
		expect(sim.stats().requests).toBe(3);
		expect(result.credentialDecryptions).toBe(1);
	});

	test('the 25-hour fall-back day is one request (24 wall-clock hours), offsets change, no hour twice', async () => {
		const zone = 'America/New_York';
		const result = await runWolkvox(
			sim,
			customRange('2026-11-01T00:00:00', '2026-11-02T00:00:00', {
				skillId: '12',
				options: { splitLongRange: true, timezone: zone },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().skill5Ranges).toEqual(['20261101000000-20261101235959']);
		const starts = result.rows.map((row) => String(row.hour_start));
		expect(new Set(starts).size).toBe(starts.length);
		expect(starts.filter((start) => start.startsWith('2026-11-01T00'))).toEqual([
			'2026-11-01T00:00:00-04:00',
		]);
		expect(starts.find((start) => start.startsWith('2026-11-01T05'))).toBe(
			'2026-11-01T05:00:00-05:00',
		);
		// The repeated 1 a.m. is one row per skill, dated at its first occurrence, covering 7200 s.
		expect(
			result.rows
				.filter((row) => row.hour === 1)
				.map((row) => [row.hour_start, row.interval_seconds]),
		).toEqual([['2026-11-01T01:00:00-04:00', 7200]]);
	});

	test('a failing window fails the item: no partial range', async () => {
		sim.injectFaults([
			{ kind: 'delay', delayMs: 0 },
			{ kind: 'maintenance', times: 100 },
		]);
		const result = await runWolkvox(
			sim,
			customRange('2026-11-20T00:00:00', '2026-11-22T00:00:00', {
				options: { splitLongRange: true },
			}),
			{ continueOnFail: true },
		);
		expect(result.rows).toHaveLength(1);
		expect(result.rows[0].error).toMatch(/under maintenance/);
	});
});

describe('staffing check', () => {
	test('Erlang C figures beside agents_needed, computed from each row', async () => {
		const target = {
			serviceLevelPercent: 80,
			answerWithinSeconds: 20,
			maxOccupancyPercent: 85,
			shrinkagePercent: 30,
		};
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T09:00:00', '2026-11-23T11:00:00', {
				options: { staffingCheck: { target } },
			}),
		);
		expect(result.error).toBeUndefined();
		const { requiredAgents } = require('../../dist/nodes/shared/wolkvox/staffing/erlang');
		for (const row of result.rows) {
			const expected = requiredAgents(row.inbound_calls, row.aht, 3600, {
				serviceLevel: 0.8,
				answerWithinSeconds: 20,
				maxOccupancy: 0.85,
				shrinkage: 0.3,
			});
			expect(row.erlang_agents_required).toBe(expected.agentsRequired);
			expect(row.erlang_agents_scheduled).toBe(expected.agentsWithShrinkage);
			expect(row.erlang_service_level).toBeGreaterThanOrEqual(0.8);
			expect(row.agents_needed).toEqual(expect.any(Number));
		}
		expect(result.rows.length).toBeGreaterThan(0);
	});

	test('a service level of 100 % is refused before any request', async () => {
		const target = {
			serviceLevelPercent: 100,
			answerWithinSeconds: 20,
			maxOccupancyPercent: 85,
			shrinkagePercent: 30,
		};
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T09:00:00', '2026-11-23T11:00:00', {
				options: { staffingCheck: { target } },
			}),
		);
		const message = /** @type {any} */ (result.error)?.message;
		// The labels the user sees, what the value must be; never the internal path or zod's words.
		expect(message).toBe(
			'Staffing Check (Erlang C) → Target → Service Level (%) 100 is not valid: it must be at most 99.9',
		);
		expect(/** @type {any} */ (result.error)?.description).toMatch(
			/^Change "Staffing Check \(Erlang C\) → Target → Service Level \(%\)" under "Options"/,
		);
		expect(sim.stats().requests).toBe(0);
	});
});

describe('Wolkvox Trigger (n8n-core poll path)', () => {
	const triggerNode = {
		name: 'Wolkvox Trigger',
		type: 'n8n-nodes-wolkvox.wolkvoxTrigger',
		parameters: { skillId: 'all', options: { settleMinutes: 5 } },
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};
	// Each test is its own trigger (node id): the in-process guard remembers what a trigger emitted.
	const poll = async (/** @type {object} */ staticData, mode = 'trigger') =>
		runPoll({
			types: await loadPackageTypes(),
			node: { ...triggerNode, id: String(expect.getState().currentTestName) },
			credentials: { wolkvoxApi: { 1: simulatorCredential(sim) } },
			staticData,
			timezone: ZONE,
			mode: /** @type {any} */ (mode),
		});
	// The cursor as written, or as a 0.2.0 workflow stored it.
	// A fixed afternoon (luxon's clock, which the trigger reads): the hours a poll asks for never
	// cross midnight, where they would be two requests, whenever the suite runs.
	const realNow = Settings.now;
	beforeEach(() => {
		Settings.now = () => Date.parse('2026-11-23T20:20:00Z');
	});
	afterEach(() => {
		Settings.now = realNow;
	});
	const cursorOf = (/** @type {any} */ staticData) =>
		staticData['node:Wolkvox Trigger']?.nextWallClockTime ??
		staticData['node:Wolkvox Trigger']?.nextWallClockHour;
	const wallHour = (/** @type {DateTime} */ moment) => moment.toFormat("yyyy-MM-dd'T'HH:00:00");

	test('first activation: no backfill, no request, cursor at the current hour', async () => {
		const first = await poll({});
		expect(first.emitted).toBeNull();
		expect(sim.stats().requests).toBe(0);
		expect(cursorOf(first.staticData)).toBe(
			wallHour(DateTime.now().setZone(ZONE).minus({ minutes: 5 })),
		);
	});

	test('each complete hour once, across polls (static data survives restarts)', async () => {
		const until = DateTime.now().setZone(ZONE).minus({ minutes: 5 }).startOf('hour');
		const cursor = until.minus({ hours: 3 });
		// A cursor saved by the previous version (ISO with offset) is still understood.
		const second = await poll({ 'node:Wolkvox Trigger': { nextHourStart: cursor.toISO() } });
		expect(second.error).toBeUndefined();
		expect(cursorOf(second.staticData)).toBe(wallHour(until));
		const rows = (second.emitted?.[0] ?? []).map((item) => item.json);
		expect(rows).toEqual(expectedOutput(sim, { start: wallHour(cursor), end: wallHour(until) }));
		expect(rows.length).toBeGreaterThan(0);
		const third = await poll(second.staticData);
		expect(third.emitted).toBeNull();
		expect(sim.stats().requests).toBe(1);
	});

	test('a failed poll keeps the cursor, so the hours come with the next poll', async () => {
		const cursor = DateTime.now()
			.setZone(ZONE)
			.minus({ minutes: 5 })
			.startOf('hour')
			.minus({ hours: 2 });
		const state = { 'node:Wolkvox Trigger': { nextWallClockHour: wallHour(cursor) } };
		sim.setQuota(sim.token, 0);
		const failed = await poll(state);
		expect(failed.error?.message).toMatch(/quota/);
		expect(cursorOf(failed.staticData)).toBe(wallHour(cursor));
	});

	test('manual test: the last complete hour, cursor untouched', async () => {
		const manual = await poll({}, 'manual');
		expect(manual.error).toBeUndefined();
		expect(sim.stats().requests).toBe(1);
		expect(cursorOf(manual.staticData)).toBeUndefined();
	});
});

describe('per-token limiter across executions', () => {
	test('20 executions at once: never more than 2 requests of a token in flight, no 403', async () => {
		sim.setLatency(30);
		const range = customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00');
		const results = await Promise.all(Array.from({ length: 20 }, () => runWolkvox(sim, range)));
		expect(results.every((result) => result.error === undefined)).toBe(true);
		const account = sim.stats().tokens[sim.token];
		expect(account.peakArrivals).toBe(2);
		expect(account.simultaneousRejections).toBe(0);
		expect(sim.stats().requests).toBe(20);
	});
});
