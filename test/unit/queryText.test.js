// @ts-check
'use strict';

/** nodes/shared/wolkvox/api/queryText.ts: texts that reach Wolkvox in a query as they are. */

const { checkQueryText } = require('../../dist/nodes/shared/wolkvox/api/queryText');

test.each([['C-1'], ['Ana María'], ['😀 emoji whole'], ['漢字']])('%s is sent as it is', (text) => {
	expect(checkQueryText('customerId', 'Customer ID', text)).toBe(text);
});

test.each([
	['a high surrogate alone', 'C-1\ud83d'],
	['a low surrogate alone', '\ude00C-1'],
	['two halves in the wrong order', 'C\ude00\ud83d'],
])('%s is refused, naming the field, never quoting the value', (_name, text) => {
	expect(() => checkQueryText('customerId', 'Customer ID', text)).toThrow(
		expect.objectContaining({
			field: 'customerId',
			message: 'Customer ID contains half of a character (a lone UTF-16 surrogate)',
			description: expect.not.stringContaining('C-1'),
		}),
	);
	// What the request would otherwise have carried: another character.
	expect(new URLSearchParams({ v: text }).get('v')).not.toBe(text);
});
