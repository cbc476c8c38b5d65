// @ts-check
'use strict';

const childProcess = require('node:child_process');
const { once } = require('node:events');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const {
	createSimulator,
	expectedRows,
	isQuietHour,
	formatWolkvoxDate,
	parseWolkvoxDate,
	mulberry32,
	FaultPlan,
	DEFAULT_SKILLS,
	DEFAULT_TOKEN,
	FAULT_KINDS,
} = require('../../tools/simulator');
const { useSharedSimulator } = require('./useSharedSimulator');

/** @typedef {Awaited<ReturnType<typeof createSimulator>>} Simulator */

const REPORT_PATH = '/api/v2/reports_manager.php';
const INFO_PATH = '/api/v2/information.php';
const DAY = { date_ini: '20261123000000', date_end: '20261123235959' };
const SEVEN_AM = { date_ini: '20261123070000', date_end: '20261123075959' };

/**
 * One real HTTP request.
 * @param {Simulator} sim @param {string} pathAndQuery
 * @param {{ token?: string | null, headers?: Record<string, string>, method?: string, body?: unknown, signal?: AbortSignal }} [options]
 */
async function call(
	sim,
	pathAndQuery,
	{ token = sim.token, headers = {}, method = 'GET', body, signal } = {},
) {
	const res = await fetch(sim.url + pathAndQuery, {
		method,
		signal,
		headers: { ...(token ? { 'wolkvox-token': token } : {}), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** @param {Simulator} sim @param {Record<string, string>} [query] @param {Parameters<typeof call>[2]} [options] */
function report(sim, query = {}, options) {
	return call(
		sim,
		`${REPORT_PATH}?${new URLSearchParams({ api: 'skill_5', skill_id: 'all', ...SEVEN_AM, ...query })}`,
		options,
	);
}

/** @param {Simulator} sim @param {string} api @param {Parameters<typeof call>[2]} [options] */
function info(sim, api, options) {
	return call(sim, `${INFO_PATH}?api=${api}`, options);
}

/** @param {Simulator} sim @param {string} endpoint @param {unknown} [body] */
function control(sim, endpoint, body, method = body === undefined ? 'GET' : 'POST') {
	return call(sim, `/__sim/${endpoint}`, { token: null, method, body });
}

/** Waits (without asserting on time) until the simulator reaches a state. @param {() => boolean} condition */
async function until(condition) {
	for (let i = 0; i < 1000 && !condition(); i++)
		await new Promise((resolve) => setTimeout(resolve, 5));
	if (!condition()) throw new Error('condition never reached');
}

/** @param {number} status @param {string} error */
function errorBody(status, error) {
	return {
		code: status,
		error,
		msg: expect.stringMatching(new RegExp(`^${error.replace(/[()]/g, '\\$&')}`)),
		data: [],
	};
}

/**
 * Reads a wire row the way a tolerant client must (wolkvox-api.md, "Ambiguities"), written
 * independently of the simulator so the two check each other.
 * @param {Record<string, unknown>} row
 */
function typedFromWire(row) {
	/** @param {unknown} value */
	const number = (value) => (value === '' ? null : Number(value));
	/** @param {unknown} value */
	const seconds = (value) =>
		typeof value === 'string' && value.includes(':')
			? value.split(':').reduce((total, part) => total * 60 + Number(part), 0)
			: number(value);
	return {
		skill_id: Number(row.skill_id),
		hour: parseInt(String(row.hour), 10),
		inbound_calls: number(row.inbound_calls),
		inbound_calls_unique_customers: number(row.inbound_calls_unique_customers),
		aht: seconds(row.aht),
		agents_needed: number(row.agents_needed),
	};
}

/** @param {ReturnType<typeof expectedRows>} rows */
const withoutDate = (rows) => rows.map(({ date, ...rest }) => rest);

describe('Wolkvox date helpers', () => {
	test('format and parse round-trip a wall-clock time', () => {
		expect(formatWolkvoxDate(2026, 11, 23, 7, 5, 9)).toBe('20261123070509');
		expect(formatWolkvoxDate(2026, 1, 2)).toBe('20260102000000');
		expect(parseWolkvoxDate('20261123070509')?.toISOString()).toBe('2026-11-23T07:05:09.000Z');
	});

	test.each([
		'20261323000000',
		'20260230000000',
		'20261123240000',
		'20261123006000',
		'2026112300000',
		'2026112300000a',
		'',
		undefined,
	])('parseWolkvoxDate(%j) is null', (text) => {
		expect(parseWolkvoxDate(text)).toBeNull();
	});

	test('formatWolkvoxDate refuses an impossible time', () => {
		expect(() => formatWolkvoxDate(2026, 13, 1)).toThrow(RangeError);
	});
});

describe('deterministic data (expectedRows)', () => {
	const manySkills = 400;
	const rows = expectedRows({
		skillId: 'all',
		dateIni: DAY.date_ini,
		dateEnd: DAY.date_end,
		skills: manySkills,
	});

	test('is a pure function of the query', () => {
		expect(
			expectedRows({
				skillId: 'all',
				dateIni: DAY.date_ini,
				dateEnd: DAY.date_end,
				skills: manySkills,
			}),
		).toEqual(rows);
	});

	test('is ordered by hour then skill id and dated by the wall clock', () => {
		const keys = rows.map((row) => row.hour * 1e6 + row.skill_id);
		expect(keys).toEqual([...keys].sort((a, b) => a - b));
		expect(new Set(rows.map((row) => row.date))).toEqual(new Set(['2026-11-23']));
	});

	test('values are plausible', () => {
		for (const row of rows) {
			expect(row.inbound_calls).toBeGreaterThanOrEqual(0);
			expect(row.inbound_calls).toBeLessThanOrEqual(400);
			expect(row.inbound_calls_unique_customers).toBeLessThanOrEqual(
				/** @type {number} */ (row.inbound_calls),
			);
			expect(row.aht).toBeGreaterThanOrEqual(60);
			expect(row.aht).toBeLessThanOrEqual(600);
			expect(row.agents_needed).toBeGreaterThanOrEqual(1);
			expect(row.agents_needed).toBeLessThanOrEqual(60);
		}
		const peak = rows
			.filter((row) => row.hour === 10)
			.reduce((sum, row) => sum + Number(row.inbound_calls), 0);
		const night = rows
			.filter((row) => row.hour === 3)
			.reduce((sum, row) => sum + Number(row.inbound_calls), 0);
		expect(peak).toBeGreaterThan(night * 5);
	});

	test('quiet hours (no row) are about 15 % of night hours and never daytime', () => {
		const missing = manySkills * 24 - rows.length;
		const nightSlots = manySkills * 6;
		expect(missing / nightSlots).toBeGreaterThan(0.1);
		expect(missing / nightSlots).toBeLessThan(0.2);
		const rowKeys = new Set(rows.map((row) => `${row.skill_id}/${row.hour}`));
		for (let hour = 0; hour < 24; hour++) {
			for (let skillId = 1000; skillId < 1000 + manySkills; skillId++) {
				const quiet = isQuietHour(skillId, new Date(Date.UTC(2026, 10, 23, hour)));
				expect(rowKeys.has(`${skillId}/${hour}`)).toBe(!quiet);
				if (hour >= 6) expect(quiet).toBe(false);
			}
		}
	});

	test('quietHours: false gives every skill every hour', () => {
		expect(
			expectedRows({
				skillId: 'all',
				...{ dateIni: DAY.date_ini, dateEnd: DAY.date_end },
				skills: 10,
				quietHours: false,
			}),
		).toHaveLength(240);
	});

	test('a window covers the hours starting from date_ini floored to the hour through date_end', () => {
		const hours = (/** @type {string} */ dateIni, /** @type {string} */ dateEnd) =>
			expectedRows({ skillId: 12, dateIni, dateEnd, quietHours: false }).map(
				(row) => `${row.date} ${row.hour}`,
			);
		expect(hours('20261123073000', '20261123080000')).toEqual(['2026-11-23 7', '2026-11-23 8']);
		expect(hours('20261123070000', '20261123075959')).toEqual(['2026-11-23 7']);
		// Exactly 24 h: each hour of day once (the response carries no date).
		expect(hours('20261123000000', '20261124000000')).toHaveLength(24);
		const acrossMidnight = hours('20261123073000', '20261124073000');
		expect(acrossMidnight).toHaveLength(24);
		expect(acrossMidnight[0]).toBe('2026-11-23 7');
		expect(acrossMidnight[23]).toBe('2026-11-24 6');
	});

	test('a range over 24 h gives consecutive windows without a gap or a repeat', () => {
		const rowsOf3Days = expectedRows({
			skillId: 15,
			dateIni: '20261101000000',
			dateEnd: '20261104000000',
			quietHours: false,
		});
		expect(rowsOf3Days).toHaveLength(72);
		expect(new Set(rowsOf3Days.map((row) => `${row.date} ${row.hour}`)).size).toBe(72);
		expect(
			expectedRows({
				skillId: 15,
				dateIni: '20261101000000',
				dateEnd: '20261104005959',
				quietHours: false,
			}).at(-1),
		).toMatchObject({ date: '2026-11-04', hour: 0 });
	});

	test('one skill id selects that skill; an unknown one selects nothing', () => {
		expect(
			new Set(
				expectedRows({ skillId: 27, dateIni: DAY.date_ini, dateEnd: DAY.date_end }).map(
					(row) => row.skill_id,
				),
			),
		).toEqual(new Set([27]));
		expect(expectedRows({ skillId: 999, dateIni: DAY.date_ini, dateEnd: DAY.date_end })).toEqual(
			[],
		);
	});

	test('dialects change only what the wire can express: decimal AHT and empty values', () => {
		const query = { skillId: 'all', dateIni: DAY.date_ini, dateEnd: DAY.date_end, skills: 100 };
		const base = expectedRows(query);
		const decimal = expectedRows({ ...query, dialect: { ahtFormat: 'decimal' } });
		expect(decimal.some((row) => !Number.isInteger(row.aht))).toBe(true);
		decimal.forEach((row, i) =>
			expect(Math.abs(Number(row.aht) - Number(base[i].aht))).toBeLessThanOrEqual(0.5),
		);
		const empty = expectedRows({ ...query, dialect: { emptyValues: true } });
		const nulls = empty.flatMap((row) =>
			Object.entries(row)
				.filter(([, value]) => value === null)
				.map(([key]) => key),
		);
		expect(nulls.length).toBeGreaterThan(0);
		expect(new Set(nulls)).toEqual(
			new Set(['inbound_calls', 'inbound_calls_unique_customers', 'aht', 'agents_needed']),
		);
		empty.forEach((row, i) => {
			for (const [key, value] of Object.entries(row))
				if (value !== null) expect(value).toBe(/** @type {any} */ (base[i])[key]);
		});
	});

	test('an unknown dialect option or value is refused', () => {
		expect(() =>
			expectedRows({
				skillId: 'all',
				dateIni: DAY.date_ini,
				dateEnd: DAY.date_end,
				dialect: /** @type {any} */ ({ hourFormat: 'H' }),
			}),
		).toThrow(/hourFormat/);
		expect(() =>
			expectedRows({
				skillId: 'all',
				dateIni: DAY.date_ini,
				dateEnd: DAY.date_end,
				dialect: /** @type {any} */ ({ colour: 1 }),
			}),
		).toThrow(/colour/);
	});
});

describe('simulator over HTTP', () => {
	const sim = useSharedSimulator({
		tokens: { [DEFAULT_TOKEN]: {}, 'other-token': { quota: 50 }, 'token-0099': { server: '0099' } },
	});
	beforeEach(() => sim.setQuota(DEFAULT_TOKEN, 1000));

	describe('api=skill_5', () => {
		test('answers the documented envelope with string values', async () => {
			const { status, json } = await report(sim, { skill_id: '12' });
			expect(status).toBe(200);
			expect(json).toEqual({
				code: 200,
				error: null,
				msg: '1 records were found',
				data: [expect.any(Object)],
			});
			const [row] = json.data;
			expect(Object.keys(row)).toEqual([
				'skill_id',
				'hour',
				'inbound_calls',
				'inbound_calls_unique_customers',
				'aht',
				'agents_needed',
			]);
			expect(row).toMatchObject({ skill_id: '12', hour: '07' });
			for (const value of Object.values(row)) expect(value).toMatch(/^\d+$/);
		});

		test('a whole day of every skill matches expectedRows, ordered by hour then skill', async () => {
			const { json } = await report(sim, DAY);
			const expected = sim.expectedRows({
				skillId: 'all',
				dateIni: DAY.date_ini,
				dateEnd: DAY.date_end,
			});
			expect(json.msg).toBe(`${expected.length} records were found`);
			expect(json.data.map(typedFromWire)).toEqual(withoutDate(expected));
			expect(new Set(json.data.map((/** @type {any} */ row) => row.skill_id))).toEqual(
				new Set(DEFAULT_SKILLS.map((skill) => String(skill.id))),
			);
			expect(expected.length).toBeLessThan(72); // some night hours are quiet
		});

		test('accepts a base URL path prefix (gateway) and the matching wolkvox_server header', async () => {
			const { status } = await call(
				sim,
				`/gateway/wv0042${REPORT_PATH}?${new URLSearchParams({ api: 'skill_5', skill_id: 'all', ...SEVEN_AM })}`,
				{
					headers: { wolkvox_server: '0042' },
				},
			);
			expect(status).toBe(200);
		});

		test('a range of exactly 24 hours is accepted', async () => {
			const { status, json } = await report(sim, {
				skill_id: '12',
				date_ini: '20261123000000',
				date_end: '20261124000000',
			});
			expect(status).toBe(200);
			expect(json.data.map(typedFromWire)).toEqual(
				withoutDate(
					sim.expectedRows({ skillId: 12, dateIni: '20261123000000', dateEnd: '20261124000000' }),
				),
			);
		});

		test('no rows → 404 Validate dates entered (unknown skill, or a quiet hour)', async () => {
			expect(await report(sim, { skill_id: '999' })).toMatchObject({
				status: 404,
				json: errorBody(404, 'Validate dates entered'),
			});
			const quietHour = Array.from(
				{ length: 400 },
				(_, day) => new Date(Date.UTC(2026, 0, 1 + day, 3)),
			).find((hour) => isQuietHour(12, hour));
			if (!quietHour) throw new Error('no quiet hour in a year');
			const dateIni = formatWolkvoxDate(
				quietHour.getUTCFullYear(),
				quietHour.getUTCMonth() + 1,
				quietHour.getUTCDate(),
				3,
			);
			const dateEnd = formatWolkvoxDate(
				quietHour.getUTCFullYear(),
				quietHour.getUTCMonth() + 1,
				quietHour.getUTCDate(),
				3,
				59,
				59,
			);
			expect(
				(await report(sim, { skill_id: '12', date_ini: dateIni, date_end: dateEnd })).status,
			).toBe(404);
			expect(
				(await report(sim, { skill_id: '15', date_ini: dateIni, date_end: dateEnd })).status,
			).toBe(isQuietHour(15, quietHour) ? 404 : 200);
		});

		test.each([
			['skill_id missing', { skill_id: '' }],
			['skill_id not digits', { skill_id: '12a' }],
			['date_ini missing', { date_ini: '' }],
			['date_end 13 digits', { date_end: '2026112307595' }],
			['month 13', { date_ini: '20261323070000' }],
			['30 February', { date_ini: '20260230070000', date_end: '20260230075959' }],
			['end before start', { date_ini: '20261123080000', date_end: '20261123075959' }],
			['over 24 hours', { date_ini: '20261123000000', date_end: '20261124000001' }],
		])('%s → 400 SOME PARAMETERS ARE REQUIRED', async (_name, query) => {
			const params = Object.fromEntries(
				Object.entries({ api: 'skill_5', skill_id: 'all', ...SEVEN_AM, ...query }).filter(
					([, value]) => value !== '',
				),
			);
			const { status, json } = await call(sim, `${REPORT_PATH}?${new URLSearchParams(params)}`);
			expect(status).toBe(400);
			expect(json).toEqual(errorBody(400, 'SOME PARAMETERS ARE REQUIRED'));
		});

		test.each([['skill_99'], ['']])(
			'api=%j → 400 THE API YOU WANT TO CONSULT DOES NOT EXIST',
			async (api) => {
				const { status, json } = await report(sim, { api });
				expect(status).toBe(400);
				expect(json).toEqual(errorBody(400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST'));
			},
		);
	});

	describe('token, quota and validation order', () => {
		test('no token → 401, not charged to anyone', async () => {
			const { status, json } = await report(sim, {}, { token: null });
			expect(status).toBe(401);
			expect(json).toEqual(errorBody(401, 'PLEASE ENTER THE WOLKVOX-TOKEN'));
			expect(sim.stats().tokens[DEFAULT_TOKEN].quotaUsed).toBe(0);
		});

		test.each([
			['an unknown token', { token: 'nope' }],
			['a wolkvox_server header of another server', { headers: { wolkvox_server: '0043' } }],
			['a token of another server', { token: 'token-0099', headers: { wolkvox_server: '0042' } }],
		])('%s → 403 PLEASE VALIDATE TOKEN', async (_name, options) => {
			const { status, json } = await report(sim, { api: 'wrong' }, options);
			expect(status).toBe(403);
			expect(json).toEqual(errorBody(403, 'PLEASE VALIDATE TOKEN'));
		});

		test('quota: every call with the token costs one, failed ones included; then TOKEN LIMIT EXCEEDED', async () => {
			sim.setQuota(DEFAULT_TOKEN, 4);
			expect((await report(sim)).status).toBe(200);
			expect((await report(sim, { api: 'nope' })).status).toBe(400);
			expect((await report(sim, { date_ini: 'x' })).status).toBe(400);
			expect((await info(sim, 'skills')).status).toBe(200);
			const refused = await report(sim, { api: 'nope' }); // quota is checked before the api name
			expect(refused.status).toBe(403);
			expect(refused.json).toEqual(errorBody(403, 'TOKEN LIMIT EXCEEDED'));
			expect(sim.stats().tokens[DEFAULT_TOKEN]).toMatchObject({ quota: 4, quotaUsed: 5 });
			expect(sim.stats().tokens['other-token'].quotaUsed).toBe(0);
			expect((await report(sim, {}, { token: 'other-token' })).status).toBe(200);
		});

		test('setQuota refuses an unknown token or a bad number', () => {
			expect(() => sim.setQuota('nope', 5)).toThrow(/unknown token/);
			expect(() => sim.setQuota(DEFAULT_TOKEN, -1)).toThrow(/quota/);
		});

		test('resetStats starts a new day of quota', async () => {
			sim.setQuota(DEFAULT_TOKEN, 1);
			await report(sim);
			expect((await report(sim)).status).toBe(403);
			sim.resetStats();
			expect((await report(sim)).status).toBe(200);
		});
	});

	describe('information.php', () => {
		test('api=skills lists the skills and costs a token', async () => {
			const { status, json } = await info(sim, 'skills');
			expect(status).toBe(200);
			expect(json).toEqual({
				code: 200,
				error: null,
				msg: expect.any(String),
				data: [
					{ skill_id: '12', skill_name: 'Ventas' },
					{ skill_id: '15', skill_name: 'Soporte' },
					{ skill_id: '27', skill_name: 'Cobranzas' },
				],
			});
			expect(sim.stats().tokens[DEFAULT_TOKEN].quotaUsed).toBe(1);
		});

		test('api=token_info reports use (this call included) and limit', async () => {
			await report(sim);
			const { json } = await info(sim, 'token_info', { token: 'other-token' });
			expect(json).toEqual({
				code: 200,
				error: null,
				msg: expect.any(String),
				data: expect.objectContaining({
					token_limit: '50',
					token_use_today: '1',
					available_consumption_options: '49',
				}),
			});
			expect((await info(sim, 'token_info')).json.data).toMatchObject({
				token_limit: '1000',
				token_use_today: '2',
			});
		});

		test('follows the same token rules; an unknown api is refused', async () => {
			expect((await info(sim, 'skills', { token: null })).status).toBe(401);
			expect((await info(sim, 'skills', { token: 'nope' })).status).toBe(403);
			expect((await info(sim, 'skill_5')).json).toEqual(
				errorBody(400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST'),
			);
		});
	});

	describe('dialects', () => {
		const query = { skillId: 'all', dateIni: DAY.date_ini, dateEnd: DAY.date_end };

		test.each([
			[{}],
			[{ codeAsString: true }],
			[{ numbers: true }],
			[{ hourFormat: '7' }],
			[{ hourFormat: 'number' }],
			[{ hourFormat: '07:00' }],
			[{ ahtFormat: 'decimal' }],
			[{ ahtFormat: 'hms' }],
			[{ emptyValues: true }],
			[
				{
					numbers: true,
					hourFormat: 'number',
					ahtFormat: 'decimal',
					emptyValues: true,
					codeAsString: true,
				},
			],
		])('%j: a tolerant reader gets exactly expectedRows', async (dialect) => {
			sim.setDialect(/** @type {any} */ (dialect));
			const { json } = await report(sim, DAY);
			expect(json.code).toBe('codeAsString' in dialect ? '200' : 200);
			expect(json.data.map(typedFromWire)).toEqual(withoutDate(sim.expectedRows(query)));
		});

		test('wire shapes of each option', async () => {
			/** @param {object} dialect */
			const firstRows = async (dialect) => {
				sim.reset();
				sim.setDialect(/** @type {any} */ (dialect));
				return /** @type {Record<string, unknown>[]} */ ((await report(sim, DAY)).json.data);
			};
			const seven = (/** @type {Record<string, unknown>[]} */ rows) =>
				rows.find((row) => String(row.hour).startsWith('07') || row.hour === '7' || row.hour === 7);
			expect(seven(await firstRows({ hourFormat: '07' }))?.hour).toBe('07');
			expect(seven(await firstRows({ hourFormat: '7' }))?.hour).toBe('7');
			expect(seven(await firstRows({ hourFormat: 'number' }))?.hour).toBe(7);
			expect(seven(await firstRows({ hourFormat: '07:00' }))?.hour).toBe('07:00');
			for (const row of await firstRows({ ahtFormat: 'hms' }))
				expect(row.aht).toMatch(/^00:(0[1-9]|10):[0-5]\d$/);
			const decimals = await firstRows({ ahtFormat: 'decimal' });
			for (const row of decimals) expect(row.aht).toMatch(/^\d{2,3}\.\d$/);
			expect(decimals.some((row) => !String(row.aht).endsWith('.0'))).toBe(true);
			for (const row of await firstRows({ numbers: true })) {
				for (const key of [
					'skill_id',
					'inbound_calls',
					'inbound_calls_unique_customers',
					'aht',
					'agents_needed',
				])
					expect(typeof row[key]).toBe('number');
			}
			const withEmpty = await firstRows({ emptyValues: true });
			expect(withEmpty.some((row) => Object.values(row).includes(''))).toBe(true);
			expect(withEmpty.every((row) => row.skill_id !== '' && row.hour !== '')).toBe(true);
		});

		test('codeAsString applies to error bodies too', async () => {
			sim.setDialect({ codeAsString: true });
			expect((await report(sim, { skill_id: '999' })).json.code).toBe('404');
		});

		test('set at creation, changed at run time, restored by reset()', async () => {
			const own = await createSimulator({ dialect: { hourFormat: '7', numbers: true } });
			try {
				expect((await report(own)).json.data[0]).toMatchObject({ hour: '7', skill_id: 12 });
				expect(own.setDialect({ hourFormat: '07:00' })).toMatchObject({
					hourFormat: '07:00',
					numbers: true,
				});
				expect((await report(own)).json.data[0].hour).toBe('07:00');
				own.reset();
				expect((await report(own)).json.data[0].hour).toBe('7');
				expect(() => own.setDialect(/** @type {any} */ ({ ahtFormat: 'minutes' }))).toThrow(
					/ahtFormat/,
				);
			} finally {
				await own.close();
			}
		});
	});

	describe('statistics', () => {
		test('counts requests by status and api, excluding control calls', async () => {
			await report(sim);
			await report(sim, { skill_id: '999' });
			await report(sim, {}, { token: null });
			await info(sim, 'skills');
			await call(sim, '/nowhere');
			await control(sim, 'stats');
			expect(sim.stats()).toMatchObject({
				requests: 5,
				byStatus: { 200: 2, 404: 2, 401: 1 },
				byApi: { skill_5: 3, skills: 1 },
			});
			expect(sim.stats().tokens[DEFAULT_TOKEN].quotaUsed).toBe(3); // unknown path: not an API call
			sim.resetStats();
			expect(sim.stats()).toMatchObject({ requests: 0, byStatus: {}, byApi: {} });
		});
	});
});

describe('simultaneous requests', () => {
	const sim = useSharedSimulator({ latencyMs: 300, tokens: { a: {}, b: {} } });

	test('a third request of a token while two are processed gets the vendor 403; other tokens are not affected', async () => {
		const first = [report(sim, {}, { token: 'a' }), report(sim, {}, { token: 'a' })];
		await until(() => sim.stats().tokens.a.inFlight === 2);
		const third = await report(sim, {}, { token: 'a' });
		const otherToken = report(sim, {}, { token: 'b' });
		expect(third.status).toBe(403);
		expect(third.json).toEqual(
			errorBody(403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'),
		);
		expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
		expect((await otherToken).status).toBe(200);
		expect(sim.stats().tokens.a).toMatchObject({
			inFlight: 0,
			open: 0,
			highWaterMark: 2,
			peakArrivals: 3,
			simultaneousRejections: 1,
			quotaUsed: 3,
		});
		expect(sim.stats().tokens.b).toMatchObject({
			highWaterMark: 1,
			peakArrivals: 1,
			simultaneousRejections: 0,
		});
		await report(sim, {}, { token: 'a' });
		expect(sim.stats().tokens.a).toMatchObject({ highWaterMark: 2, peakArrivals: 3 }); // marks keep the maximum
	});

	test('a client that waits for answers stays at one in flight', async () => {
		for (let i = 0; i < 3; i++) expect((await report(sim, {}, { token: 'a' })).status).toBe(200);
		expect(sim.stats().tokens.a).toMatchObject({
			highWaterMark: 1,
			peakArrivals: 1,
			simultaneousRejections: 0,
		});
	});

	test('maxSimultaneous is configurable and named in the message', async () => {
		const strict = await createSimulator({ latencyMs: 300, maxSimultaneous: 1 });
		try {
			const first = report(strict);
			await until(() => strict.stats().tokens[DEFAULT_TOKEN].inFlight === 1);
			expect((await report(strict)).json.error).toBe(
				'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (1)',
			);
			expect((await first).status).toBe(200);
		} finally {
			await strict.close();
		}
	});

	test('setLatency changes the processing time at run time', async () => {
		sim.setLatency(0);
		await Promise.all([1, 2, 3].map(() => report(sim, {}, { token: 'a' })));
		expect(sim.stats().latencyMs).toBe(0);
		expect(() => sim.setLatency(-5)).toThrow(/latencyMs/);
	});
});

describe('record limit', () => {
	test('60,000 rows are served; one skill more is refused with the limit in the message', async () => {
		const sim = await createSimulator({ skills: 2501, quietHours: false });
		try {
			const refused = await report(sim, DAY);
			expect(refused.status).toBe(400);
			expect(refused.json.msg).toMatch(/60024 RECORDS.*LIMIT IS 60000 RECORDS/);
			const served = await report(sim, { ...DAY, skill_id: '1000' });
			expect(served.json.data).toHaveLength(24);
		} finally {
			await sim.close();
		}
		const full = await createSimulator({ skills: 2500, quietHours: false });
		try {
			const { status, json } = await report(full, DAY);
			expect(status).toBe(200);
			expect(json.msg).toBe('60000 records were found');
			expect(json.data).toHaveLength(60000);
		} finally {
			await full.close();
		}
	});

	test('maxRecords is configurable', async () => {
		const sim = await createSimulator({ maxRecords: 2 });
		try {
			expect((await report(sim)).status).toBe(400);
			expect((await report(sim, { skill_id: '12' })).status).toBe(200);
		} finally {
			await sim.close();
		}
	});
});

describe('reuseReports (for benchmarks)', () => {
	test('a repeated query gets the same bytes, still charged and checked; a dialect change is served fresh', async () => {
		const sim = await createSimulator({ reuseReports: true });
		try {
			const first = await report(sim, DAY);
			const again = await report(sim, DAY);
			expect(again).toEqual(first);
			expect(first.json.data.map(typedFromWire)).toEqual(
				withoutDate(
					sim.expectedRows({ skillId: 'all', dateIni: DAY.date_ini, dateEnd: DAY.date_end }),
				),
			);
			expect(sim.stats().tokens[DEFAULT_TOKEN].quotaUsed).toBe(2);
			expect((await report(sim, DAY, { token: 'wrong' })).json.error).toBe('PLEASE VALIDATE TOKEN');
			sim.setDialect({ ahtFormat: 'hms' });
			const fresh = await report(sim, DAY);
			expect(fresh.json.data[0].aht).toMatch(/^\d\d:\d\d:\d\d$/);
			expect(fresh.text).not.toBe(first.text);
		} finally {
			await sim.close();
		}
	});
});

describe('faults', () => {
	const sim = useSharedSimulator();

	test('delay: answers normally afterwards', async () => {
		sim.injectFaults([{ kind: 'delay', delayMs: 50 }]);
		expect((await report(sim)).status).toBe(200);
		expect(sim.stats().faults).toEqual({ delay: 1 });
	});

	test('delay: the request is open while delayed', async () => {
		sim.injectFaults([{ kind: 'delay', delayMs: 300 }]);
		const pending = report(sim);
		await until(() => sim.stats().tokens[DEFAULT_TOKEN].open === 1);
		expect(sim.stats().tokens[DEFAULT_TOKEN].inFlight).toBe(0);
		expect((await pending).status).toBe(200);
	});

	test('reset: the connection drops without an answer', async () => {
		sim.injectFaults(['reset']);
		await expect(report(sim)).rejects.toThrow('fetch failed');
		expect((await report(sim)).status).toBe(200); // one-shot
	});

	test('truncate: headers and half the body, then the connection drops', async () => {
		sim.injectFaults(['truncate']);
		const res = await fetch(`${sim.url}${REPORT_PATH}?api=skill_5`, {
			headers: { 'wolkvox-token': sim.token },
		});
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
	});

	test('html502: a proxy page', async () => {
		sim.injectFaults(['html502']);
		const { status, contentType, text } = await report(sim);
		expect([status, contentType]).toEqual([502, 'text/html']);
		expect(text).toContain('502 Bad Gateway');
	});

	test('malformed: 200 with broken JSON', async () => {
		sim.injectFaults(['malformed']);
		const { status, text, json } = await report(sim);
		expect(status).toBe(200);
		expect(text).toMatch(/^\{"code":200/);
		expect(json).toBeUndefined();
	});

	test('maintenance: 403 with an HTML page', async () => {
		sim.injectFaults(['maintenance']);
		const { status, contentType, json } = await report(sim);
		expect([status, contentType, json]).toEqual([403, 'text/html', undefined]);
	});

	test('5xx: 500 JSON by default, or a given status with a text body', async () => {
		sim.injectFaults(['5xx', { kind: '5xx', status: 503, body: 'text' }]);
		const first = await report(sim);
		expect([first.status, first.json?.code]).toEqual([500, 500]);
		const second = await report(sim);
		expect([second.status, second.json, second.text]).toEqual([
			503,
			undefined,
			'Internal Server Error',
		]);
	});

	test('simultaneous: the vendor 403, counted as a rejection', async () => {
		sim.injectFaults(['simultaneous']);
		expect((await report(sim)).json).toEqual(
			errorBody(403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'),
		);
		expect(sim.stats().tokens[DEFAULT_TOKEN].simultaneousRejections).toBe(1);
	});

	test('hang: no answer until the client gives up', async () => {
		sim.injectFaults(['hang']);
		const abort = new AbortController();
		const pending = report(sim, {}, { signal: abort.signal });
		await until(() => sim.stats().tokens[DEFAULT_TOKEN].open === 1);
		abort.abort();
		await expect(pending).rejects.toThrow(/abort/i);
		await until(() => sim.stats().tokens[DEFAULT_TOKEN].open === 0);
	});

	test('hang: close() ends it', async () => {
		const own = await createSimulator();
		own.injectFaults(['hang']);
		const pending = report(own);
		await until(() => own.stats().requests === 1);
		await own.close();
		await expect(pending).rejects.toThrow('fetch failed');
	});

	test('queued faults apply in order, `times` repeats one; each is charged and counted', async () => {
		sim.injectFaults([{ kind: 'html502', times: 2 }, '5xx']);
		expect(sim.stats().faultsPending).toBe(3);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await report(sim)).status);
		expect(statuses).toEqual([502, 502, 500, 200]);
		expect(sim.stats()).toMatchObject({
			faults: { html502: 2, '5xx': 1 },
			faultsPending: 0,
			byStatus: { 502: 2, 500: 1, 200: 1 },
		});
		expect(sim.stats().tokens[DEFAULT_TOKEN].quotaUsed).toBe(4);
	});

	test('an invalid fault list is refused as a whole', () => {
		expect(() => sim.injectFaults(['html502', 'earthquake'])).toThrow(/earthquake/);
		expect(() => sim.injectFaults([{ kind: '5xx', status: 404 }])).toThrow(/status/);
		expect(() => sim.injectFaults([{ kind: 'delay', times: 0 }])).toThrow(/times/);
		expect(sim.stats().faultsPending).toBe(0);
	});

	test('every kind is playable', async () => {
		for (const kind of FAULT_KINDS.filter((k) => k !== 'hang')) {
			sim.injectFaults([{ kind, delayMs: 1 }]);
			await report(sim).catch(() => undefined);
		}
		expect(Object.keys(sim.stats().faults).sort()).toEqual(
			FAULT_KINDS.filter((k) => k !== 'hang').sort(),
		);
	});

	test('random faults: seeded, reproducible, cleared by clearFaults', async () => {
		/** @param {number} seed */
		const run = async (seed) => {
			sim.reset();
			sim.setRandomFaults({ rate: 0.5, seed, kinds: ['html502', { kind: '5xx', status: 503 }] });
			const statuses = [];
			for (let i = 0; i < 20; i++) statuses.push((await report(sim)).status);
			return statuses;
		};
		const first = await run(7);
		expect(await run(7)).toEqual(first);
		expect(new Set(first)).toEqual(new Set([200, 502, 503]));
		expect(await run(8)).not.toEqual(first);
		sim.clearFaults();
		expect((await report(sim)).status).toBe(200);
		expect(() => sim.setRandomFaults({ rate: 2 })).toThrow(/rate/);
	});

	test('queued faults come before random ones', async () => {
		sim.setRandomFaults({ rate: 1, kinds: ['html502'] });
		sim.injectFaults(['maintenance']);
		expect((await report(sim)).status).toBe(403);
		expect((await report(sim)).status).toBe(502);
	});

	test('per-request random faults do not depend on the order requests arrive in', () => {
		const requests = Array.from({ length: 40 }, (_, i) => `/api?skill=${i % 8}`);
		/** Each request's faults, in the order it met them. @param {string[]} order @param {boolean} perRequest */
		const faultsOf = (order, perRequest) => {
			const plan = new FaultPlan();
			plan.setRandom({ rate: 0.5, seed: 3, kinds: ['5xx', 'reset'], perRequest });
			/** @type {Record<string, Array<string | null>>} */
			const byRequest = {};
			for (const request of order)
				(byRequest[request] ??= []).push(plan.next(request)?.kind ?? null);
			return byRequest;
		};
		const reversed = [...requests].reverse();
		const forwards = faultsOf(requests, true);
		expect(faultsOf(reversed, true)).toEqual(forwards);
		expect(Object.values(forwards).flat()).toEqual(expect.arrayContaining([null, '5xx', 'reset']));
		// One stream in arrival order (the default) hands other faults to a request when the order changes.
		expect(faultsOf(reversed, false)).not.toEqual(faultsOf(requests, false));
	});

	test('mulberry32 is deterministic and uniform-ish', () => {
		const a = mulberry32(42);
		const b = mulberry32(42);
		const draws = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...draws)).toBeLessThan(1);
		expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
	});
});

describe('control endpoints', () => {
	const sim = useSharedSimulator();

	test('stats, faults, dialect, quota, latency and reset over HTTP', async () => {
		expect((await control(sim, 'faults', ['html502', { kind: '5xx', times: 2 }])).json).toEqual({
			pending: 3,
		});
		expect((await control(sim, 'faults', undefined, 'DELETE')).json).toEqual({ pending: 0 });
		await control(sim, 'faults', ['html502']);
		expect((await report(sim)).status).toBe(502);
		expect((await control(sim, 'dialect', { hourFormat: 'number' })).json).toMatchObject({
			hourFormat: 'number',
		});
		expect((await report(sim)).json.data[0].hour).toBe(7);
		expect((await control(sim, 'quota', { token: DEFAULT_TOKEN, quota: 2 })).status).toBe(200);
		expect((await report(sim)).json.error).toBe('TOKEN LIMIT EXCEEDED');
		expect((await control(sim, 'latency', { latencyMs: 0 })).json).toEqual({ latencyMs: 0 });
		const stats = (await control(sim, 'stats')).json;
		expect(stats).toMatchObject({
			requests: 3,
			byStatus: { 502: 1, 200: 1, 403: 1 },
			faults: { html502: 1 },
		});
		expect(stats.tokens[DEFAULT_TOKEN]).toMatchObject({ quota: 2, quotaUsed: 3 });
		const afterReset = (await control(sim, 'reset', {})).json;
		expect(afterReset).toMatchObject({
			requests: 0,
			faultsPending: 0,
			dialect: { hourFormat: '07' },
		});
		expect((await report(sim)).status).toBe(200);
	});

	test('random faults over HTTP', async () => {
		expect(
			(await control(sim, 'random-faults', { rate: 1, seed: 3, kinds: ['malformed'] })).json,
		).toEqual({ random: true });
		expect((await report(sim)).json).toBeUndefined();
		expect((await control(sim, 'random-faults', { rate: 0 })).json).toEqual({ random: false });
		expect((await report(sim)).status).toBe(200);
	});

	test('bad control input → 400 with the reason; unknown endpoint → 404', async () => {
		expect(await control(sim, 'dialect', { hourFormat: 'H' })).toMatchObject({
			status: 400,
			json: { error: expect.stringMatching(/hourFormat/) },
		});
		expect(await control(sim, 'faults', { kind: 'reset' })).toMatchObject({
			status: 400,
			json: { error: expect.stringMatching(/array/) },
		});
		expect(await control(sim, 'quota', { token: 'nope', quota: 1 })).toMatchObject({ status: 400 });
		expect(
			(
				await call(sim, '/__sim/faults', {
					token: null,
					method: 'POST',
					headers: { 'content-type': 'application/json' },
				})
			).status,
		).toBe(400);
		expect((await control(sim, 'teleport', {})).status).toBe(404);
		expect(sim.stats().requests).toBe(0);
	});

	const externalAddress = Object.values(os.networkInterfaces())
		.flat()
		.find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
	(externalAddress ? test : test.skip)('answer loopback clients only', async () => {
		const open = await createSimulator({ host: '0.0.0.0' });
		try {
			const viaNetwork = await fetch(`http://${externalAddress}:${open.port}/__sim/stats`);
			expect(viaNetwork.status).toBe(403);
			expect((await fetch(`http://${externalAddress}:${open.port}${REPORT_PATH}`)).status).toBe(
				401,
			); // the API itself is reachable
			expect((await control(open, 'stats')).status).toBe(200);
		} finally {
			await open.close();
		}
	});
});

describe('cli', () => {
	const cli = path.join(__dirname, '..', '..', 'tools', 'simulator', 'cli.js');

	test('prints its address as one JSON line, serves, and stops cleanly on SIGTERM', async () => {
		const child = childProcess.spawn(
			process.execPath,
			[
				cli,
				'--token',
				'cli-token',
				'--server',
				'0077',
				'--skills',
				'5',
				'--quota',
				'3',
				'--latency',
				'0',
			],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		const exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal })),
		);
		try {
			const [line] = await once(
				readline.createInterface({
					input: /** @type {import('node:stream').Readable} */ (child.stdout),
				}),
				'line',
			);
			const started = JSON.parse(line);
			expect(started).toEqual({
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
				server: '0077',
				token: 'cli-token',
			});
			const remote = /** @type {Simulator} */ (
				/** @type {unknown} */ ({ url: started.url, token: 'cli-token' })
			);
			const skills = await info(remote, 'skills', { headers: { wolkvox_server: '0077' } });
			expect(skills.json.data).toHaveLength(5);
			expect((await info(remote, 'token_info')).json.data).toMatchObject({
				token_use_today: '2',
				token_limit: '3',
			});
			child.kill('SIGTERM');
			expect(await exited).toEqual({ code: 0, signal: null });
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL'); // a failed assertion must not leave the server running
		}
	});

	test('refuses a bad option with exit code 1', async () => {
		const result = childProcess.spawnSync(process.execPath, [cli, '--port', 'abc'], {
			encoding: 'utf8',
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/--port/);
	});
});
