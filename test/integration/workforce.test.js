// @ts-check
'use strict';

const { createSimulator, DIALECT_CHOICES } = require('../../tools/simulator');
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

const MORNING = { start: '2026-11-23T07:00:00', end: '2026-11-23T10:00:00' };

describe('one typed item per hourly row', () => {
	test('custom range of all skills: numbers, seconds and hour starts with offset', async () => {
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end));
		expect(result.error).toBeUndefined();
		const expected = expectedOutput(sim, MORNING);
		expect(expected.length).toBeGreaterThan(5);
		expect(result.rows).toEqual(expected);
		expect(result.rows[0]).toEqual({
			skill_id: 12,
			hour: 7,
			hour_start: '2026-11-23T07:00:00-05:00',
			inbound_calls: expect.any(Number),
			inbound_calls_unique_customers: expect.any(Number),
			aht: expect.any(Number),
			agents_needed: expect.any(Number),
			interval_seconds: 3600,
			interval_start: '2026-11-23T07:00:00-05:00',
		});
		expect(
			result.items.every(
				(item) => item.pairedItem && /** @type {any} */ (item.pairedItem).item === 0,
			),
		).toBe(true);
		expect(sim.stats().requests).toBe(1);
	});

	test('one skill, dates sent as the wall clock of the chosen time zone', async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T12:00:00Z', '2026-11-23T14:00:00Z', {
				skillId: '15',
				options: { timezone: 'Europe/Madrid' },
			}),
		);
		expect(result.rows.map((row) => row.hour_start)).toEqual([
			'2026-11-23T13:00:00+01:00',
			'2026-11-23T14:00:00+01:00',
		]);
		expect(result.rows).toEqual(
			expectedOutput(sim, {
				skillId: 15,
				start: '2026-11-23T13:00:00',
				end: '2026-11-23T15:00:00',
				zone: 'Europe/Madrid',
			}),
		);
	});

	test("the workflow's time zone is the default", async () => {
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00'),
			{
				timezone: 'Asia/Tokyo',
			},
		);
		expect(result.rows[0].hour_start).toBe('2026-11-23T07:00:00+09:00');
	});

	test('raw output: rows exactly as the API sent them', async () => {
		sim.setDialect({ hourFormat: '7', ahtFormat: 'hms' });
		const result = await runWolkvox(
			sim,
			customRange(MORNING.start, MORNING.end, { options: { rawOutput: true } }),
		);
		expect(result.rows[0]).toEqual({
			skill_id: '12',
			hour: '7',
			inbound_calls: expect.stringMatching(/^\d+$/),
			inbound_calls_unique_customers: expect.stringMatching(/^\d+$/),
			aht: expect.stringMatching(/^\d\d:\d\d:\d\d$/),
			agents_needed: expect.stringMatching(/^\d+$/),
		});
	});

	test('a window without data: zero items and success', async () => {
		const night = { start: '2026-11-23T03:00:00', end: '2026-11-23T04:00:00' };
		const quietSkill = [12, 15, 27].find(
			(id) => expectedOutput(sim, { ...night, skillId: id }).length === 0,
		);
		const skill = quietSkill ?? 12;
		const result = await runWolkvox(
			sim,
			customRange(night.start, night.end, { skillId: String(skill) }),
		);
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(expectedOutput(sim, { ...night, skillId: skill }));
		if (quietSkill) expect(result.status).toBe('success');
	});

	test('with Always Output Data an empty window gives one empty item', async () => {
		sim.injectFaults([]);
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T03:00:00', '2026-11-23T04:00:00', { skillId: '999' }),
			{
				alwaysOutputData: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual([{}]);
	});
});

describe('every dialect of the API gives the same typed rows', () => {
	const dialects = Object.entries(DIALECT_CHOICES).flatMap(([key, values]) =>
		values.slice(1).map((value) => ({ [key]: value })),
	);
	test.each(dialects)('%j', async (dialect) => {
		sim.setDialect(dialect);
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end));
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(expectedOutput(sim, MORNING));
		if (dialect.emptyValues)
			expect(result.rows.some((row) => Object.values(row).includes(null))).toBe(true);
	});
});

describe('each input item runs its own query', () => {
	test('skill from an expression, items paired with their input', async () => {
		const result = await runWolkvox(
			sim,
			customRange(MORNING.start, MORNING.end, { skillId: '={{ $json.skill }}' }),
			{
				inputItems: [{ json: { skill: 12 } }, { json: { skill: '27' } }],
			},
		);
		const bySkill = (/** @type {number} */ id) =>
			result.items.filter((item) => item.json.skill_id === id);
		expect(bySkill(12).length).toBeGreaterThan(0);
		expect(bySkill(27).length).toBeGreaterThan(0);
		expect(bySkill(12).every((item) => /** @type {any} */ (item.pairedItem).item === 0)).toBe(true);
		expect(bySkill(27).every((item) => /** @type {any} */ (item.pairedItem).item === 1)).toBe(true);
		expect(sim.stats().requests).toBe(2);
	});

	test('dates from expressions: a luxon DateTime and an ISO text', async () => {
		const result = await runWolkvox(
			sim,
			customRange(
				"={{ DateTime.fromISO('2026-11-23T07:00:00', { zone: 'America/Bogota' }) }}",
				'={{ $json.end }}',
			),
			{ inputItems: [{ json: { end: '2026-11-23T10:00:00' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(expectedOutput(sim, MORNING));
	});

	test('Continue On Fail: a bad item becomes an error item, the others go on', async () => {
		const result = await runWolkvox(
			sim,
			customRange(MORNING.start, MORNING.end, { skillId: '={{ $json.skill }}' }),
			{
				inputItems: [{ json: { skill: 'sales' } }, { json: { skill: 12 } }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toEqual({
			json: { error: 'Skill "sales" is not valid' },
			pairedItem: { item: 0 },
		});
		expect(result.items.slice(1).every((item) => item.json.skill_id === 12)).toBe(true);
		expect(sim.stats().requests).toBe(1);
	});
});

describe('validation before any token is spent', () => {
	test('n8n itself refuses an empty required date', async () => {
		await expect(runWolkvox(sim, customRange('', MORNING.end))).rejects.toThrow(
			/Parameter "Start Date" is required/,
		);
		expect(sim.stats().requests).toBe(0);
	});

	test.each([
		[
			'unparsable date',
			customRange('next tuesday', MORNING.end),
			/Start Date "next tuesday" is not a date/,
		],
		[
			'date from an expression that gives nothing',
			customRange('={{ $json.nothing }}', MORNING.end),
			/Start Date is required/,
		],
		[
			'end not after start',
			customRange(MORNING.end, MORNING.start),
			/End Date .* must be after Start Date/,
		],
		[
			'over 24 hours',
			customRange('2026-11-23T00:00:00', '2026-11-24T01:00:00'),
			/spans 25 hours; Wolkvox allows at most 24 hours/,
		],
		[
			'over 366 days when splitting',
			customRange('2025-11-01T00:00:00', '2026-11-03T00:00:00', {
				options: { splitLongRange: true },
			}),
			/longer than 366 days/,
		],
		[
			'bad skill id',
			customRange(MORNING.start, MORNING.end, { skillId: '12; DROP TABLE' }),
			/Skill "12; DROP TABLE" is not valid/,
		],
		[
			'bad time zone',
			customRange(MORNING.start, MORNING.end, { options: { timezone: 'Bogota' } }),
			/Time Zone "Bogota" is not a known time zone/,
		],
		[
			'bad option type',
			customRange(MORNING.start, MORNING.end, { options: { rawOutput: 'yes' } }),
			/^Raw Output "yes" is not valid: it must be true or false$/,
		],
		[
			'unknown range',
			{ skillId: 'all', range: 'lastFortnight' },
			/Range "lastFortnight" is not one of/,
		],
		[
			'a preset longer than a request, without splitting',
			{ skillId: 'all', range: 'lastWeek' },
			/spans 168 hours; Wolkvox allows at most 24 hours per request/,
		],
		[
			'staffing check with raw output',
			customRange(MORNING.start, MORNING.end, {
				options: {
					rawOutput: true,
					staffingCheck: {
						target: {
							serviceLevelPercent: 80,
							answerWithinSeconds: 20,
							maxOccupancyPercent: 85,
							shrinkagePercent: 30,
						},
					},
				},
			}),
			/Staffing Check \(Erlang C\) needs typed rows, and Raw Output is on/,
		],
	])('%s → NodeOperationError naming field and value', async (_name, parameters, message) => {
		const result = await runWolkvox(sim, parameters);
		expect(result.error).toBeDefined();
		expect(/** @type {any} */ (result.error).name).toBe('NodeOperationError');
		expect(/** @type {any} */ (result.error).message).toMatch(message);
		expect(sim.stats().requests).toBe(0);
	});

	test.each([
		[
			'server that is not a Wolkvox server',
			{ server: 'evil.com' },
			/^Server \(text of 8 characters\) is not a Wolkvox server$/,
		],
		['server injection', { server: '0042.wolkvox.com@evil.com' }, /is not a Wolkvox server/],
		['empty token', { token: '' }, /Token is empty/],
		[
			'token with a line break',
			{ token: 'abc\r\nX-Evil: 1' },
			/Token contains spaces, line breaks/,
		],
		[
			'base URL with a query',
			{ baseUrl: 'http://127.0.0.1:1/?a=b' },
			/^Base URL \(text of 23 characters\) is not a valid https address$/,
		],
	])('credential: %s → clear error, no request', async (_name, change, message) => {
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end), {
			credential: simulatorCredential(sim, change),
		});
		expect(/** @type {any} */ (result.error)?.message).toMatch(message);
		expect(sim.stats().requests).toBe(0);
		if (change.token) expect(everythingSaid(result)).not.toContain('X-Evil');
	});
});

describe('error answers become messages an admin understands', () => {
	test('token refused (wrong token): not retried, one token spent', async () => {
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end), {
			credential: simulatorCredential(sim, { token: 'not-the-token-0042' }),
		});
		const error = /** @type {any} */ (result.error);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(`Wolkvox refused the token for ${sim.url.replace('http://', '')}`);
		expect(error.description).toMatch(/belongs to another Wolkvox server/);
		expect(error.httpCode).toBe('403');
		expect(sim.stats().requests).toBe(1);
		expect(everythingSaid(result)).not.toContain('not-the-token-0042');
	});

	test('daily quota used up: not retried', async () => {
		sim.setQuota(sim.token, 0);
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end));
		const error = /** @type {any} */ (result.error);
		expect(error.message).toBe("Today's Wolkvox token quota is used up");
		expect(error.description).toMatch(/renews tomorrow/);
		expect(sim.stats().requests).toBe(1);
	});

	test.each([
		['maintenance'],
		['html502'],
		['5xx'],
		['malformed'],
		['truncate'],
		['reset'],
		['simultaneous'],
	])('a one-off %s is retried and the rows arrive exactly once', async (kind) => {
		sim.injectFaults([kind]);
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end));
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(expectedOutput(sim, MORNING));
		expect(sim.stats().requests).toBe(2);
		expect(result.logs.join('\n')).toMatch(/retrying in \d+ ms/);
	});

	test('a fault that persists ends in a clear error after bounded attempts', async () => {
		sim.injectFaults([{ kind: 'maintenance', times: 100 }]);
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end));
		const error = /** @type {any} */ (result.error);
		expect(error.message).toBe(`${sim.url.replace('http://', '')} is under maintenance`);
		expect(error.description).toMatch(/retried/);
		expect(sim.stats().requests).toBe(6);
	});

	test('nothing listening: connection refused names the IP allow-list', async () => {
		const closed = await createSimulator();
		const url = closed.url;
		await closed.close();
		const result = await runWolkvox(sim, customRange(MORNING.start, MORNING.end), {
			credential: simulatorCredential(sim, { baseUrl: url }),
			continueOnFail: true,
		});
		expect(result.rows).toEqual([
			{ error: `${url.replace('http://', '')} refused the connection` },
		]);
	});
});

describe('the token never appears', () => {
	test('in output, errors or logs of successful, failed and retried runs', async () => {
		const said = [];
		said.push(everythingSaid(await runWolkvox(sim, customRange(MORNING.start, MORNING.end))));
		sim.injectFaults(['5xx', 'reset']);
		said.push(everythingSaid(await runWolkvox(sim, customRange(MORNING.start, MORNING.end))));
		sim.setQuota(sim.token, 0);
		said.push(everythingSaid(await runWolkvox(sim, customRange(MORNING.start, MORNING.end))));
		said.push(
			everythingSaid(
				await runWolkvox(sim, customRange(MORNING.start, MORNING.end), { continueOnFail: true }),
			),
		);
		expect(said.join('\n')).not.toContain(sim.token);
		expect(said.join('\n').length).toBeGreaterThan(1000);
	});
});
