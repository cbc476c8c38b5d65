// @ts-check
'use strict';

/**
 * nodes/shared/wolkvox/report.ts: how the rows of a report become items, here Workforce per Hour
 * (skill_5), whose rows the node once read on a path of its own: typed by the spec, dated, or as
 * sent. The readers of each kind: typing.test.js; the dating: intervals.test.js.
 */

const { DateTime } = require('luxon');
const { reportRows } = require('../../dist/nodes/shared/wolkvox/report');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { AnswerReading } = require('../../dist/nodes/shared/wolkvox/api/answers');

const WORKFORCE = /** @type {any} */ (endpointOf('report', 'getWorkforcePerHour'));
const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
const window = {
	start: wall('2026-11-23T22:00'),
	end: wall('2026-11-24T02:00'),
	zone: 'America/Bogota',
};
/** Workforce per Hour's rows of `window` as the node reads them. @param {unknown[]} rows */
const read = (rows, rawOutput = false) =>
	reportRows(WORKFORCE, { zone: 'America/Bogota', rawOutput, nowMs: Infinity })(
		rows,
		window,
		new AnswerReading('wv0042', ''),
	);

describe('Workforce per Hour, typed', () => {
	test('types every documented field and dates each hour inside the window', () => {
		const rows = [
			{
				skill_id: '12',
				hour: '23',
				inbound_calls: '131',
				inbound_calls_unique_customers: '118',
				aht: '185',
				agents_needed: '9',
			},
			{
				skill_id: 12,
				hour: 1,
				inbound_calls: 4,
				inbound_calls_unique_customers: 4,
				aht: '00:02:10',
				agents_needed: 1,
			},
		];
		expect(read(rows)).toEqual([
			{
				skill_id: 12,
				hour: 23,
				hour_start: '2026-11-23T23:00:00-05:00',
				inbound_calls: 131,
				inbound_calls_unique_customers: 118,
				aht: 185,
				agents_needed: 9,
				interval_start: '2026-11-23T23:00:00-05:00',
				interval_seconds: 3600,
			},
			{
				skill_id: 12,
				hour: 1,
				hour_start: '2026-11-24T01:00:00-05:00',
				inbound_calls: 4,
				inbound_calls_unique_customers: 4,
				aht: 130,
				agents_needed: 1,
				interval_start: '2026-11-24T01:00:00-05:00',
				interval_seconds: 3600,
			},
		]);
	});

	test('empty values are null, never 0; fields the spec does not know are kept as sent', () => {
		const [row] = read([
			{
				skill_id: '',
				hour: '22',
				inbound_calls: '',
				inbound_calls_unique_customers: null,
				aht: '',
				extra: 'x',
			},
		]);
		expect(row).toEqual({
			skill_id: null,
			hour: 22,
			hour_start: '2026-11-23T22:00:00-05:00',
			inbound_calls: null,
			inbound_calls_unique_customers: null,
			aht: null,
			extra: 'x',
			interval_start: '2026-11-23T22:00:00-05:00',
			interval_seconds: 3600,
		});
	});

	test('regression: the vendor\'s sample row (all six values "") is one item of nulls, not a failure', () => {
		const sample = {
			skill_id: '',
			hour: '',
			inbound_calls: '',
			inbound_calls_unique_customers: '',
			aht: '',
			agents_needed: '',
		};
		expect(read([sample])).toEqual([
			{
				skill_id: null,
				hour: null,
				hour_start: null,
				inbound_calls: null,
				inbound_calls_unique_customers: null,
				aht: null,
				agents_needed: null,
				interval_start: null,
				interval_seconds: null,
			},
		]);
	});

	test('regression: a negative count is never output as a number; the text is kept under _unparsed', () => {
		const [row] = read([{ skill_id: '12', hour: '23', inbound_calls: '-5', aht: '185' }]);
		expect(row.inbound_calls).toBeNull();
		expect(row.aht).toBe(185);
		expect(row._unparsed).toEqual({ inbound_calls: '-5' });
	});

	test.each([
		[{ hour: '25' }, { hour: '25' }],
		[{ hour: '23', inbound_calls: 'many' }, { inbound_calls: 'many' }],
		[{ hour: '23', inbound_calls: '12.5' }, { inbound_calls: '12.5' }],
		[{ hour: '23', inbound_calls_unique_customers: -1 }, { inbound_calls_unique_customers: '-1' }],
		[{ hour: '23', aht: '-3' }, { aht: '-3' }],
		[{ hour: '23', aht: '3 min' }, { aht: '3 min' }],
		[{ hour: '23', agents_needed: { nested: true } }, { agents_needed: '{"nested":true}' }],
		[{ hour: '23', skill_id: '12.5' }, { skill_id: '12.5' }],
		[{ hour: '23', skill_id: 'x'.repeat(5000) }, { skill_id: 'x'.repeat(5000) }],
	])(
		'a value that cannot be true %#: field null, text under _unparsed, the rest typed',
		(row, unparsed) => {
			const [typed] = read([row]);
			for (const field of Object.keys(unparsed)) expect(typed[field]).toBeNull();
			expect(typed._unparsed).toEqual(unparsed);
		},
	);

	test('an hour Wolkvox answers outside the window has no start and covers nothing', () => {
		const [row] = read([{ hour: '05', inbound_calls: '1' }]);
		expect(row).toMatchObject({
			hour: 5,
			hour_start: null,
			interval_start: null,
			interval_seconds: 0,
			inbound_calls: 1,
		});
	});

	test('a row that is not an object is kept whole under _unparsed.row, never failing the others', () => {
		expect(read([{ hour: '22', inbound_calls: '1' }, 'secret-looking-text', null])).toMatchObject([
			{ hour: 22, inbound_calls: 1, interval_seconds: 3600 },
			{ _unparsed: { row: 'secret-looking-text' } },
			{ _unparsed: { row: 'null' } },
		]);
	});

	test('huge numbers stay numbers', () => {
		const [row] = read([{ hour: '22', inbound_calls: '1e3', aht: '99999999999' }]);
		expect(row.inbound_calls).toBe(1000);
		expect(row.aht).toBe(99999999999);
	});
});

describe('Workforce per Hour, raw output', () => {
	test('rows stay exactly as sent, undated', () => {
		const rows = [{ skill_id: '12', hour: '07', aht: '00:03:05', odd: [1] }];
		expect(read(structuredClone(rows), true)).toEqual(rows);
	});

	test('a row that is not an object becomes an item holding it', () => {
		expect(read([{}, 'x', null], true)).toEqual([{}, { value: 'x' }, { value: null }]);
	});
});
