// @ts-check
'use strict';

/**
 * The hostile input corpus (test/corpus/*.json, checked in as data): credential fields, parameters
 * and response bodies. Each case must end in a clear error or a correct result, through the real
 * engine: no crash, no request for input that cannot work, and the token nowhere in output, errors
 * or logs.
 */

const http = require('node:http');
const { wolkvoxFailure } = require('../../dist/nodes/shared/wolkvox/api/failures');
const { Wolkvox } = require('../../dist/nodes/Wolkvox/Wolkvox.node');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');

const WORKFORCE_FIELDS = endpointOf('report', 'getWorkforcePerHour').fields;

/** Reasons of the error table (answers.ts) the corpus names. */
const API_REASONS = new Set([
	'tokenRefused',
	'quotaExhausted',
	'missingToken',
	'unknownApi',
	'badParameters',
	'tooManyRecords',
	'accessDenied',
	'endpointNotEnabled',
	'unexpectedAnswer',
	'unreadableAnswer',
	'blockedPage',
	'redirected',
	'maintenance',
	'serverError',
]);
const {
	useSimulator,
	runWolkvox,
	customRange,
	expectedOutput,
	simulatorCredential,
	everythingSaid,
} = require('./wolkvox');

const credentialCases = require('../corpus/credentials.json');
const parameterCases = require('../corpus/parameters.json');
const responseCases = require('../corpus/responses.json');

const RANGE = { start: '2026-11-23T07:00:00', end: '2026-11-23T10:00:00' };

/** How a refused field shows in the message. */
const FIELD_WORDS = {
	server: /^Server /,
	token: /^Token /,
	baseUrl: /^Base URL /,
	skillId: /^Skill /,
	startDate: /^Start Date /,
	endDate: /^(End Date |The range )/,
	timezone: /^Time Zone /,
	range: /^Range /,
};

/**
 * The labels the editor shows for an option path of the node's Options, e.g.
 * staffingCheck.target.shrinkagePercent → "Staffing Check (Erlang C) → Target → Shrinkage (%)".
 * @param {string} optionPath
 */
function optionLabel(optionPath) {
	/** @type {any[]} */
	let choices = new Wolkvox().description.properties.find(
		(/** @type {any} */ field) =>
			field.name === 'options' &&
			field.displayOptions.show.operation.includes('getWorkforcePerHour'),
	).options;
	return optionPath
		.split('.')
		.map((name) => {
			const choice = choices.find((candidate) => candidate.name === name);
			if (!choice) throw new Error(`no option ${optionPath}`);
			choices = choice.values ?? choice.options ?? [];
			return choice.displayName;
		})
		.join(' → ');
}

/** @param {any} result @param {string} expect @param {{ requests: number, sim: any, skillId?: unknown }} context */
function checkOutcome(result, expect, context) {
	const error = result.error;
	const [kind, detail] = expect.split(':');
	if (kind === 'ok') {
		expect_(error, 'no error').toBeUndefined();
		expect_(result.rows.length, 'rows').toBeGreaterThan(0);
		return;
	}
	expect_(error, 'an error').toBeDefined();
	if (kind === 'error' && detail in FIELD_WORDS) {
		expect_(error.name).toBe('NodeOperationError');
		expect_(error.message).toMatch(FIELD_WORDS[/** @type {keyof FIELD_WORDS} */ (detail)]);
		expect_(error.description ?? '', 'a description saying what is valid').not.toBe('');
		expect_(context.requests, 'requests sent').toBe(0);
	} else if (API_REASONS.has(detail)) {
		expect_(error.name).toBe('NodeApiError');
		const host = hostOf(context.sim.url);
		const rowProblem = new RegExp(`^${host} sent a row this node cannot read \\(row \\d+: .+\\)$`);
		if (detail === 'unexpectedAnswer' && rowProblem.test(error.message)) return;
		expect_(error.message).toBe(wolkvoxFailure(detail, host).message);
	} else {
		// An option: named by the labels the editor shows and what it must be, never by its path.
		expect_(error.name).toBe('NodeOperationError');
		expect_(error.message.startsWith(`${optionLabel(detail)} `)).toBe(true);
		expect_(error.message).toMatch(/ is not valid: it must be /);
		expect_(error.message).not.toContain(detail);
		expect_(context.requests).toBe(0);
	}
}

const expect_ = (/** @type {unknown} */ value, /** @type {string} */ _what = '') => expect(value);
const hostOf = (/** @type {string} */ url) => url.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
/** @param {any} value @param {string} url */
const withSimulator = (value, url) =>
	typeof value === 'string' ? value.replace('{sim}', url) : value;

describe('hostile input corpus', () => {
	const sim = useSimulator();

	test('has at least 200 cases', () => {
		expect(
			credentialCases.length + parameterCases.length + responseCases.length,
		).toBeGreaterThanOrEqual(200);
	});

	test.each(credentialCases.map((c) => [c.name, c]))('credential: %s', async (_name, testCase) => {
		const change = Object.fromEntries(
			Object.entries(testCase.change).map(([key, value]) => [key, withSimulator(value, sim.url)]),
		);
		const result = await runWolkvox(sim, customRange(RANGE.start, RANGE.end), {
			credential: simulatorCredential(sim, change),
		});
		checkOutcome(result, testCase.expect, { requests: sim.stats().requests, sim });
		if (testCase.expect === 'ok') expect(result.rows).toEqual(expectedOutput(sim, RANGE));
		const said = everythingSaid(result);
		expect(said).not.toContain(sim.token);
		if (typeof change.token === 'string' && change.token.trim().length > 3)
			expect(said).not.toContain(change.token.trim());
		// A refused credential value is described, never quoted: it may be a secret in the wrong field.
		if (testCase.expect.startsWith('error:')) {
			const shown = String(result.error?.message);
			for (const value of Object.values(change))
				if (typeof value === 'string' && value.trim().length >= 6)
					expect(shown).not.toContain(value.trim());
		}
	});

	test.each(parameterCases.map((c) => [c.name, c]))('parameter: %s', async (_name, testCase) => {
		const parameters = { ...customRange(RANGE.start, RANGE.end), ...testCase.parameters };
		const result = await runWolkvox(sim, parameters).catch((error) => {
			// n8n's own checks (required value, the picker's regex) refuse before the node runs.
			if (error.name !== 'WorkflowHasIssuesError') throw error;
			return { error, rows: [], run: undefined, logs: [], refusedByN8n: true };
		});
		if ('refusedByN8n' in result) {
			expect(testCase.expect).toMatch(/^error:/);
			expect(sim.stats().requests).toBe(0);
			return;
		}
		checkOutcome(result, testCase.expect, { requests: sim.stats().requests, sim });
		if (testCase.expect === 'ok') expect(sim.stats().requests).toBeGreaterThan(0);
		expect(everythingSaid(result)).not.toContain(sim.token);
	});
});

describe('hostile response corpus', () => {
	const token = 'sim-token-0042';
	/** @type {http.Server} */
	let server;
	let url = '';
	/** @type {{ status: number, contentType: string, body: string, bodyBase64?: string, headers?: Record<string, string>, once?: boolean }} */
	let answer;
	let requests = 0;
	const documented = JSON.stringify({
		code: 200,
		error: null,
		msg: '1 records were found',
		data: [
			{
				skill_id: '12',
				hour: '07',
				inbound_calls: '131',
				inbound_calls_unique_customers: '118',
				aht: '185',
				agents_needed: '9',
			},
		],
	});

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			requests++;
			const { status, contentType, body, bodyBase64, headers } =
				answer.once && requests > 1
					? { status: 200, contentType: 'application/json', body: documented }
					: answer;
			res.writeHead(status, { 'content-type': contentType, ...headers });
			res.end(bodyBase64 === undefined ? body : Buffer.from(bodyBase64, 'base64'));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
	});
	afterAll(() => new Promise((resolve) => server.close(() => resolve(undefined))));

	test.each(responseCases.map((c) => [c.name, c]))('%s', async (_name, testCase) => {
		answer = testCase;
		requests = 0;
		const sim = /** @type {any} */ ({ url, token, server: '0042' });
		const result = await runWolkvox(
			sim,
			customRange('2026-11-23T07:00:00', '2026-11-23T08:00:00'),
			{
				credential: { server: '0042', token, baseUrl: url },
			},
		);
		const [kind, detail] = testCase.expect.split(':');
		if (kind === 'rows' || kind === 'unparsed') {
			// A value that cannot be true for its field is null, and kept as sent under _unparsed.
			expect(result.error).toBeUndefined();
			const sentRows = kind === 'unparsed' ? JSON.parse(testCase.body).data : [];
			expect(result.rows).toHaveLength(kind === 'rows' ? Number(detail) : sentRows.length);
			result.rows.forEach((row, index) => {
				const { _unparsed, ...values } = row;
				// A row that is not an object is kept whole, as sent, under _unparsed.row.
				if (detail === 'row') {
					const sent = sentRows[index];
					expect(row).toEqual({
						_unparsed: { row: typeof sent === 'string' ? sent : JSON.stringify(sent) },
						hour_start: null,
						interval_start: null,
						interval_seconds: null,
					});
					return;
				}
				// The report's fields are typed (a field not sent stays out); others are kept as sent.
				for (const field of Object.keys(WORKFORCE_FIELDS)) {
					const value = values[field];
					expect(
						value === null || value === undefined || ['number', 'string'].includes(typeof value),
					).toBe(true);
				}
				// In an `unparsed:` case the last row carries the value that cannot be true.
				if (kind === 'rows' || index < sentRows.length - 1) expect(_unparsed).toBeUndefined();
				else {
					expect(row[detail]).toBeNull();
					const sent = sentRows[index][detail];
					// A value that echoes the token is kept with the token blanked out.
					if (testCase.sentRedacted) expect(_unparsed).toEqual({ [detail]: '***' });
					else
						expect(_unparsed).toEqual({
							[detail]: typeof sent === 'string' ? sent : JSON.stringify(sent),
						});
				}
			});
			if (testCase.once) expect(requests).toBe(2);
		} else {
			checkOutcome(result, testCase.expect, { requests, sim });
			// Each request costs a token: only answers that may heal are tried again (tries: the most allowed).
			expect(requests).toBe(testCase.tries ?? 1);
		}
		expect(everythingSaid(result)).not.toContain(token);
	});
});
