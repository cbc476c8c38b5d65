// @ts-check
'use strict';

/**
 * Wolkvox's error texts mean the same wherever they start in the answer: the whole text is read to
 * classify it, and a message quotes at most 200 characters of it (issue 25, item 8).
 */

const { readAnswer } = require('../../dist/nodes/shared/wolkvox/api/answers');

const HOST = 'wv0042.wolkvox.com';
const TOKEN = 'Tok+en/Secret=42abcXYZ';
/** The longest text a message quotes from the server. */
const MAX_QUOTED = 200;

/** Every key text of the vendor's response-code page, with the status it comes with and its meaning. */
const KEY_TEXTS = [
	[403, 'TOKEN LIMIT EXCEEDED', 'quotaExhausted'],
	[403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)', 'tooManySimultaneous'],
	[401, 'PLEASE ENTER THE WOLKVOX-TOKEN', 'missingToken'],
	[403, 'PLEASE VALIDATE TOKEN', 'tokenRefused'],
	[400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST', 'unknownApi'],
	[400, 'SOME PARAMETERS ARE REQUIRED', 'badParameters'],
	[400, 'THE QUERY EXCEEDS 60000 RECORDS', 'tooManyRecords'],
];

/** Every offset up to well past the quoted part, then a few far ones. */
const OFFSETS = [
	...Array.from({ length: 2 * MAX_QUOTED + 20 }, (_unused, index) => index),
	1_000,
	65_536,
];

/** @param {number} offset */
const lead = (offset) =>
	'Detail of the request. '.repeat(Math.ceil(offset / 23) + 1).slice(0, offset);

describe.each(KEY_TEXTS)('HTTP %d "%s"', (status, key, reason) => {
	test(`is ${reason} at every offset, in "error" or in "msg", and quotes at most ${MAX_QUOTED} characters`, () => {
		for (const offset of OFFSETS) {
			for (const field of ['error', 'msg']) {
				const body = JSON.stringify({ code: status, [field]: `${lead(offset)}${key}` });
				const failure = /** @type {any} */ (readAnswer(status, body, HOST, TOKEN));
				expect({ offset, field, reason: failure.reason }).toEqual({ offset, field, reason });
				const quoted = /Wolkvox said: (.*)$/.exec(failure.description)?.[1] ?? '';
				expect(quoted.length).toBeGreaterThan(0);
				expect(quoted.length).toBeLessThanOrEqual(MAX_QUOTED);
			}
		}
	});

	test('is the same reason as a 200 carrying it in "code"', () => {
		for (const offset of [0, MAX_QUOTED - 5, 3 * MAX_QUOTED]) {
			const body = JSON.stringify({ code: status, error: `${lead(offset)}${key}` });
			expect(/** @type {any} */ (readAnswer(200, body, HOST, TOKEN)).reason).toBe(
				// The record limit is told by a 400 only: in a 200 the text could be a row count.
				reason === 'tooManyRecords' ? 'unexpectedAnswer' : reason,
			);
		}
	});
});

test('a token echoed at any offset around the cut leaves no piece of 8 characters or more', () => {
	for (const offset of Array.from({ length: 40 }, (_unused, index) => MAX_QUOTED - 30 + index)) {
		for (const form of [TOKEN, TOKEN.toUpperCase(), encodeURIComponent(TOKEN)]) {
			const body = JSON.stringify({
				code: 400,
				error: `${lead(offset)}${form} SOME PARAMETERS ARE REQUIRED`,
			});
			const failure = /** @type {any} */ (readAnswer(400, body, HOST, TOKEN));
			expect(failure.reason).toBe('badParameters');
			const said = `${failure.message} ${failure.description}`.toLowerCase();
			for (let start = 0; start + 8 <= form.length; start++)
				expect(said).not.toContain(form.slice(start, start + 8).toLowerCase());
		}
	}
});
