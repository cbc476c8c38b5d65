// @ts-check
const { DateTime } = require('luxon');
const {
	parseWorkforceRows,
	rawWorkforceRows,
	readHour,
	readDurationSeconds,
} = require('../../dist/nodes/shared/wolkvox/rows');
const { WolkvoxApiFailure } = require('../../dist/nodes/shared/wolkvox/errors');

const HOST = 'wv0042.wolkvox.com';
const window = {
	start: DateTime.fromISO('2026-11-23T22:00', { zone: 'America/Bogota' }),
	end: DateTime.fromISO('2026-11-24T02:00', { zone: 'America/Bogota' }),
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

	test.each(['24', '-1', '7.5', '07:30', '', null, undefined, 'seven', 7.5, '1e1', {}])('refuses %j', (input) => {
		expect(() => readHour(input)).toThrow(/is not an hour of day/);
	});
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

	test.each(['3 min', '00:61:00', 'NaN', 'Infinity', '1e999', [], {}, true])('refuses %j', (input) => {
		expect(() => readDurationSeconds(input)).toThrow(/aht .* is not a number/);
	});
});

describe('parseWorkforceRows', () => {
	test('types every documented field and dates each hour inside the window', () => {
		const rows = [
			{ skill_id: '12', hour: '23', inbound_calls: '131', inbound_calls_unique_customers: '118', aht: '185', agents_needed: '9' },
			{ skill_id: 12, hour: 1, inbound_calls: 4, inbound_calls_unique_customers: 4, aht: '00:02:10', agents_needed: 1 },
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
			},
			{
				skill_id: 12,
				hour: 1,
				hour_start: '2026-11-24T01:00:00-05:00',
				inbound_calls: 4,
				inbound_calls_unique_customers: 4,
				aht: 130,
				agents_needed: 1,
			},
		]);
	});

	test('empty values are null, never 0; unknown fields are dropped', () => {
		const [row] = parseWorkforceRows(
			[{ skill_id: '', hour: '22', inbound_calls: '', inbound_calls_unique_customers: null, aht: '', extra: 'x' }],
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
		});
	});

	test.each([
		[null, /row 1: a row is null instead of an object/],
		['text', /a row is \(text of 4 characters\)/],
		[[1, 2], /a row is \(a list of 2 values\)/],
		[{ hour: '25' }, /hour \(text of 2 characters\) is not an hour of day/],
		[{ hour: 25 }, /hour 25 is not an hour of day/],
		[{ hour: '07', inbound_calls: 'many' }, /inbound_calls \(text of 4 characters\) is not a number/],
		[{ hour: '07', agents_needed: { nested: true } }, /agents_needed \(an object\) is not a number/],
		[{ hour: '07', skill_id: '12.5' }, /skill_id \(text of 4 characters\) is not an id/],
		[{ hour: '07', inbound_calls: 'x'.repeat(5000) }, /inbound_calls \(text of 5000 characters\) is not a number/],
	])('an unreadable row %#: a clear failure naming row, field and the shape of the value, never the value (it may be the token)', (row, message) => {
		const call = () => parseWorkforceRows([row], window, HOST);
		expect(call).toThrow(WolkvoxApiFailure);
		expect(call).toThrow(message);
		expect(call).toThrow(/wv0042\.wolkvox\.com sent a row this node cannot read/);
	});

	test('one bad row fails the whole window: no partial result', () => {
		const rows = [{ hour: '22', inbound_calls: '1' }, { hour: 'x' }];
		expect(() => parseWorkforceRows(rows, window, HOST)).toThrow(/row 2/);
	});

	test('huge numbers stay numbers', () => {
		const [row] = parseWorkforceRows([{ hour: '22', inbound_calls: '1e3', aht: '99999999999' }], window, HOST);
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
