// @ts-check
'use strict';

/**
 * The spec (nodes/shared/wolkvox/spec) held against the gathered facts
 * (/work/shared/wolkvox-catalogue/endpoints.json, copied to test/fixtures): every endpoint present
 * once, field and parameter names identical, range limits equal, or a written reason below.
 */

const {
	ENDPOINTS,
	RESOURCES,
	PARAMETERS,
	isNestedRows,
	endpointOf,
} = require('../../dist/nodes/shared/wolkvox/spec');
const SOURCES = require('../fixtures/wolkvox-endpoints.json');

const KINDS = [
	'id',
	'count',
	'number',
	'seconds',
	'percentage',
	'dateTime',
	'date',
	'hour',
	'timeOfDay',
	'boolean',
	'text',
	'object',
];

/** The gathered facts list the answer's envelope (code, error, msg, data) on some pages, and inner
 * rows as `data[].name`: neither is a field of a row. */
function documentedFieldNames(/** @type {any} */ source) {
	const names = source.fields.map((/** @type {any} */ field) =>
		field.name.replace(/^data\[\]\./, ''),
	);
	while (['code', 'error', 'msg'].includes(names[0])) names.shift();
	if (names[0] === 'data') names.shift();
	return names;
}

/** The gathered facts name a family of columns by a placeholder or by its first member. */
const FAMILY_AS_DOCUMENTED = {
	'q{n}': 'q#',
	'opt{n}': 'opt#',
	'category{n}': 'category01',
	'service_level_{n}seg': 'service_level_XXseg',
};

/** Fields the spec adds to what the pages list (sent, though undocumented there). */
const UNDOCUMENTED = ['tx_jitter', 'rx_jitter'];

/** Field names of a spec entry, inner rows right after the field that holds them (as the sources list them). */
function specFieldNames(/** @type {Record<string, any>} */ fields, inner = false) {
	return Object.entries(fields).flatMap(([name, kind]) => {
		if (isNestedRows(kind)) return [name, ...specFieldNames(kind.rows, true)];
		if (inner && UNDOCUMENTED.includes(name) && 'status' in fields) return [];
		return [/** @type {any} */ (FAMILY_AS_DOCUMENTED)[name] ?? name];
	});
}

/** Where the spec knowingly differs from the gathered facts, and why. */
const REASONS = {
	// The URL template has {{nit}} and {{phone}} placeholders: the call cannot work without them.
	requiredParams: { 'information.php law2300_info': ['nit', 'phone'] },
};

const key = (/** @type {{file: string, api: string}} */ e) => `${e.file} ${e.api}`;

describe('the spec against endpoints.json', () => {
	test('every gathered endpoint is in the spec exactly once, and nothing else', () => {
		expect(ENDPOINTS.map(key).sort()).toEqual(SOURCES.map(key).sort());
		expect(new Set(ENDPOINTS.map(key)).size).toBe(ENDPOINTS.length);
		expect(ENDPOINTS).toHaveLength(130);
	});

	test.each(SOURCES.map((/** @type {any} */ source) => [key(source), source]))(
		'%s: same field names, in the same order',
		(_name, source) => {
			const spec = ENDPOINTS.find((endpoint) => key(endpoint) === key(source));
			expect(specFieldNames(spec.fields)).toEqual(documentedFieldNames(source));
		},
	);

	test.each(SOURCES.map((/** @type {any} */ source) => [key(source), source]))(
		'%s: same parameters and range limit',
		(_name, source) => {
			const spec = ENDPOINTS.find((endpoint) => key(endpoint) === key(source));
			const params = spec.params ?? [];
			expect(params.map((/** @type {any} */ p) => p.wire)).toEqual(
				source.params.map((/** @type {any} */ p) => p.name),
			);
			const requiredBySource = source.params
				.filter((/** @type {any} */ p) => p.required === true)
				.map((/** @type {any} */ p) => p.name);
			const requiredWithReason =
				/** @type {Record<string, string[]>} */ (REASONS.requiredParams)[key(source)] ?? [];
			expect(
				params
					.filter((/** @type {any} */ p) => p.required)
					.map((/** @type {any} */ p) => p.wire)
					.sort(),
			).toEqual([...requiredBySource, ...requiredWithReason].sort());
			expect(spec.maxRangeDays).toBe(source.takesDateRange ? source.rangeLimitDays : undefined);
		},
	);
});

describe('the spec is well formed', () => {
	test('kinds are known, nested rows hold fields', () => {
		const check = (/** @type {Record<string, any>} */ fields) => {
			for (const kind of Object.values(fields)) {
				if (isNestedRows(kind)) check(kind.rows);
				else expect(KINDS).toContain(kind);
			}
		};
		for (const endpoint of ENDPOINTS) check(endpoint.fields);
	});

	test('operation values are unique, resources known, every parameter described once', () => {
		expect(new Set(ENDPOINTS.map((e) => e.operation)).size).toBe(ENDPOINTS.length);
		for (const endpoint of ENDPOINTS) {
			expect(Object.keys(RESOURCES)).toContain(endpoint.resource);
			expect(endpoint.operation).toMatch(/^get[A-Z][A-Za-z0-9]*$/);
			for (const param of endpoint.params ?? [])
				expect(Object.keys(PARAMETERS)).toContain(param.wire);
			expect(endpointOf(endpoint.resource, endpoint.operation)).toBe(endpoint);
		}
	});

	test('saved workflows keep working: report / getWorkforcePerHour is skill_5 with its 24-hour limit', () => {
		expect(endpointOf('report', 'getWorkforcePerHour')).toMatchObject({
			api: 'skill_5',
			file: 'reports_manager.php',
			maxRangeDays: 1,
		});
	});
});
