// @ts-check
const { DateTime } = require('luxon');
const {
	parseWorkforceRows,
	rawWorkforceRows,
	readHour,
	readDurationSeconds,
} = require('../../dist/nodes/shared/wolkvox/rows');
const { WolkvoxApiFailure } = require('../../dist/nodes/shared/wolkvox/errors');
const { UNFIT } = require('../../dist/nodes/shared/wolkvox/typing');

const HOST = 'wv0042.wolkvox.com';
const wall = (/** @type {string} */ text) => DateTime.fromISO(text, { zone: 'utc' });
const window = {
	start: wall('2026-11-23T22:00'),
	end: wall('2026-11-24T02:00'),
	zone: 'America/Bogota',
};

describe('readHour', () => {
	test.each([
		['07', 7],
		['7', 7],
		[7, 7],
		['07:00', 7],
		['07:00:00', 7],
		[' 23 ', 23],
		['0', 0],
	])('%j is hour %d', (input, expected) => expect(readHour(input)).toBe(expected));

	test.each(['24', '-1', '7.5', '07:30', 'seven', 7.5, '1e1', {}])(
		'%j is not an hour of day (UNFIT)',
		(input) => {
			expect(readHour(input)).toBe(UNFIT);
		},
	);

	test.each(['', ' ', null, undefined])('%j is unknown (null)', (input) =>
		expect(readHour(input)).toBeNull(),
	);
});

describe('readDurationSeconds', () => {
	test.each([
		['185', 185],
		['185.5', 185.5],
		[185, 185],
		['00:03:05', 185],
		['1:00:00', 3600],
		['03:05', 185],
		['', null],
		['  ', null],
		[null, null],
		[undefined, null],
	])('%j is %j seconds', (input, expected) => expect(readDurationSeconds(input)).toBe(expected));

	test.each(['3 min', '00:61:00', 'NaN', 'Infinity', '1e999', '-5', -1, [], {}, true])(
		'%j cannot be a duration (UNFIT)',
		(input) => {
			expect(readDurationSeconds(input)).toBe(UNFIT);
		},
	);
});

describe('parseWorkforceRows', () => {
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
		expect(parseWorkforceRows(rows, window, HOST)).toEqual([
			{
				skill_id: 12,
				hour: 23,
				hour_start: '2026-11-23T23:00:00-05:00',
				inbound_calls: 131,
				inbound_calls_unique_customers: 118,
				aht: 185,
				agents_needed: 9,
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
				interval_seconds: 3600,
			},
		]);
	});

	test('empty values are null, never 0; unknown fields are dropped', () => {
		const [row] = parseWorkforceRows(
			[
				{
					skill_id: '',
					hour: '22',
					inbound_calls: '',
					inbound_calls_unique_customers: null,
					aht: '',
					extra: 'x',
				},
			],
			window,
			HOST,
		);
		expect(row).toEqual({
			skill_id: null,
			hour: 22,
			hour_start: '2026-11-23T22:00:00-05:00',
			inbound_calls: null,
			inbound_calls_unique_customers: null,
			aht: null,
			agents_needed: null,
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
		expect(parseWorkforceRows([sample], window, HOST)).toEqual([
			{
				skill_id: null,
				hour: null,
				hour_start: null,
				inbound_calls: null,
				inbound_calls_unique_customers: null,
				aht: null,
				agents_needed: null,
				interval_seconds: null,
			},
		]);
	});

	test('regression: a negative count is never output as a number; the text is kept under _unparsed', () => {
		const [row] = parseWorkforceRows(
			[{ skill_id: '12', hour: '23', inbound_calls: '-5', aht: '185' }],
			window,
			HOST,
		);
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
			const [typed] = parseWorkforceRows([row], window, HOST);
			for (const field of Object.keys(unparsed)) expect(typed[field]).toBeNull();
			expect(typed._unparsed).toEqual(unparsed);
		},
	);

	test('an hour Wolkvox answers outside the window has no start and no interval', () => {
		const [row] = parseWorkforceRows([{ hour: '05', inbound_calls: '1' }], window, HOST);
		expect(row).toMatchObject({
			hour: 5,
			hour_start: null,
			interval_seconds: null,
			inbound_calls: 1,
		});
	});

	test.each([
		[null, /row 1: a row is null instead of an object/],
		['text', /a row is \(text of 4 characters\) instead of an object/],
		[[1, 2], /a row is \(a list of 2 values\)/],
	])(
		'a row that is not an object %#: a clear failure naming the row, never its value',
		(row, message) => {
			const call = () => parseWorkforceRows([row], window, HOST);
			expect(call).toThrow(WolkvoxApiFailure);
			expect(call).toThrow(message);
			expect(call).toThrow(/wv0042\.wolkvox\.com sent a row this node cannot read/);
		},
	);

	test('a row that is not an object fails the whole window: no partial result', () => {
		const rows = [{ hour: '22', inbound_calls: '1' }, 'secret-looking-text'];
		expect(() => parseWorkforceRows(rows, window, HOST)).toThrow(/row 2/);
		expect(() => parseWorkforceRows(rows, window, HOST)).not.toThrow(/secret-looking-text/);
	});

	test('huge numbers stay numbers', () => {
		const [row] = parseWorkforceRows(
			[{ hour: '22', inbound_calls: '1e3', aht: '99999999999' }],
			window,
			HOST,
		);
		expect(row.inbound_calls).toBe(1000);
		expect(row.aht).toBe(99999999999);
	});
});

describe('rawWorkforceRows', () => {
	test('rows stay exactly as sent', () => {
		const rows = [{ skill_id: '12', hour: '07', aht: '00:03:05', odd: [1] }];
		expect(rawWorkforceRows(rows, HOST)).toEqual(rows);
	});
	test('a row that is not an object is refused', () => {
		expect(() => rawWorkforceRows([{}, 'x'], HOST)).toThrow(/row 2/);
	});
});
