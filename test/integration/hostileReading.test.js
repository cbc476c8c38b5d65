// @ts-check
'use strict';

/**
 * Hostile answers against the reading of answers, through n8n-core's real engine and HTTP layer on
 * loopback: the token hidden by JSON escapes in nested rows sent as JSON text, caps at every
 * nesting level and before JSON.parse, tokens that typing could write, `_unparsed` texts and query
 * texts. Figures go to stderr for the report; assertions are about requests and outcomes.
 */

const { loadPackageTypes, runListSearch } = require('../../tools/harness');
const { ENDPOINTS } = require('../../dist/nodes/shared/wolkvox/spec');
const { secretRedactor } = require('../../dist/nodes/shared/wolkvox/api/redact');
const { catalogueRows } = require('../../tools/simulator/catalogue');
const { nestedTextAnswer, innerRowsAnswer } = require('../../tools/simulator/hostile');
const { runWolkvox, everythingSaid } = require('./wolkvox');
const {
	useHostileServer,
	answerOf,
	report,
	streamHugeAnswer,
	TOKEN,
	TOKEN_FORMS,
} = require('./hostileServer');

const server = useHostileServer((_req, res) => res.end(answerOf([])));
const credential = (/** @type {object} */ change = {}) => ({
	server: '0042',
	token: TOKEN,
	baseUrl: server.url,
	...change,
});

/** @param {string} api */
const endpointOf = (api) => ENDPOINTS.find((/** @type {any} */ e) => e.api === api);

/** Runs the report `api` for 23 November 2026 (when dated). @param {string} api */
function runReport(api, parameters = {}, options = {}) {
	const endpoint = endpointOf(api);
	return runWolkvox(
		/** @type {any} */ ({}),
		{
			resource: endpoint.resource,
			operation: endpoint.operation,
			...(endpoint.maxRangeDays
				? { range: 'custom', startDate: '2026-11-23T00:00:00', endDate: '2026-11-24T00:00:00' }
				: {}),
			...parameters,
		},
		{ credential: credential(), ...options },
	);
}

const redact = secretRedactor(TOKEN);

/** The forms of the token in everything a run said, and whether the redactor still finds one. */
function leaks(/** @type {any} */ result) {
	const said = everythingSaid(result);
	return {
		forms: TOKEN_FORMS.filter((form) => said.includes(form)),
		redactorFinds: redact(said) !== said,
	};
}

const heapMiB = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);

describe('1. nested rows sent as JSON text never carry the token out, whatever escapes hide it', () => {
	/** Every endpoint with nested rows, and Split Nested Rows on and off where it applies. */
	const cases = ENDPOINTS.filter((/** @type {any} */ e) =>
		Object.values(e.fields).some((kind) => typeof kind === 'object'),
	).flatMap((/** @type {any} */ e) =>
		[true, false].flatMap((split) =>
			[
				['\\\\', 'escaped as JSON.stringify does'],
				['\\u005c', 'written \\u005c, which no check of the outer text can tell apart'],
			].map(([backslash, how]) => [e.api, split, how, backslash]),
		),
	);

	test('the nested endpoints are the ones the issue names', () => {
		expect([...new Set(cases.map(([api]) => api))]).toEqual([
			'agent_5',
			'agent_11',
			'chats',
			'interactions',
			'latency',
		]);
	});

	test.each(cases)(
		'%s, split %s, nested backslashes %s: every form, every spelling, blanked',
		async (api, split, _how, backslash) => {
			server.handler = (_req, res) =>
				res.end(nestedTextAnswer(String(api), TOKEN_FORMS, String(backslash)));
			const result = await runReport(String(api), { splitNestedRows: split });
			const found = leaks(result);
			report('nested text leaks', { api, split, backslash, ...found });
			expect(result.error).toBeUndefined();
			// One row per form and spelling, each with one inner row.
			expect(result.rows).toHaveLength(TOKEN_FORMS.length * 4);
			expect(found).toEqual({ forms: [], redactorFinds: false });
			expect(JSON.stringify(result.rows)).toContain('***');
		},
	);
});

describe('2. caps hold at every nesting level and on the items an answer becomes', () => {
	test.each([
		['1,000,000 inner rows in one row', { outer: 1, inner: 1_000_000 }, /list of more than 60,000/],
		[
			'1,000,000 inner rows sent as JSON text',
			{ outer: 1, inner: 1_000_000, asText: true },
			/list of more than 60,000/,
		],
		[
			'two rows of 30,001 inner rows (60,002 items)',
			{ outer: 2, inner: 30_001 },
			/more than 60,000 items/,
		],
		[
			'65 rows of 60,000 inner rows sent as JSON text (3.9 million values), not split',
			{ outer: 65, inner: 60_000, asText: true },
			/more than 3,840,000 values/,
			{ splitNestedRows: false },
		],
	])('%s: refused, not retried, nothing emitted', async (name, shape, arrived, parameters = {}) => {
		server.handler = (_req, res) => res.end(innerRowsAnswer('agent_5', shape));
		const heapBefore = heapMiB();
		const started = Date.now();
		const result = await runReport('agent_5', parameters);
		report('nested caps', {
			name,
			items: result.rows.length,
			ms: Date.now() - started,
			heapGrowthMiB: heapMiB() - heapBefore,
		});
		expect(result.error?.message).toMatch(/exceed 60,000 records/);
		expect(result.error?.description).toMatch(arrived);
		expect(result.rows).toEqual([]);
		expect(server.hits.requests).toBe(1);
	});

	test('with Split Nested Rows off, two rows of 30,001 inner rows are two items', async () => {
		server.handler = (_req, res) =>
			res.end(innerRowsAnswer('agent_5', { outer: 2, inner: 30_001 }));
		const result = await runReport('agent_5', { splitNestedRows: false });
		expect(result.error).toBeUndefined();
		expect(result.rows).toHaveLength(2);
		expect(result.rows[0].status_x_hour).toHaveLength(30_001);
	});

	test('a row of 100 fields over 60,000 inner rows: split, 6 million copied values are refused', async () => {
		const fields = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '1']));
		const row = { ...fields, status_x_hour: Array(60_000).fill({}) };
		server.handler = (_req, res) => res.end(answerOf([row]));
		const result = await runReport('agent_5');
		expect(result.error?.description).toMatch(/would copy more than 3,840,000 values/);
		expect(server.hits.requests).toBe(1);
	});
});

describe('4. caps hold before JSON.parse', () => {
	test('57 MiB of 20 million `{}` rows: refused at once, not retried', async () => {
		server.handler = (_req, res, hits) => streamHugeAnswer(res, hits, 57 * 1024 * 1024);
		const rssBefore = process.memoryUsage().rss;
		const started = Date.now();
		const result = await runReport('agent_1');
		report('20 M {}', {
			ms: Date.now() - started,
			rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 1024 / 1024),
			bytesWritten: server.hits.bytesWritten,
		});
		expect(result.error?.message).toMatch(/exceed 60,000 records/);
		expect(result.error?.description).toMatch(/list of more than 60,000 rows/);
		expect(server.hits.requests).toBe(1);
	});
});

describe('6. a token typing could write is refused before any request', () => {
	const digits = '4242424242424242';
	test.each([
		[digits],
		['1.234567890123456e15'],
		['342935525034:17:36'],
		['2026-11-23T07:58:12-05:00'],
		['-12.5E+21'],
	])('%s: the node says why and sends nothing', async (token) => {
		server.handler = (_req, res) => res.end(answerOf([{ calls: token, aht: Number(token) }]));
		const result = await runReport('agent_1', {}, { credential: credential({ token }) });
		expect(result.error?.message).toBe('Token looks like a number, date or time');
		expect(server.hits.requests).toBe(0);
		expect(everythingSaid(result)).not.toContain(token);
	});

	test('the picker refuses it too', async () => {
		const { error } = await runListSearch({
			types: await loadPackageTypes(),
			node: {
				name: 'Wolkvox',
				type: 'n8n-nodes-wolkvox.wolkvox',
				credentials: { wolkvoxApi: { id: '1', name: 'W' } },
			},
			method: 'searchSkills',
			credentials: { wolkvoxApi: { 1: credential({ token: digits }) } },
		});
		expect(error?.message).toMatch(/Token looks like a number/);
		expect(server.hits.requests).toBe(0);
	});
});

describe('10. texts kept as sent', () => {
	test('a number that does not fit its field is kept under _unparsed as it was written', async () => {
		const [usual] = catalogueRows(endpointOf('agent_1'), { rows: 1, plain: true }).wire;
		const body = answerOf([{ ...usual, calls: 0, aht: 0, inbound: 0 }])
			.replace('"calls":0', '"calls":9007199254740993')
			.replace('"aht":0', '"aht":1e400')
			.replace('"inbound":0', '"inbound":-0.50');
		server.handler = (_req, res) => res.end(body);
		const result = await runReport('agent_1');
		expect(result.error).toBeUndefined();
		expect(result.rows[0]).toMatchObject({
			calls: null,
			aht: null,
			inbound: null,
			_unparsed: { calls: '9007199254740993', aht: '1e400', inbound: '-0.50' },
		});
	});

	test('a parameter holding half a character (an expression cut an emoji) is refused, nothing sent', async () => {
		const result = await runReport('diagram_1', { customerId: '={{ "C-1😀".slice(0, 4) }}' });
		expect(result.error?.message).toBe(
			'Customer ID contains half of a character (a lone UTF-16 surrogate)',
		);
		expect(server.hits.requests).toBe(0);
	});
});
