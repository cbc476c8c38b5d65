// @ts-check
'use strict';

/**
 * nodes/shared/wolkvox/api/answerShape.ts, and the reading of hostile answers through answerRows:
 * the structural count before JSON.parse against a count of what JSON.parse built, and seeded
 * hostile answers (random shapes, escapes, numbers, JSON texts inside texts, cut short) that must
 * never throw, never let a form of the token out, and read as JSON.parse + blanking reads them.
 */

const {
	countJsonValues,
	countParsedValues,
	mayHoldMoreValues,
	ListSource,
} = require('../../dist/nodes/shared/wolkvox/api/answerShape');
const { answerRows } = require('../../dist/nodes/shared/wolkvox/api/answers');
const { WolkvoxApiFailure } = require('../../dist/nodes/shared/wolkvox/api/errors');
const { secretRedactor, redactDeep } = require('../../dist/nodes/shared/wolkvox/api/redact');
const { hostileJson, NUMBER_FORMS } = require('../../tools/simulator/hostile');
const { mulberry32 } = require('../../tools/simulator');

const TOKEN = 'Tok+en/Secret=42abcXYZ';
const redact = secretRedactor(TOKEN);
const base64 = Buffer.from(TOKEN).toString('base64');
/** Pieces texts are stitched from: parts of every form of the token, and ordinary text. */
const PIECES = [
	TOKEN,
	TOKEN.slice(0, 8),
	TOKEN.slice(8),
	TOKEN.toLowerCase(),
	encodeURIComponent(TOKEN),
	base64,
	base64.slice(0, 9),
	'Ana ',
	'é',
	'/',
	'"',
	'\\',
	'\u2028',
	'x',
];
const HUGE = { values: 1e9, entries: 1e9, depth: 1_000 };

/**
 * The first hostile JSON texts, of 20,000 seeded by `seed`, on which `agrees` (given the text, the
 * shape it writes and the seeded random source) is false.
 * @param {number} seed
 * @param {(json: string, shape: { values: number, entries: number, depth: number }, random: () => number) => boolean} agrees
 */
function disagreementsOn(seed, agrees) {
	const random = mulberry32(seed);
	const hostile = hostileJson(random, PIECES);
	/** @type {string[]} */
	const disagreements = [];
	for (let round = 0; round < 20_000; round++) {
		const { json, ...shape } = hostile();
		if (!agrees(json, shape, random)) disagreements.push(json);
	}
	return disagreements.slice(0, 3);
}

describe('countJsonValues counts what JSON.parse builds, before it runs', () => {
	test.each([
		['1', 1],
		['"a,b:[c]{"', 1],
		['[]', 1],
		['[ ]', 1],
		['[1]', 2],
		['[1,2,3]', 4],
		['{}', 1],
		['{"a":1,"b":[{}, {"c": null}]}', 6],
		['{"a\\":1,\\"b":2}', 2],
		['["\\\\",",",":"]', 4],
		[' \n[\t[ ] , { } ]\r\n', 3],
	])('%s: %d values', (text, values) => {
		expect(countJsonValues(text, HUGE)).toBe(values);
	});

	test('each cap holds at its limit and refuses one past it', () => {
		const list = (/** @type {number} */ count) => `[${Array(count).fill('0').join(',')}]`;
		expect(countJsonValues(list(5), { ...HUGE, entries: 5 })).toBe(6);
		expect(countJsonValues(list(6), { ...HUGE, entries: 5 })).toBe('entries');
		expect(countJsonValues(`[${list(5)},${list(5)}]`, { ...HUGE, entries: 5 })).toBe(13);
		expect(countJsonValues(list(5), { ...HUGE, values: 6 })).toBe(6);
		expect(countJsonValues(list(5), { ...HUGE, values: 5 })).toBe('values');
		expect(countJsonValues('{"a":{"b":1}}', { ...HUGE, values: 2 })).toBe('values');
		expect(countJsonValues('[[[]]]', { ...HUGE, depth: 3 })).toBe(3);
		expect(countJsonValues('[[[[]]]]', { ...HUGE, depth: 3 })).toBe('depth');
		expect(countJsonValues('{"a":{"b":{"c":{}}}}', { ...HUGE, depth: 3 })).toBe('depth');
	});

	test('it stops at the first cap passed: a cut-off tail is never read', () => {
		const rows = `[${'{},'.repeat(100)}`;
		expect(countJsonValues(`${rows}"never closed`, { ...HUGE, entries: 50 })).toBe('entries');
	});

	test('property: on 20,000 seeded hostile JSON texts, the count and every cap agree with what the text writes', () => {
		const disagreements = disagreementsOn(25, (json, shape, random) => {
			const caps = {
				values: 1 + Math.floor(random() * (shape.values + 2)),
				entries: Math.floor(random() * (shape.entries + 2)),
				depth: Math.floor(random() * (shape.depth + 2)),
			};
			const passed = /** @type {const} */ (['values', 'entries', 'depth']).filter(
				(cap) => shape[cap] > caps[cap],
			);
			const counted = countJsonValues(json, caps);
			return (
				countJsonValues(json, HUGE) === shape.values &&
				(passed.length === 0 ? counted === shape.values : passed.some((cap) => cap === counted))
			);
		});
		expect(disagreements).toEqual([]);
	});
});

describe('countParsedValues: the same count on what JSON.parse built, for texts too short to pass the values cap', () => {
	test('each cap holds at its limit and refuses one past it; it looks no deeper than the depth cap', () => {
		const list = (/** @type {number} */ count) => Array(count).fill(0);
		expect(countParsedValues(list(5), { ...HUGE, entries: 5 })).toBe(6);
		expect(countParsedValues(list(6), { ...HUGE, entries: 5 })).toBe('entries');
		expect(countParsedValues([[[]]], { ...HUGE, depth: 3 })).toBe(3);
		expect(countParsedValues([[[[]]]], { ...HUGE, depth: 3 })).toBe('depth');
		expect(countParsedValues({ a: { b: { c: {} } } }, { ...HUGE, depth: 3 })).toBe('depth');
		expect(countParsedValues('text', HUGE)).toBe(1);
		/** @type {unknown[]} */
		const deep = [];
		let inner = deep;
		for (let depth = 0; depth < 200_000; depth++) inner.push((inner = []));
		expect(countParsedValues(deep, { ...HUGE, depth: 32 })).toBe('depth');
	});

	test('property: on 20,000 seeded hostile JSON texts, no text holds more values than mayHoldMoreValues allows, and the parsed count and caps agree with the text count', () => {
		const disagreements = disagreementsOn(26, (json, shape, random) => {
			const values = countJsonValues(json, HUGE);
			if (typeof values !== 'number' || !mayHoldMoreValues(json.length, values - 1)) return false;
			let parsed;
			try {
				parsed = JSON.parse(json);
			} catch {
				return true;
			}
			// Written again without the members JSON.parse dropped (a name given twice).
			const canonical = JSON.stringify(parsed);
			const caps = {
				values: HUGE.values,
				entries: Math.floor(random() * (shape.entries + 2)),
				depth: Math.floor(random() * (shape.depth + 2)),
			};
			return (
				countParsedValues(parsed, HUGE) === countJsonValues(canonical, HUGE) &&
				typeof countParsedValues(parsed, caps) === typeof countJsonValues(canonical, caps)
			);
		});
		expect(disagreements).toEqual([]);
	});
});

describe('ListSource: a number as it was written, found where JSON.parse read it', () => {
	test('the last member of a name (as JSON.parse keeps it), escaped names, rows in order and out of order', () => {
		const text =
			' [ {"calls": 1.50, "n":2, "calls" :1e400}, 7, {"c\\u0061lls":-0, "x":"\\"calls\\":2"},{"calls":"3"} ,{}]';
		const source = ListSource.whole(text);
		expect(source.numberTexts(0, ['calls', 'n', 'x'])).toEqual(['1e400', '2', undefined]);
		expect(source.numberText(1)).toBe('7');
		expect(source.numberTexts(1, ['calls'])).toEqual([undefined]);
		expect(source.numberTexts(2, ['calls', 'x'])).toEqual(['-0', undefined]);
		expect(source.numberTexts(3, ['calls'])).toEqual([undefined]);
		expect(source.numberTexts(4, ['calls'])).toEqual([undefined]);
		expect(source.numberTexts(5, ['calls'])).toEqual([undefined]);
		expect(source.numberText(5)).toBeUndefined();
		expect(source.numberTexts(0, ['calls'])).toEqual(['1e400']);
	});

	test("an answer's `data` rows (the last `data`), the one record `data` holds, nested lists", () => {
		const answer = '{"data":0,"code":200,"data":[{"n":{"rows":[{"v":9007199254740993}]}}]}';
		const inner = ListSource.member(answer, 'data').listAt(0, 'n');
		expect(inner.numberTexts(0, ['rows'])).toEqual([undefined]);
		expect(inner.listAt(0, 'rows').numberTexts(0, ['v'])).toEqual(['9007199254740993']);
		const record = ListSource.member('{"data":{"v":1.0}}', 'data');
		expect(record.numberTexts(0, ['v'])).toEqual(['1.0']);
		expect(record.numberTexts(1, ['v'])).toEqual([undefined]);
		expect(ListSource.member('{"code":200}', 'data').numberTexts(0, ['v'])).toEqual([undefined]);
	});

	test('property: every number member of seeded rows is found as it was written', () => {
		const random = mulberry32(10);
		const pick = (/** @type {any[]} */ list) => list[Math.floor(random() * list.length)];
		const names = ['a', 'b', 'c'];
		for (let round = 0; round < 2_000; round++) {
			/** @type {Array<Record<string, string>>} */
			const written = [];
			const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
				/** @type {Record<string, string>} */
				const numbers = {};
				const members = Array.from({ length: Math.floor(random() * 6) }, () => {
					const name = pick(names);
					const value = pick([...NUMBER_FORMS, '"1"', '[1,{"a":2}]', '{"a":3}', 'null']);
					if (NUMBER_FORMS.includes(value)) numbers[name] = value;
					else delete numbers[name];
					const spelled =
						random() < 0.2 ? `"\\u00${name.charCodeAt(0).toString(16)}"` : `"${name}"`;
					return `${spelled}${pick(['', ' '])}:${pick(['', '\n'])}${value}`;
				});
				written.push(numbers);
				return `{${members.join(pick([',', ' , ']))}}`;
			});
			const source = ListSource.whole(`[${rows.join(',')}]`);
			written.forEach((numbers, entry) => {
				expect(source.numberTexts(entry, names)).toEqual(names.map((name) => numbers[name]));
			});
		}
	});
});

describe('seeded hostile answers through answerRows', () => {
	/** Reads rows as a typer of nested rows does: every text that holds JSON is read as the answer's. */
	const expandTexts = (/** @type {unknown} */ value, /** @type {any} */ answer) => {
		if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
			const parsed = answer.parse(value);
			return parsed === undefined ? value : expandTexts(parsed, answer);
		}
		if (typeof value !== 'object' || value === null) return value;
		if (Array.isArray(value)) return value.map((entry) => expandTexts(entry, answer));
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, expandTexts(entry, answer)]),
		);
	};
	/** The same with JSON.parse and a walk of the redactor over everything, as a reference. */
	const expandAndBlank = (/** @type {unknown} */ value) => {
		if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
			try {
				return expandAndBlank(redactDeep(JSON.parse(value), redact));
			} catch {
				return value;
			}
		}
		if (typeof value !== 'object' || value === null) return value;
		if (Array.isArray(value)) return value.map(expandAndBlank);
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, expandAndBlank(entry)]),
		);
	};

	test('property: 6,000 answers never throw, never show the token, and read as JSON.parse + blanking reads them', () => {
		const random = mulberry32(2026);
		const hostile = hostileJson(random, PIECES);
		const counts = { rows: 0, refused: 0, broken: 0 };
		/** @type {unknown[]} */
		const problems = [];
		for (let round = 0; round < 6_000; round++) {
			const rows = Array.from({ length: Math.floor(random() * 4) }, () => hostile().json);
			let body = `{"code":200,"data":[${rows.join(',')}]}`;
			const broken = random() < 0.1;
			if (broken) body = body.slice(0, Math.floor(random() * body.length));
			const result = answerRows(200, body, 'wv0042.wolkvox.com', TOKEN, (rows, answer) =>
				rows.map((row) => expandTexts(row, answer)),
			);
			const said =
				result instanceof WolkvoxApiFailure
					? `${result.message} ${result.description}`
					: JSON.stringify(result);
			if (redact(said) !== said) problems.push({ leak: body });
			if (result instanceof WolkvoxApiFailure) {
				counts[broken ? 'broken' : 'refused']++;
				continue;
			}
			counts.rows += result.length;
			const expected = expandAndBlank(redactDeep(JSON.parse(body).data, redact));
			if (JSON.stringify(result) !== JSON.stringify(expected)) problems.push({ differs: body });
		}
		expect(problems.slice(0, 3)).toEqual([]);
		expect(counts.rows).toBeGreaterThan(5_000);
		expect(counts.broken).toBeGreaterThan(300);
	});
});
