// @ts-check
'use strict';

/**
 * Hostile answers for the reading of answers, built as text since how they are spelled is the
 * point: the token hidden by JSON escapes in nested rows sent as JSON text, and answers past the
 * caps at every nesting level.
 */

const { ENDPOINTS, isNestedRows } = require('../../dist/nodes/shared/wolkvox/spec');

const hex = (/** @type {string} */ character) =>
	character.charCodeAt(0).toString(16).padStart(4, '0');

/** The inside of JSON.stringify(text), without its quotes. @param {string} text */
const inner = (text) => JSON.stringify(text).slice(1, -1);

/**
 * JSON string literals of a text in which no piece of 8 characters of it is left as sent: what a
 * check of the text as sent cannot see, and JSON.parse turns back into the text.
 * @type {Record<string, (text: string) => string>}
 */
const SPELLINGS = {
	'first character \\u-escaped': (text) => `"\\u${hex(text[0])}${inner(text.slice(1))}"`,
	'fourth character \\u-escaped, upper-case hex': (text) =>
		`"${inner(text.slice(0, 3))}\\u${hex(text[3]).toUpperCase()}${inner(text.slice(4))}"`,
	'every character \\u-escaped': (text) => `"${[...text].map((c) => `\\u${hex(c)}`).join('')}"`,
	'"/" escaped as "\\/"': (text) => JSON.stringify(text).replace(/\//g, '\\/'),
};

/**
 * The JSON string literal of the text `json`, its backslashes written as `backslash`: `\\` as
 * JSON.stringify writes them, or `\u005c`, which no check of the outer text can tell from any
 * other escape.
 * @param {string} json @param {string} [backslash]
 */
const asJsonText = (json, backslash = '\\\\') =>
	`"${json.replace(/[\\"\u0000-\u001f]/g, (c) => (c === '\\' ? backslash : inner(c)))}"`;

/**
 * The JSON text of a row of `fields` whose nested rows are sent as JSON text (at every depth), and
 * whose nested rows hold `literal` (a JSON string literal) in every field and as a key. The outer
 * row holds it nowhere: only the nested texts carry it.
 * @param {Record<string, any>} fields @param {string} literal @param {string} backslash @param {number} [depth]
 * @returns {string}
 */
function rowWith(fields, literal, backslash, depth = 0) {
	const members = Object.entries(fields).map(([name, kind]) => {
		const value = isNestedRows(kind)
			? asJsonText(`[${rowWith(kind.rows, literal, backslash, depth + 1)}]`, backslash)
			: depth === 0
				? '"1"'
				: literal;
		return `${JSON.stringify(name)}:${value}`;
	});
	if (depth > 0) members.push(`${literal}:"1"`);
	return `{${members.join(',')}}`;
}

/** @param {string} api */
const endpointOf = (api) => ENDPOINTS.find((/** @type {any} */ e) => e.api === api);

/** @param {string[]} rows JSON texts of rows */
const answerOfRows = (rows) =>
	`{"code":200,"error":null,"msg":"${rows.length} records were found","data":[${rows.join(',')}]}`;

/**
 * An answer of `api` with one row per text of `texts` and spelling of SPELLINGS, each row's nested
 * rows (sent as JSON text) holding the text so spelled; backslashes of the nested texts written as
 * `backslash`.
 * @param {string} api @param {string[]} texts @param {string} [backslash]
 */
function nestedTextAnswer(api, texts, backslash) {
	const { fields } = endpointOf(api);
	return answerOfRows(
		texts.flatMap((text) =>
			Object.values(SPELLINGS).map((spell) => rowWith(fields, spell(text), backslash)),
		),
	);
}

/**
 * An answer of `api` of `outer` rows, each holding `inner` empty inner rows in its first nested
 * field, as a list or as JSON text.
 * @param {string} api @param {{ outer: number, inner: number, asText?: boolean }} shape
 */
function innerRowsAnswer(api, { outer, inner: count, asText = false }) {
	const { fields } = endpointOf(api);
	const field = Object.keys(fields).find((name) => isNestedRows(fields[name]));
	const list = `[${Array(count).fill('{}').join(',')}]`;
	const row = `{${JSON.stringify(field)}:${asText ? JSON.stringify(list) : list}}`;
	return answerOfRows(Array(outer).fill(row));
}

/** Numbers as a server may write them, JSON.parse reading several the same way. */
const NUMBER_FORMS = [
	'0',
	'-0',
	'7',
	'-12',
	'1.50',
	'1E2',
	'0.1e-5',
	'1e400',
	'-1e400',
	'9007199254740993',
	'123456789012345678901234567890',
];

/**
 * @typedef {{ values: number, entries: number, depth: number }} Shape the values a JSON text
 *   writes (every member, even one JSON.parse drops for a later one of the same name), its longest
 *   list and its deepest nesting
 */

/**
 * A source of random hostile JSON texts, from a seeded `random`, each with the shape it writes:
 * lists, objects (duplicate and escaped names among them), texts stitched from `pieces` with each
 * character spelled as is, \u-escaped or with a short escape, numbers in every form, and JSON
 * texts inside texts (their backslashes written `\\` or `\u005c`), with random white space.
 * @param {() => number} random @param {string[]} pieces
 * @returns {() => { json: string } & Shape}
 */
function hostileJson(random, pieces) {
	const pick = (/** @type {any[]} */ list) => list[Math.floor(random() * list.length)];
	const space = () => (random() < 0.8 ? '' : pick([' ', '\n', '\t', '\r\n  ']));
	/** @param {string} text */
	const spell = (text) => {
		let literal = '"';
		for (const character of text) {
			const way = random();
			if (way < 0.15 && character.length === 1) literal += `\\u${hex(character)}`;
			else if (way < 0.2 && character === '/') literal += '\\/';
			else literal += inner(character);
		}
		return `${literal}"`;
	};
	const text = () => {
		let stitched = '';
		const count = Math.floor(random() * 4);
		for (let index = 0; index < count; index++) stitched += pick(pieces);
		return stitched;
	};
	const scalar = (/** @type {string} */ json) => ({ json, values: 1, entries: 0, depth: 0 });
	/** JSON texts inside texts around the value being made. */
	let texts = 0;
	/** @param {number} depth @returns {{ json: string } & Shape} */
	const value = (depth) => {
		const kind = depth > 4 ? random() * 0.55 : random();
		if (kind < 0.15) return scalar(pick(NUMBER_FORMS));
		if (kind < 0.2) return scalar(pick(['true', 'false', 'null']));
		if (kind < 0.55) return scalar(spell(text()));
		// Texts inside texts grow with each level: two at most.
		if (kind < 0.65 && texts < 2) {
			texts++;
			const { json } = value(depth + 1);
			texts--;
			return scalar(asJsonText(json, pick(['\\\\', '\\u005c'])));
		}
		const isList = kind < 0.82;
		const children = Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
		const entries = children.map(({ json }) =>
			isList ? json : `${spell(pick(['data', 'calls', text()]))}${space()}:${space()}${json}`,
		);
		const [open, close] = isList ? ['[', ']'] : ['{', '}'];
		return {
			json: `${open}${space()}${entries.join(`${space()},${space()}`)}${space()}${close}`,
			values: 1 + children.reduce((sum, child) => sum + child.values, 0),
			entries: Math.max(isList ? children.length : 0, ...children.map((child) => child.entries)),
			depth: 1 + Math.max(0, ...children.map((child) => child.depth)),
		};
	};
	return () => value(0);
}

module.exports = {
	SPELLINGS,
	NUMBER_FORMS,
	asJsonText,
	nestedTextAnswer,
	innerRowsAnswer,
	hostileJson,
};
