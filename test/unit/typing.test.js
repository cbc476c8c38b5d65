// @ts-check
'use strict';

/** nodes/shared/wolkvox/typing/typing.ts: rows typed by the kinds of the catalogue spec. */

const { DateTime, IANAZone } = require('luxon');
const { rowTyper, typingCouldWrite } = require('../../dist/nodes/shared/wolkvox/typing/typing');
const { AnswerReading, answerRows } = require('../../dist/nodes/shared/wolkvox/api/answers');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');
const { mulberry32 } = require('../../tools/simulator');

const ZONE = 'America/Bogota';
/**
 * A typer of rows of `fields`, each list typed as the rows of an answer of its own.
 * @param {Parameters<typeof rowTyper>} args
 */
const typedBy = (...args) => {
	const typer = rowTyper(...args);
	return (/** @type {unknown[]} */ rows) => typer(rows, new AnswerReading('wv0042', ''));
};
/** @param {string} kind @param {unknown} value @param {string} [zone] */
const typeOne = (kind, value, zone = ZONE) => typedBy({ v: kind }, { zone })([{ v: value }])[0];

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
		['seconds', '1:00:00', 3600],
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
		['hour', '07:00:00', 7],
		['hour', ' 23 ', 23],
		['hour', '0', 0],
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
		['number', '1,500'],
		['number', 'NaN'],
		['number', 'Infinity'],
		['number', '-2'],
		['number', '1e999'],
		['percentage', '%'],
		['percentage', 'n/a'],
		['boolean', 'maybe'],
		['hour', '24'],
		['hour', '7.5'],
		['hour', '-1'],
		['hour', '07:30'],
		['hour', 'seven'],
		['hour', '1e1'],
		['seconds', '3 min'],
		['seconds', '00:61:00'],
		['seconds', 'NaN'],
		['seconds', 'Infinity'],
		['seconds', '1e999'],
		['seconds', '-5'],
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

	test.each([
		['hour', 7.5, '7.5'],
		['hour', {}, '{}'],
		['seconds', -1, '-1'],
		['seconds', [], '[]'],
		['seconds', {}, '{}'],
		['seconds', true, 'true'],
		['count', { n: 1 }, '{"n":1}'],
	])('%s %j (not text): kept under _unparsed as JSON', (kind, value, text) => {
		expect(typeOne(kind, value)).toEqual({ v: null, _unparsed: { v: text } });
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
				// A decimal comma reads as a point, unless three digits follow it (a thousands separator?).
				const asNumber = text.trim().replace(/^([+-]?[0-9]+),([0-9]{1,2}|[0-9]{4,})$/, '$1.$2');
				expect(Number.isInteger(v) && v >= 0 && v === Number(asNumber)).toBe(true);
				expect(_unparsed).toBeUndefined();
			} else if (text.trim() !== '' && text.trim() !== '-') expect(_unparsed).toEqual({ v: text });
		}
	});

	test('fields the spec does not know are kept as sent; a row that is not an object is kept whole', () => {
		const typer = typedBy({ calls: 'count' }, { zone: ZONE });
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
		const typer = typedBy({ at: 'dateTime' }, { zone });
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
			// Every reading here is shown by a real instant (readings the zone skips:
			// typing.property.test.js).
			const candidates = [-1, 0, 1, 2]
				.map((hours) => DateTime.fromSQL(wall, { zone }).plus({ hours }))
				.filter((c) => c.toFormat('yyyy-MM-dd HH:mm:ss') === wall);
			const first = /** @type {DateTime} */ (DateTime.min(...candidates));
			expect(instant.toMillis()).toBe(first.toMillis());
			expect(at).toBe(first.toISO({ suppressMilliseconds: true }));
		});
	});
});

describe('date-times the clock repeats or skips', () => {
	test('regression (issue 24): agent_1 login 01:50 EDT and logout 01:10 EST (New York 2026-11-01) both take the first occurrence and are listed under _ambiguous', () => {
		const { fields } = /** @type {any} */ (endpointOf('agentReport', 'getAgentTimeByState'));
		const [row] = typedBy(fields, { zone: 'America/New_York' })([
			{ login: '2026-11-01 01:50:00', logout: '2026-11-01 01:10:00' },
		]);
		expect(row).toEqual({
			login: '2026-11-01T01:50:00-04:00',
			logout: '2026-11-01T01:10:00-04:00',
			_ambiguous: ['login', 'logout'],
		});
	});

	test.each([
		['America/New_York', '2026-03-08 02:30:00'],
		['America/New_York', '20260308020000'],
		['America/Santiago', '2026-09-06 00:00:00'],
		['Australia/Lord_Howe', '2026-10-04T02:15:00'],
	])('regression: in %s the skipped %s is null, its text under _unparsed', (zone, text) => {
		expect(typeOne('dateTime', text, zone)).toEqual({ v: null, _unparsed: { v: text } });
	});

	test('the reading just before a skipped hour and the first after it are read as usual', () => {
		expect(typeOne('dateTime', '2026-03-08 01:59:59', 'America/New_York')).toEqual({
			v: '2026-03-08T01:59:59-05:00',
		});
		expect(typeOne('dateTime', '2026-03-08 03:00:00', 'America/New_York')).toEqual({
			v: '2026-03-08T03:00:00-04:00',
		});
		expect(typeOne('dateTime', '2026-11-01 02:00:00', 'America/New_York')).toEqual({
			v: '2026-11-01T02:00:00-05:00',
		});
	});

	test('nested rows split into items keep the _ambiguous of both levels', () => {
		const fields = { at: 'dateTime', states: { rows: { since: 'dateTime', calls: 'count' } } };
		const typer = typedBy(fields, { zone: 'America/New_York', splitField: 'states' });
		expect(
			typer([
				{
					at: '2026-11-01 01:05:00',
					states: [
						{ since: '2026-11-01 01:10:00', calls: '1' },
						{ since: '2026-11-01 03:10:00', calls: 'x' },
					],
				},
			]),
		).toEqual([
			{
				at: '2026-11-01T01:05:00-04:00',
				since: '2026-11-01T01:10:00-04:00',
				calls: 1,
				_ambiguous: ['at', 'since'],
			},
			{
				at: '2026-11-01T01:05:00-04:00',
				since: '2026-11-01T03:10:00-05:00',
				calls: null,
				_unparsed: { calls: 'x' },
				_ambiguous: ['at'],
			},
		]);
	});
});

describe('durations in the usual forms are read character by character, as the general reading reads them', () => {
	// "HH:MM:SS" and whole seconds are read at fixed positions; a leading space sends the same text
	// through the general reading (a regular expression after trimming), so both must agree.
	const HOSTILE = [...'0123456789', ':', ';', '/', '.', '-', ' ', 'a', '\u0663', '\u0000'];
	/** @param {string[]} texts */
	const bothReadings = (texts) =>
		typedBy(
			{ fixed: 'seconds', general: 'seconds' },
			{ zone: ZONE },
		)(texts.map((text) => ({ fixed: text, general: ` ${text}` })));

	test('every one-character change of a usual duration, at every position', () => {
		const texts = ['00:03:05', '23:59:59', '99:00:00', '185', '7'].flatMap((usual) =>
			[...usual].flatMap((_, at) =>
				HOSTILE.map((character) => usual.slice(0, at) + character + usual.slice(at + 1)),
			),
		);
		const typed = bothReadings(texts);
		expect(typed.filter((row) => row.fixed !== row.general)).toEqual([]);
		expect(typed.filter((row) => row.fixed === null).length).toBeGreaterThan(texts.length / 4);
		expect(typed.filter((row) => typeof row.fixed === 'number').length).toBeGreaterThan(
			texts.length / 4,
		);
	});

	test('property: 20,000 seeded texts of up to 9 characters', () => {
		let seed = 185;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const texts = Array.from({ length: 20_000 }, () =>
			Array.from(
				{ length: 1 + Math.floor(random() * 9) },
				() => HOSTILE[Math.floor(random() * HOSTILE.length)],
			).join(''),
		);
		expect(bothReadings(texts).filter((row) => row.fixed !== row.general)).toEqual([]);
	});
});

describe('the usual form is read character by character, as the general stamp reading reads it', () => {
	// "YYYY-MM-DD HH:MM:SS" is read at fixed positions (every date-time of up to 60,000 rows); any
	// other text goes to the general reading. A leading space keeps a text off the fixed-position
	// path while meaning the same stamp, so both readings of every text must agree.
	const HOSTILE = [
		...'0123456789',
		'/',
		':',
		';',
		'-',
		' ',
		'T',
		'a',
		'\u00e9',
		'\u0663',
		'\u0000',
	];
	const STAMPS = [
		'2026-11-23 07:58:12',
		'2028-02-29 23:59:59',
		'2026-01-01T00:00:00',
		'2026-11-01 01:30:00', // repeated in New York
		'2026-03-08 02:30:00', // skipped in New York
	];
	/**
	 * The valid stamp that reading `text`'s fields as sums of (character code - '0') x 10^k would
	 * give, if any ("2026-11-2: ..." gives day 30): a reading that skipped a check would take the
	 * text for that stamp, so each hostile text is read right after its twin, in the same answer.
	 * @param {string} text
	 */
	const arithmeticTwin = (text) => {
		const field = (/** @type {number} */ from, /** @type {number} */ to) =>
			[...text.slice(from, to)].reduce((value, c) => value * 10 + c.charCodeAt(0) - 48, 0);
		const [year, month, day, hour, minute, second] = [
			field(0, 4),
			field(5, 7),
			field(8, 10),
			field(11, 13),
			field(14, 16),
			field(17, 19),
		];
		const valid = year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1;
		if (!valid || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
		if (second < 0 || second > 59) return undefined;
		const pad = (/** @type {number} */ value) => String(value).padStart(2, '0');
		return `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
	};
	/** @param {string[]} texts @param {string} zone */
	const bothReadings = (texts, zone) => {
		const typer = typedBy({ fixed: 'dateTime', general: 'dateTime' }, { zone });
		return texts.map((text) => {
			const twin = arithmeticTwin(text);
			const rows = [...(twin ? [twin] : []), text].map((at) => ({ fixed: at, general: ` ${at}` }));
			return typer(rows).at(-1);
		});
	};

	test.each(['America/New_York', 'Australia/Lord_Howe', 'UTC'])(
		'every one-character change of a usual stamp, at every position, in %s',
		(zone) => {
			const texts = STAMPS.flatMap((stamp) =>
				[...stamp].flatMap((_, at) =>
					HOSTILE.map((character) => stamp.slice(0, at) + character + stamp.slice(at + 1)),
				),
			);
			const typed = bothReadings(texts, zone);
			const disagreeing = typed.filter((row) => row.fixed !== row.general);
			expect(disagreeing).toEqual([]);
			// The changes include valid stamps and misfits alike.
			expect(typed.filter((row) => row.fixed === null).length).toBeGreaterThan(texts.length / 3);
			expect(typed.filter((row) => row.fixed !== null).length).toBeGreaterThan(texts.length / 10);
		},
	);

	// Readings are cached per wall-clock hour: a field past its range must not be taken for the hour
	// it adds up to (hour 24 of the 23rd is 00 of the 24th; day 45 of November is 13 December).
	test.each([
		['2026-11-24 00:10:00', '2026-11-23 24:10:00'],
		['2026-12-13 07:00:00', '2026-11-45 07:58:12'],
		['2027-01-05 07:00:00', '2026-14-05 07:58:12'],
		['2026-11-30 07:00:00', '2026-11-2: 07:58:12'],
	])('after %s, %s does not fit', (valid, overflowing) => {
		const typed = typedBy({ at: 'dateTime' }, { zone: ZONE })([{ at: valid }, { at: overflowing }]);
		expect(typed[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/);
		expect(typed[1]).toEqual({ at: null, _unparsed: { at: overflowing } });
	});

	// The fixed reading checks only day <= 31 per value; whether the day exists in its month is
	// decided once per hour, from the fields it has read.
	test('the last days of every month, in leap and common years (1900 is not leap, 2000 is)', () => {
		const texts = [1900, 2000, 2026, 2028].flatMap((year) =>
			Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0')).flatMap(
				(month) =>
					['28', '29', '30', '31'].flatMap((day) =>
						['00:00:00', '23:59:59'].map((time) => `${year}-${month}-${day} ${time}`),
					),
			),
		);
		const typed = bothReadings(texts, 'America/Santiago');
		expect(typed.filter((row) => row.fixed !== row.general)).toEqual([]);
		const days = (/** @type {number} */ year) =>
			[...Array(12).keys()].reduce(
				(sum, month) => sum + new Date(Date.UTC(year, month + 1, 0)).getUTCDate() - 27,
				0,
			);
		const existing = [1900, 2000, 2026, 2028].reduce((sum, year) => sum + 2 * days(year), 0);
		expect(typed.filter((row) => row.fixed !== null)).toHaveLength(existing);
	});

	test('property: 20,000 seeded texts of 19 characters shaped like a stamp', () => {
		let seed = 20261202;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const texts = Array.from({ length: 20_000 }, () => {
			const characters = [...STAMPS[Math.floor(random() * STAMPS.length)]];
			for (let changes = 1 + Math.floor(random() * 3); changes > 0; changes--)
				characters[Math.floor(random() * 19)] = HOSTILE[Math.floor(random() * HOSTILE.length)];
			return characters.join('');
		});
		const typed = bothReadings(texts, 'America/Santiago');
		expect(typed.filter((row) => row.fixed !== row.general)).toEqual([]);
	});
});

describe('nested rows', () => {
	const fields = { agent_id: 'id', status_x_hour: { rows: { hour: 'hour', calls: 'count' } } };

	test('one item per inner row carrying the outer fields; lists sent as JSON text are read; _unparsed merged', () => {
		const typer = typedBy(fields, { zone: ZONE, splitField: 'status_x_hour' });
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
		const typer = typedBy(fields, { zone: ZONE });
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

describe('a token typing could write is refused (server.ts parseToken)', () => {
	const SCALAR_KINDS = ['id', 'count', 'number', 'seconds', 'percentage', 'date', 'hour'];
	const digits = '4242424242424242';
	const number = Number(digits);
	/** Every way a server may send a number that types back to the token's digits. */
	const REFORMATTINGS = [
		number,
		digits,
		` ${digits} `,
		`+${digits}`,
		`0${digits}`,
		`${digits}.0`,
		`${digits}.000`,
		`${digits}e0`,
		`${digits[0]}.${digits.slice(1)}e${digits.length - 1}`,
		`${digits[0]}.${digits.slice(1)}E+${digits.length - 1}`,
		`${digits}0e-1`,
		`${digits}%`,
		`${digits} %`,
		`${Math.floor(number / 3600)}:${String(Math.floor(number / 60) % 60).padStart(2, '0')}:${String(number % 60).padStart(2, '0')}`,
		`${Math.floor(number / 60)}:${String(number % 60).padStart(2, '0')}`,
	];

	test('the class: every numeric reformatting of a token of digits types back to its digits in some kind', () => {
		const typedBack = REFORMATTINGS.filter((wire) =>
			SCALAR_KINDS.concat('seconds').some((kind) => String(typeOne(kind, wire).v) === digits),
		);
		expect(typedBack).toEqual(REFORMATTINGS);
		// No blanking of the texts sent finds it in these forms: such a token is refused instead.
		expect(typingCouldWrite(digits)).toBe(true);
	});

	test.each([
		[digits, true],
		['1.234567890123456e15', true],
		['342935525034:17:36', true],
		['2026-11-23T07:58:12-05:00', true],
		['+012026-01-01t00:00:00z', true],
		['07:30', true],
		['Tok+en/Secret=42abcXYZ', false],
		['4242424242424242x', false],
		['abc123def456', false],
	])('%s: typing could write it: %s', (token, could) => {
		expect(typingCouldWrite(token)).toBe(could);
	});

	test('property: whatever is sent, every value typing writes (not a text kept as sent) is written with those characters only', () => {
		const random = mulberry32(6);
		// Forms of numbers, durations, dates and times, each # a run of random digits.
		const templates = [
			'#',
			'-#',
			'#.#',
			'#e#',
			'#.#E-#',
			'#%',
			' # ',
			'#:#',
			'#:#:#',
			'#########',
			'#-#-# #:#:#',
			'#-#-#T#:#:#Z',
			'#-#-#T#:#:#+#:#',
			'#/#/# #:#:#',
			'1e400',
			'-0',
		];
		const digits = () => String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 4))));
		const kinds = [...SCALAR_KINDS, 'timeOfDay', 'dateTime', 'boolean'];
		/** @type {unknown[]} */
		const written = [];
		for (let round = 0; round < 20_000; round++) {
			const template = templates[Math.floor(random() * templates.length)];
			const text = template.replace(/#+/g, digits);
			const kind = kinds[round % kinds.length];
			const wire = round % 3 === 0 && !Number.isNaN(Number(text)) ? Number(text) : text;
			const zone = ['America/Bogota', 'UTC', 'Asia/Kathmandu'][round % 3];
			const { v } = typeOne(kind, wire, zone);
			if (typeof v === 'number' || (typeof v === 'string' && v !== wire)) written.push(v);
		}
		expect(written.length).toBeGreaterThan(3_000);
		expect(written.filter((value) => !typingCouldWrite(String(value)))).toEqual([]);
	});
});

describe('_unparsed keeps a number as it was written', () => {
	const fields = {
		calls: 'count',
		hours: { rows: { hour: 'hour', calls: 'count' } },
	};
	/** Rows of `body` typed as the node types an answer's rows. @param {string} body */
	const typedAnswer = (body, splitField = undefined) =>
		answerRows(200, body, 'wv0042', 'secret', rowTyper(fields, { zone: ZONE, splitField }));

	test('in the rows, in nested rows sent as a list and as JSON text, in the one record `data` holds', () => {
		const nested = '[{"hour":25,"calls":1.50},{"hour":7,"calls":-0}]';
		const body = `{"code":200,"data":[
			{"calls": 9007199254740993, "hours": ${nested}},
			{"calls": 1e400, "calls": -12, "hours": ${JSON.stringify(nested)}},
			1E400
		]}`;
		expect(typedAnswer(body)).toEqual([
			{
				calls: null,
				hours: [
					{ hour: null, calls: null, _unparsed: { hour: '25', calls: '1.50' } },
					{ hour: 7, calls: -0 },
				],
				_unparsed: { calls: '9007199254740993' },
			},
			{
				calls: null,
				hours: [
					{ hour: null, calls: null, _unparsed: { hour: '25', calls: '1.50' } },
					{ hour: 7, calls: -0 },
				],
				_unparsed: { calls: '-12' },
			},
			{ _unparsed: { row: '1E400' } },
		]);
		expect(typedAnswer('{"code":200,"data":{"calls":1e400,"name":"x"}}')).toEqual([
			{ calls: null, name: 'x', _unparsed: { calls: '1e400' } },
		]);
	});

	test('split into items, the inner rows keep theirs', () => {
		const body = '{"code":200,"data":[{"calls":"1","hours":[{"hour":"07","calls":2.50}]}]}';
		expect(typedAnswer(body, 'hours')).toEqual([
			{ calls: null, hour: 7, _unparsed: { calls: '2.50' } },
		]);
	});
});

describe('decimal commas, as Spanish-locale servers print them', () => {
	test.each([
		['number', '1,5', 1.5],
		['number', '0,25', 0.25],
		['number', '12,3456', 12.3456],
		['percentage', '100,00%', 100],
		['percentage', '12,5 %', 12.5],
		['seconds', '185,5', 185.5],
		['count', '3,0', 3],
	])('%s %j is %d', (kind, text, expected) => expect(typeOne(kind, text)).toEqual({ v: expected }));

	test.each(['1,500', '12,345', '1,2,3', '1.234,5', ',5'])(
		'%j could be read two ways (or none): null, kept under _unparsed',
		(text) => expect(typeOne('number', text)).toEqual({ v: null, _unparsed: { v: text } }),
	);
});

describe('families of columns are typed by their kind whatever their number', () => {
	const survey = endpointOf('ivr', 'getSmartSurveyPerAgent');

	test("smart survey averages: q01 … q10 are numbers, the family's placeholder is no column", () => {
		expect(Object.keys(survey.fields)).toContain('q{n}');
		const [row] = typedBy(survey.fields, { zone: ZONE })([
			{ agent_id: '1001', surveys: '4', q01: '4,5', q02: '3.25', q10: 'x', quality: '9' },
		]);
		expect(row).toEqual({
			agent_id: 1001,
			surveys: 4,
			q01: 4.5,
			q02: 3.25,
			q10: null,
			quality: '9',
			_unparsed: { q10: 'x' },
		});
	});

	test('the service level at any threshold (service_level_45seg) is a percentage', () => {
		const skillsNow = endpointOf('realTime', 'getSkillsNow');
		const [row] = typedBy(skillsNow.fields, { zone: ZONE })([
			{ skill_id: '12', service_level_45seg: '81,50%', service_level_20seg: '70.00%' },
		]);
		expect(row).toMatchObject({ skill_id: 12, service_level_45seg: 81.5, service_level_20seg: 70 });
	});

	test("latency's PBX rows carry their jitter as numbers", () => {
		const latency = Object.values(
			/** @type {any} */ (endpointOf('realTime', 'getLatencyNow')).fields,
		);
		const pbx = /** @type {any} */ (latency.find((kind) => kind.rows?.user));
		expect(pbx.rows).toMatchObject({ tx_jitter: 'number', rx_jitter: 'number' });
	});
});
