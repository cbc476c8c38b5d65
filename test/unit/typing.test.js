// @ts-check
'use strict';

/** nodes/shared/wolkvox/typing.ts: rows typed by the kinds of the catalogue spec. */

const { DateTime, IANAZone } = require('luxon');
const { rowTyper } = require('../../dist/nodes/shared/wolkvox/typing');

const ZONE = 'America/Bogota';
/** @param {string} kind @param {unknown} value @param {string} [zone] */
const typeOne = (kind, value, zone = ZONE) => rowTyper({ v: kind }, { zone })([{ v: value }])[0];

describe('each kind reads the forms Wolkvox prints; empty is null', () => {
	test.each([
		['seconds', '185', 185],
		['seconds', 185.5, 185.5],
		['seconds', '185.5', 185.5],
		['seconds', '00:03:05', 185],
		['seconds', '03:05', 185],
		['seconds', '4:38:08', 16688],
		['seconds', ' 00:03:05 ', 185],
		['seconds', '100:00:00', 360000],
		['count', '12', 12],
		['count', 12, 12],
		['count', '3.0', 3],
		['count', '0', 0],
		['id', '1001', 1001],
		['id', 1001, 1001],
		['number', '2.5', 2.5],
		['number', '0.125', 0.125],
		['number', 3, 3],
		['number', '1e3', 1000],
		['count', '1e1', 10],
		['percentage', '12.5', 12.5],
		['percentage', '12.50%', 12.5],
		['percentage', '12.50 %', 12.5],
		['percentage', 0.5, 0.5],
		['percentage', '100.00%', 100],
		['percentage', '-1.5', -1.5],
		['boolean', 'yes', true],
		['boolean', 'NO', false],
		['boolean', 'Sí', true],
		['boolean', '1', true],
		['boolean', 0, false],
		['boolean', true, true],
		['hour', '07', 7],
		['hour', '7', 7],
		['hour', 23, 23],
		['hour', '07:00', 7],
		['timeOfDay', '00:30', '00:30'],
		['timeOfDay', '7:10', '07:10'],
		['timeOfDay', '7', '07:00'],
		['date', '2026-02-17', '2026-02-17'],
		['date', '20260217', '2026-02-17'],
		['date', '2026-02-17 00:00:00', '2026-02-17'],
		['dateTime', '2026-11-23 07:58:12', '2026-11-23T07:58:12-05:00'],
		['dateTime', '20261123075812', '2026-11-23T07:58:12-05:00'],
		['dateTime', '2026-11-23-07', '2026-11-23T07:00:00-05:00'],
		['dateTime', '2026112307', '2026-11-23T07:00:00-05:00'],
		['dateTime', '2026-11-23', '2026-11-23'],
		['dateTime', '2026-11-23T12:58:12Z', '2026-11-23T07:58:12-05:00'],
		['text', 'Ana', 'Ana'],
		['text', '0012', '0012'],
		['text', '-', '-'],
		['object', { a: 1 }, { a: 1 }],
	])('%s %j -> %j', (kind, value, expected) => {
		expect(typeOne(kind, value)).toEqual({ v: expected });
	});

	test.each([
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
	])('%s: "", null and blank are null, never 0', (kind) => {
		for (const empty of ['', null, '   ']) expect(typeOne(kind, empty).v ?? null).toBeNull();
	});
});

describe('a value that does not fit its kind is null, its text kept under _unparsed', () => {
	test.each([
		['count', '-5'],
		['count', '2.5'],
		['count', 'n/a'],
		['count', '1e3x'],
		['id', '12a'],
		['id', '-1'],
		['seconds', '-10'],
		['seconds', '10:75'],
		['seconds', 'abc'],
		['seconds', '1:2:3:4'],
		['number', '1,5'],
		['number', 'NaN'],
		['number', 'Infinity'],
		['number', '-2'],
		['number', '1e999'],
		['percentage', '%'],
		['percentage', 'n/a'],
		['boolean', 'maybe'],
		['hour', '24'],
		['hour', '7.5'],
		['timeOfDay', '24:00'],
		['timeOfDay', '7.5'],
		['date', '23/11/2026'],
		['date', '2026-02-30'],
		['date', '2026-02-17 10:00:00'],
		['dateTime', 'yesterday'],
		['dateTime', '2026-13-01 00:00:00'],
		['dateTime', '2026-11-23 07:61:00'],
		['dateTime', '2026-02-30 07:00:00'],
	])('%s %j', (kind, value) => {
		expect(typeOne(kind, value)).toEqual({ v: null, _unparsed: { v: value } });
	});

	test('property: a count is a number only when the text is a whole number >= 0', () => {
		const alphabet = ['0', '1', '9', '.', '-', '+', 'e', ' ', ':', '%', 'a', ','];
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let run = 0; run < 3000; run++) {
			const text = Array.from(
				{ length: 1 + Math.floor(random() * 6) },
				() => alphabet[Math.floor(random() * alphabet.length)],
			).join('');
			const { v, _unparsed } = typeOne('count', text);
			if (typeof v === 'number') {
				expect(Number.isInteger(v) && v >= 0 && v === Number(text.trim())).toBe(true);
				expect(_unparsed).toBeUndefined();
			} else if (text.trim() !== '' && text.trim() !== '-') expect(_unparsed).toEqual({ v: text });
		}
	});

	test('fields the spec does not know are kept as sent; a row that is not an object is kept whole', () => {
		const typer = rowTyper({ calls: 'count' }, { zone: ZONE });
		expect(typer([{ calls: '3', extra: '00:01' }, 'oops', 7])).toEqual([
			{ calls: 3, extra: '00:01' },
			{ _unparsed: { row: 'oops' } },
			{ _unparsed: { row: '7' } },
		]);
	});
});

describe('date-times carry the offset of their wall-clock time in the zone', () => {
	// Every quarter hour of the days around each offset change of 2026-2027 (and every 7th hour of
	// the rest), in zones with DST, a 30-minute shift and a skipped midnight: the per-hour cache gives
	// what an exact reading gives (first occurrence when repeated).
	test.each([
		'America/New_York',
		'America/Santiago',
		'Australia/Lord_Howe',
		'Europe/Madrid',
		'America/Havana',
		'Asia/Kolkata',
		'UTC',
	])('%s', (zone) => {
		const typer = rowTyper({ at: 'dateTime' }, { zone });
		const iana = IANAZone.create(zone);
		const rows = [];
		const from = DateTime.fromISO('2026-01-01T00:00', { zone: 'utc' }).toMillis();
		const to = DateTime.fromISO('2028-01-01T00:00', { zone: 'utc' }).toMillis();
		const wall = (/** @type {number} */ ms) =>
			DateTime.fromMillis(ms + iana.offset(ms) * 60_000, { zone: 'utc' }).toFormat(
				'yyyy-MM-dd HH:mm:ss',
			);
		for (let ms = from; ms < to; ms += 3_600_000) {
			if (iana.offset(ms) !== iana.offset(ms + 3_600_000))
				for (let near = ms - 36 * 3_600_000; near < ms + 36 * 3_600_000; near += 15 * 60_000)
					rows.push(wall(near));
			else if ((ms / 3_600_000) % 7 === 0) rows.push(wall(ms));
		}
		const typed = typer(rows.map((at) => ({ at })));
		typed.forEach(({ at }, index) => {
			const wall = rows[index];
			const instant = DateTime.fromISO(/** @type {string} */ (at), { setZone: true });
			const candidates = [-1, 0, 1, 2]
				.map((hours) => DateTime.fromSQL(wall, { zone }).plus({ hours }))
				.filter((c) => c.toFormat('yyyy-MM-dd HH:mm:ss') === wall);
			if (candidates.length === 0) {
				// A reading the zone skips: shown as the instant just after the change, never refused.
				expect(instant.isValid).toBe(true);
				return;
			}
			const first = DateTime.min(...candidates);
			expect(instant.toMillis()).toBe(first.toMillis());
			expect(at).toBe(first.toISO({ suppressMilliseconds: true }));
		});
	});
});

describe('nested rows', () => {
	const fields = { agent_id: 'id', status_x_hour: { rows: { hour: 'hour', calls: 'count' } } };

	test('one item per inner row carrying the outer fields; lists sent as JSON text are read; _unparsed merged', () => {
		const typer = rowTyper(fields, { zone: ZONE, splitField: 'status_x_hour' });
		expect(
			typer([
				{
					agent_id: '7x',
					status_x_hour: [
						{ hour: '07', calls: '3' },
						{ hour: '08', calls: '-1' },
					],
				},
				{ agent_id: '8', status_x_hour: '[{"hour":"09","calls":"1"}]' },
				{ agent_id: '9', status_x_hour: [] },
			]),
		).toEqual([
			{ agent_id: null, hour: 7, calls: 3, _unparsed: { agent_id: '7x' } },
			{ agent_id: null, hour: 8, calls: null, _unparsed: { agent_id: '7x', calls: '-1' } },
			{ agent_id: 8, hour: 9, calls: 1 },
			{ agent_id: 9, status_x_hour: [] },
		]);
	});

	test('without splitting the inner rows stay in place, typed; a list that cannot be read is kept as text', () => {
		const typer = rowTyper(fields, { zone: ZONE });
		expect(
			typer([
				{ agent_id: '8', status_x_hour: [{ hour: '09', calls: '1' }] },
				{ agent_id: '9', status_x_hour: '[{"hour":' },
			]),
		).toEqual([
			{ agent_id: 8, status_x_hour: [{ hour: 9, calls: 1 }] },
			{ agent_id: 9, status_x_hour: null, _unparsed: { status_x_hour: '[{"hour":' } },
		]);
	});
});
