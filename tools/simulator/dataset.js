// @ts-check
'use strict';

/**
 * The simulated operation's data: skills, which hours have traffic, the hourly values, and how a
 * "dialect" (the ambiguities listed in wolkvox-api.md) puts them on the wire. Everything is a
 * pure function of (skill id, wall-clock day, hour), so tests can recompute what the API sent.
 */

const { HOUR_MS, DAY_MS, parseWolkvoxDate, isoDay, floorToHour, dayNumber } = require('./dates');

/** @typedef {{ id: number, name: string }} Skill */
/**
 * @typedef {object} Dialect
 * @property {boolean} codeAsString `code` sent as "200" instead of 200
 * @property {boolean} numbers skill_id and the measures sent as JSON numbers instead of strings
 * @property {'07' | '7' | 'number' | '07:00'} hourFormat
 * @property {'seconds' | 'decimal' | 'hms'} ahtFormat "185", "185.5" or "00:03:05"
 * @property {boolean} emptyValues some measures (deterministic) sent as "" meaning unknown
 */
/**
 * @typedef {object} TypedRow the canonical row a node should output (null = the API left it empty)
 * @property {number} skill_id
 * @property {number} hour 0–23
 * @property {string} date YYYY-MM-DD, wall clock of the operation
 * @property {number | null} inbound_calls
 * @property {number | null} inbound_calls_unique_customers
 * @property {number | null} aht seconds
 * @property {number | null} agents_needed
 */
/** @typedef {{ skillId: number, hourStart: Date }} HourRecord one (skill, hour) with traffic */

/** @type {readonly Skill[]} */
const DEFAULT_SKILLS = Object.freeze([
	{ id: 12, name: 'Ventas' },
	{ id: 15, name: 'Soporte' },
	{ id: 27, name: 'Cobranzas' },
]);
const GENERATED_SKILL_BASE_ID = 1000;

/** @type {Readonly<Dialect>} */
const DEFAULT_DIALECT = Object.freeze({
	codeAsString: false,
	numbers: false,
	hourFormat: '07',
	ahtFormat: 'seconds',
	emptyValues: false,
});
/** @type {Readonly<Record<keyof Dialect, readonly unknown[]>>} */
const DIALECT_CHOICES = Object.freeze({
	codeAsString: [false, true],
	numbers: [false, true],
	hourFormat: ['07', '7', 'number', '07:00'],
	ahtFormat: ['seconds', 'decimal', 'hms'],
	emptyValues: [false, true],
});

/** The four values of a row, in wire order. */
const MEASURES = /** @type {const} */ ([
	'inbound_calls',
	'inbound_calls_unique_customers',
	'aht',
	'agents_needed',
]);
/** One salt per independent random draw, so the draws do not correlate. */
const SALT = {
	skillSize: 1,
	quiet: 2,
	calls: 3,
	unique: 4,
	aht: 5,
	empty: 10 /* + measure index */,
};
/** Share of night hours (0–5) without any call, and of values the `emptyValues` dialect blanks. */
const QUIET_NIGHT_SHARE = 0.15;
const EMPTY_VALUE_SHARE = 0.05;
/** Relative inbound traffic per hour of day: night trough, late-morning and afternoon peaks. */
const HOURLY_TRAFFIC = [
	0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.2, 0.45, 0.75, 0.95, 1, 0.95, 0.8, 0.85, 0.95, 0.9, 0.8,
	0.65, 0.5, 0.38, 0.28, 0.2, 0.14, 0.09,
];
const MAX_CALLS = 400;
const MAX_AGENTS = 60;

/**
 * @param {number | readonly Skill[] | undefined} option N → N generated skills (ids 1000…), a list, or the defaults
 * @returns {readonly Skill[]} sorted by id
 */
function makeSkills(option) {
	if (option === undefined) return DEFAULT_SKILLS;
	if (typeof option === 'number') {
		return Array.from({ length: option }, (_, i) => ({
			id: GENERATED_SKILL_BASE_ID + i,
			name: `Skill ${GENERATED_SKILL_BASE_ID + i}`,
		}));
	}
	return [...option].sort((a, b) => a.id - b.id);
}

/**
 * Returns `base` with `changes` applied; throws on an unknown key or value so a typo in a test fails loudly.
 * @param {Readonly<Dialect>} base
 * @param {Partial<Dialect> | undefined} changes
 * @returns {Readonly<Dialect>}
 */
function mergeDialect(base, changes = {}) {
	for (const [key, value] of Object.entries(changes)) {
		const choices = DIALECT_CHOICES[/** @type {keyof Dialect} */ (key)];
		if (!choices)
			throw new Error(
				`unknown dialect option "${key}" (known: ${Object.keys(DIALECT_CHOICES).join(', ')})`,
			);
		if (!choices.includes(value))
			throw new Error(
				`dialect ${key} must be one of ${JSON.stringify(choices)}, got ${JSON.stringify(value)}`,
			);
	}
	return Object.freeze({ ...base, ...changes });
}

/**
 * Deterministic number in [0, 1) from integers (a murmur3-style mix; quality is ample for test data).
 * @param {...number} parts
 */
function hashUnit(...parts) {
	let h = 0x9e3779b9;
	for (const part of parts) {
		h = Math.imul(h ^ part, 0x85ebca6b);
		h ^= h >>> 13;
		h = Math.imul(h, 0xc2b2ae35);
		h ^= h >>> 16;
	}
	return (h >>> 0) / 2 ** 32;
}

/** @param {number} skillId @param {Date} hourStart @param {number} salt */
function hourDraw(skillId, hourStart, salt) {
	return hashUnit(skillId, dayNumber(hourStart), hourStart.getUTCHours(), salt);
}

/**
 * The rule for hours without traffic (no row at all): about 15 % of night hours (0–5) per skill.
 * @param {number} skillId @param {Date} hourStart wall-clock hour start
 */
function isQuietHour(skillId, hourStart) {
	return (
		hourStart.getUTCHours() < 6 && hourDraw(skillId, hourStart, SALT.quiet) < QUIET_NIGHT_SHARE
	);
}

/**
 * Whether the `emptyValues` dialect sends this measure as "".
 * @param {HourRecord} record @param {typeof MEASURES[number]} measure
 */
function isEmptyValue(record, measure) {
	return (
		hourDraw(record.skillId, record.hourStart, SALT.empty + MEASURES.indexOf(measure)) <
		EMPTY_VALUE_SHARE
	);
}

/**
 * The true values of one hour. AHT is kept in tenths of a second: the `decimal` dialect shows the
 * tenth, the others round to whole seconds.
 * @param {HourRecord} record
 */
function hourMeasures({ skillId, hourStart }) {
	const skillSize = 0.5 + 0.5 * hashUnit(skillId, SALT.skillSize);
	const noise = 0.75 + 0.25 * hourDraw(skillId, hourStart, SALT.calls);
	const calls = Math.min(
		MAX_CALLS,
		Math.round(MAX_CALLS * skillSize * HOURLY_TRAFFIC[hourStart.getUTCHours()] * noise),
	);
	const uniqueCustomers =
		calls - Math.round(calls * 0.2 * hourDraw(skillId, hourStart, SALT.unique));
	const ahtTenths = 600 + Math.floor(5400 * hourDraw(skillId, hourStart, SALT.aht)); // 60.0–600.0 s
	// Offered load in erlangs plus a square-root safety margin: a plausible staffing figure.
	const erlangs = (calls * ahtTenths) / 10 / 3600;
	const agentsNeeded = Math.min(
		MAX_AGENTS,
		Math.max(1, Math.ceil(erlangs + 1.5 * Math.sqrt(erlangs))),
	);
	return {
		inbound_calls: calls,
		inbound_calls_unique_customers: uniqueCustomers,
		ahtTenths,
		agents_needed: agentsNeeded,
	};
}

/**
 * Hour starts one API call covers: from date_ini floored to the hour through date_end inclusive,
 * but never the same hour of day twice (the response carries only the hour, not the date), so a
 * window of exactly 24 h from 00:00:00 stops at 23:00.
 * @param {Date} dateIni @param {Date} dateEnd
 * @returns {Date[]}
 */
function windowHourStarts(dateIni, dateEnd) {
	const first = floorToHour(dateIni).getTime();
	const last = Math.min(dateEnd.getTime(), first + DAY_MS - HOUR_MS);
	const starts = [];
	for (let t = first; t <= last; t += HOUR_MS) starts.push(new Date(t));
	return starts;
}

/**
 * The (skill, hour) pairs with traffic in one API window, ordered by hour then skill id.
 * @param {{ skills: readonly Skill[], skillId: 'all' | number | string, dateIni: Date, dateEnd: Date, quietHours?: boolean }} query
 * @returns {HourRecord[]}
 */
function windowRecords({ skills, skillId, dateIni, dateEnd, quietHours = true }) {
	const selected =
		skillId === 'all' ? skills : skills.filter((skill) => skill.id === Number(skillId));
	const records = [];
	for (const hourStart of windowHourStarts(dateIni, dateEnd)) {
		for (const { id } of selected) {
			if (!(quietHours && isQuietHour(id, hourStart))) records.push({ skillId: id, hourStart });
		}
	}
	return records;
}

/** @param {number} ahtTenths @param {Dialect} dialect AHT in seconds as this dialect shows it */
function ahtSeconds(ahtTenths, dialect) {
	return dialect.ahtFormat === 'decimal' ? ahtTenths / 10 : Math.round(ahtTenths / 10);
}

/**
 * The canonical typed row for a record, as a node should output it under `dialect`.
 * @param {HourRecord} record @param {Dialect} dialect
 * @returns {TypedRow}
 */
function typedRow(record, dialect) {
	const { ahtTenths, ...counts } = hourMeasures(record);
	/** @type {Record<typeof MEASURES[number], number>} */
	const values = { ...counts, aht: ahtSeconds(ahtTenths, dialect) };
	/** @type {Record<string, number | null>} */
	const measures = {};
	for (const measure of MEASURES)
		measures[measure] =
			dialect.emptyValues && isEmptyValue(record, measure) ? null : values[measure];
	return /** @type {TypedRow} */ ({
		skill_id: record.skillId,
		hour: record.hourStart.getUTCHours(),
		date: isoDay(record.hourStart),
		...measures,
	});
}

/** @param {number} n */
const twoDigits = (n) => String(n).padStart(2, '0');

/** @param {number} hour @param {Dialect} dialect */
function wireHour(hour, dialect) {
	switch (dialect.hourFormat) {
		case '07':
			return twoDigits(hour);
		case '7':
			return String(hour);
		case 'number':
			return hour;
		case '07:00':
			return `${twoDigits(hour)}:00`;
	}
}

/** @param {number} seconds @param {Dialect} dialect */
function wireAht(seconds, dialect) {
	if (dialect.ahtFormat === 'hms')
		return [seconds / 3600, (seconds % 3600) / 60, seconds % 60]
			.map((n) => twoDigits(Math.floor(n)))
			.join(':');
	if (dialect.numbers) return seconds;
	return dialect.ahtFormat === 'decimal' ? seconds.toFixed(1) : String(seconds);
}

/**
 * A typed row as this dialect sends it.
 * @param {TypedRow} row @param {Dialect} dialect
 * @returns {Record<string, string | number>}
 */
function wireRow(row, dialect) {
	/** @param {number} n */
	const wireNumber = (n) => (dialect.numbers ? n : String(n));
	/** @type {Record<string, string | number>} */
	const wire = { skill_id: wireNumber(row.skill_id), hour: wireHour(row.hour, dialect) };
	for (const measure of MEASURES) {
		const value = row[measure];
		wire[measure] =
			value === null ? '' : measure === 'aht' ? wireAht(value, dialect) : wireNumber(value);
	}
	return wire;
}

/** @param {Date | string} value a wall-clock Date or `YYYYmmddHHiiss` */
function toWallClock(value) {
	const date = value instanceof Date ? value : parseWolkvoxDate(value);
	if (!date) throw new RangeError(`not a Wolkvox date (YYYYmmddHHiiss): ${JSON.stringify(value)}`);
	return date;
}

/**
 * The rows the simulator answers for a query, typed. A range over 24 h (which the API refuses)
 * gives the rows of consecutive 24-hour windows starting at dateIni, as a splitting client sees them.
 * @param {object} query
 * @param {'all' | number | string} query.skillId
 * @param {Date | string} query.dateIni wall-clock Date or `YYYYmmddHHiiss`
 * @param {Date | string} query.dateEnd
 * @param {number | readonly Skill[]} [query.skills] same as the simulator option
 * @param {boolean} [query.quietHours] same as the simulator option (default true)
 * @param {Partial<Dialect>} [query.dialect]
 * @returns {TypedRow[]}
 */
function expectedRows({ skillId, dateIni, dateEnd, skills, quietHours = true, dialect }) {
	const fullDialect = mergeDialect(DEFAULT_DIALECT, dialect);
	const end = toWallClock(dateEnd);
	const rows = [];
	for (let from = toWallClock(dateIni); ; from = new Date(from.getTime() + DAY_MS)) {
		const to = new Date(Math.min(end.getTime(), from.getTime() + DAY_MS));
		const records = windowRecords({
			skills: makeSkills(skills),
			skillId,
			dateIni: from,
			dateEnd: to,
			quietHours,
		});
		rows.push(...records.map((record) => typedRow(record, fullDialect)));
		if (to >= end) return rows;
	}
}

module.exports = {
	DEFAULT_SKILLS,
	DEFAULT_DIALECT,
	DIALECT_CHOICES,
	MEASURES,
	makeSkills,
	mergeDialect,
	isQuietHour,
	windowRecords,
	typedRow,
	wireRow,
	expectedRows,
};
