// @ts-check
'use strict';

/**
 * Reading an answer's rows straight from its text (plainAnswer.ts) gives exactly what the general
 * way gives (JSON.parse, then the typing of typing.ts), key order included, or gives up: for every
 * flat set of fields of the spec, with hostile values of every shape, and with every way the text
 * can leave the plain form. It must not give up on what Wolkvox usually sends.
 */

const { flatFieldSets } = require('../../scripts/generate-row-typings');
const { plainAnswerReader } = require('../../dist/nodes/shared/wolkvox/plainAnswer');
const { rowTyper } = require('../../dist/nodes/shared/wolkvox/typing');
const { ENDPOINTS, isNestedRows } = require('../../dist/nodes/shared/wolkvox/catalogue');
const { catalogueRows } = require('../../tools/simulator/catalogue');
const { mulberry32 } = require('../../tools/simulator');

const ZONES = ['America/Bogota', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];
const SETS = [...flatFieldSets().values()];

/** The general way: the answer as JSON.parse reads it, its data rows typed. */
function generalReading(/** @type {string} */ body, /** @type {any} */ fields, zone = ZONES[0]) {
	const answer = JSON.parse(body);
	answer.data = rowTyper(fields, { zone })(answer.data);
	return answer;
}

/** Both ways agree, or the plain way gave up; returns whether it read the answer. */
function agrees(/** @type {string} */ body, /** @type {any} */ fields, zone = ZONES[0]) {
	const read = /** @type {Function} */ (plainAnswerReader(fields, zone))(body);
	if (read === undefined) return false;
	const general = generalReading(body, fields, zone);
	expect(read.answer).toEqual(general);
	// toEqual ignores key order, which n8n shows and keeps.
	expect(JSON.stringify(read.answer)).toBe(JSON.stringify(general));
	expect(read.answer.data).toBe(read.rows);
	return true;
}

const answerOf = (/** @type {unknown} */ data) =>
	JSON.stringify({ code: 200, error: null, msg: 'x records were found', data });

/** Values of every shape a server may send, fitting their kind or not, in JSON's spellings. */
const VALUES = [
	null,
	'',
	'  ',
	'-',
	'0',
	'007',
	'12',
	'123456789012345',
	'1234567890123456',
	'-5',
	'2.5',
	'12.50%',
	'00:03:05',
	'99:59:59',
	'00:60:00',
	'03:05',
	'4:38:08',
	'07',
	'07:30',
	'2026-11-23',
	'2026-11-23 07:58:12',
	'2026-11-23T07:58:12',
	'2026-11-01 01:30:00',
	'2022-09-04 00:30:00',
	'2026-10-04 02:15:00',
	'2026-02-30 10:00:00',
	'2026-11-23 24:00:00',
	'2026-11-23 07:58:1x',
	'2026-11-23T07:58:12Z',
	'yes',
	'no',
	'abc',
	'1e3',
	'Ana María Pérez',
	'a text longer than thirteen characters',
	'quote " and backslash \\ inside',
	'line\nbreak',
	'emoji 😀 beyond Latin-1',
	'\u00e9t\u00e9',
	'</script>',
	12,
	-3,
	2.5,
	0,
	1e21,
	true,
	false,
	{ a: 1 },
	[1, 2],
];

test('every flat set of fields has a plain reader; sets with nested rows have none', () => {
	for (const fields of SETS) expect(plainAnswerReader(fields, 'UTC')).toBeInstanceOf(Function);
	const nested = ENDPOINTS.filter((endpoint) =>
		Object.values(endpoint.fields).some((kind) => isNestedRows(kind)),
	);
	expect(nested.length).toBeGreaterThan(0);
	for (const endpoint of nested) expect(plainAnswerReader(endpoint.fields, 'UTC')).toBeUndefined();
});

test.each(ZONES)(
	'in %s, hostile values in every flat set of fields read the same both ways',
	(zone) => {
		const random = mulberry32(20261202);
		const pick = () => VALUES[Math.floor(random() * VALUES.length)];
		let read = 0;
		let answers = 0;
		for (const fields of SETS) {
			const names = Object.keys(fields);
			for (let answer = 0; answer < 4; answer++) {
				// Lists and objects have no plain form: in one answer of four, none are sent.
				const value = () => {
					const chosen = pick();
					return answer === 0 && typeof chosen === 'object' && chosen !== null ? 'x' : chosen;
				};
				const rows = Array.from({ length: 6 }, () =>
					Object.fromEntries(names.map((name) => [name, value()])),
				);
				answers++;
				if (agrees(answerOf(rows), fields, zone)) read++;
			}
		}
		// Every answer without a list or object among its values is read the plain way.
		expect(read).toBeGreaterThanOrEqual(SETS.length);
		expect(answers).toBe(SETS.length * 4);
	},
);

test('what the simulator answers for every flat endpoint is read the plain way, the same as the general way', () => {
	let plain = 0;
	for (const endpoint of ENDPOINTS) {
		const fields = endpoint.fields;
		if (!plainAnswerReader(fields, 'UTC')) continue;
		const objects = Object.values(fields).includes('object');
		for (const usual of [true, false]) {
			const { wire } = catalogueRows(endpoint, { rows: 8, plain: usual, zone: ZONES[0] });
			const body = answerOf(wire);
			// An `object` field sends an object: no plain form.
			expect(agrees(body, fields)).toBe(!objects);
			if (!objects) plain++;
		}
	}
	expect(plain).toBeGreaterThan(200);
});

describe('text that leaves the plain form is left to the general way', () => {
	const agent1 = /** @type {any} */ (
		ENDPOINTS.find((endpoint) => endpoint.api === 'agent_1' && endpoint.file.includes('reports'))
	);
	const { wire } = catalogueRows(agent1, { rows: 3, plain: true, zone: ZONES[0] });
	const body = answerOf(wire);
	const reader = /** @type {Function} */ (plainAnswerReader(agent1.fields, ZONES[0]));

	test('the usual answer is read', () => {
		expect(agrees(body, agent1.fields)).toBe(true);
	});

	const [firstKey] = Object.keys(agent1.fields);
	/** @type {Array<[string, string]>} */
	const LEAVING = [
		['a space after a colon', body.replace('":', '": ')],
		['pretty-printed', JSON.stringify(JSON.parse(body), null, 2)],
		[
			'keys of a row in another order',
			answerOf(wire.map(({ [firstKey]: first, ...rest }) => ({ ...rest, [firstKey]: first }))),
		],
		['a field missing', answerOf(wire.map(({ [firstKey]: _, ...rest }) => rest))],
		['a field added', answerOf(wire.map((row) => ({ ...row, extra: '1' })))],
		[
			'a key spelled with an escape',
			body.replace(
				`"${firstKey}"`,
				`"\\u00${firstKey.charCodeAt(0).toString(16)}${firstKey.slice(1)}"`,
			),
		],
		['"data" twice', body.replace('{"code"', '{"data":[],"code"')],
		['"data" spelled with an escape', body.replace('"data"', '"d\\u0061ta"')],
		['data that is not a list', answerOf({ [firstKey]: '1' })],
		['a list of lists', answerOf([[1, 2]])],
		['cut off', body.slice(0, body.length - 40)],
		['text after the answer', `${body}x`],
		['a list, not an object', JSON.stringify(wire)],
		['a raw line break in a text', body.replace('"inbound"', '"in\nbound"')],
	];

	test.each(LEAVING)('%s: given up, or read the same as the general way', (_name, text) => {
		expect(text).not.toBe(body);
		let general;
		try {
			general = generalReading(text, agent1.fields);
		} catch {
			general = undefined;
		}
		const read = reader(text);
		if (general === undefined || !Array.isArray(general.data)) expect(read).toBeUndefined();
		else if (read !== undefined) expect(JSON.stringify(read.answer)).toBe(JSON.stringify(general));
	});

	test('"data" before the other keys, and keys after it, are read', () => {
		const reordered = `{"data":${JSON.stringify(wire)},"msg":"3 records","code":"200","extra":{"a":[1,"]}"]}}`;
		expect(agrees(reordered, agent1.fields)).toBe(true);
	});

	test('bytes that are not UTF-8 inside texts are read as the decoded text reads them', () => {
		const [row] = wire;
		const bytes = Buffer.concat([
			Buffer.from(answerOf([{ ...row, agent_name: 'AB' }]).split('"AB"')[0] + '"A', 'utf8'),
			Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]),
			Buffer.from('B"' + answerOf([{ ...row, agent_name: 'AB' }]).split('"AB"')[1], 'utf8'),
		]);
		const text = bytes.toString('utf8');
		expect(text).toContain('\uFFFD');
		const read = reader(text, bytes);
		expect(read).toBeDefined();
		expect(JSON.stringify(read.answer)).toBe(JSON.stringify(generalReading(text, agent1.fields)));
	});

	test('an empty list is read', () => {
		expect(agrees(answerOf([]), agent1.fields)).toBe(true);
	});
});
