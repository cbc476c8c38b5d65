// @ts-check
'use strict';

/**
 * Answers for every endpoint of the catalogue spec (read from the build, so the simulator and the
 * node share one spec): deterministic rows built from the field kinds, with empty and odd values,
 * and what the node must output for them (typed, or raw). Range limits and required parameters are
 * checked as Wolkvox documents them.
 */

const { DateTime } = require('luxon');
const {
	ENDPOINTS,
	PARAMETERS,
	isNestedRows,
	splittableField,
} = require('../../dist/nodes/shared/wolkvox/spec');
const { realTimeOf, HOUR_MS } = require('./realTime');

/** Marks a sample that does not fit its kind: typed, the field is null and the text is kept under _unparsed. */
const UNFIT = Symbol('unfit');

/** @typedef {{ wire: unknown, typed: unknown | typeof UNFIT | ((zone: string) => unknown) }} Sample */

/** @param {string} wall @returns {(zone: string) => string} */
const wallClock = (wall) => (zone) =>
	/** @type {string} */ (DateTime.fromISO(wall, { zone }).toISO({ suppressMilliseconds: true }));

/** @param {Array<[unknown, unknown]>} pairs @returns {Sample[]} */
const samples = (pairs) => pairs.map(([wire, typed]) => ({ wire, typed }));

/**
 * Values per kind: the first two are the usual forms (a benchmark uses only those), then the other
 * documented forms and empties; `odd` does not fit the kind.
 * @type {Record<string, { values: Sample[], odd?: Sample }>}
 */
const SAMPLES = {
	id: {
		values: samples([
			['1001', 1001],
			['1002', 1002],
			[1003, 1003],
			['', null],
			['-', null],
		]),
		odd: { wire: '12a', typed: UNFIT },
	},
	count: {
		values: samples([
			['12', 12],
			['0', 0],
			[7, 7],
			['', null],
			['3.0', 3],
		]),
		odd: { wire: '-5', typed: UNFIT },
	},
	number: {
		values: samples([
			['12.5', 12.5],
			['0', 0],
			[3.25, 3.25],
			['', null],
			['2.75', 2.75],
		]),
		// A decimal comma reads as a point ("1,5"), but with three digits after it either reading fits.
		odd: { wire: '1,500', typed: UNFIT },
	},
	seconds: {
		values: samples([
			['00:03:05', 185],
			['185', 185],
			['03:05', 185],
			['185.5', 185.5],
			['', null],
			['4:38:08', 16688],
		]),
		odd: { wire: 'abc', typed: UNFIT },
	},
	percentage: {
		values: samples([
			['12.50%', 12.5],
			['12.5', 12.5],
			['100.00 %', 100],
			['', null],
			[0, 0],
		]),
		odd: { wire: 'n/a', typed: UNFIT },
	},
	dateTime: {
		values: samples([
			['2026-11-23 07:58:12', wallClock('2026-11-23T07:58:12')],
			['2026-11-23 18:02:40', wallClock('2026-11-23T18:02:40')],
			['20261123080000', wallClock('2026-11-23T08:00:00')],
			['2026-11-23', '2026-11-23'],
			['', null],
			['-', null],
		]),
		odd: { wire: 'yesterday', typed: UNFIT },
	},
	date: {
		values: samples([
			['2026-11-23', '2026-11-23'],
			['20261124', '2026-11-24'],
			['', null],
		]),
		odd: { wire: '23/11/2026', typed: UNFIT },
	},
	hour: {
		values: samples([
			['07', 7],
			['13', 13],
			[9, 9],
			['', null],
			['23:00', 23],
		]),
		odd: { wire: '24', typed: UNFIT },
	},
	timeOfDay: {
		values: samples([
			['00:30', '00:30'],
			['07:00', '07:00'],
			['7:10', '07:10'],
			['', null],
		]),
		odd: { wire: '7.5', typed: UNFIT },
	},
	boolean: {
		values: samples([
			['yes', true],
			['no', false],
			['si', true],
			['', null],
			['1', true],
		]),
		odd: { wire: 'maybe', typed: UNFIT },
	},
	text: {
		values: samples([
			['Ana María Pérez', 'Ana María Pérez'],
			['inbound', 'inbound'],
			['0012', '0012'],
			['', null],
		]),
	},
	object: {
		values: samples([
			[
				{ id: '301', name: 'Ventas' },
				{ id: '301', name: 'Ventas' },
			],
			['', null],
		]),
	},
};

/** Rows per answer, unless asked for more. */
const DEFAULT_ROWS = 4;
const INNER_ROWS = 2;

/**
 * One wire row and its typed form (before nested rows are split into items).
 * @param {Record<string, any>} fields @param {number} rowIndex @param {string} zone @param {boolean} plain only usual values
 */
function makeRow(fields, rowIndex, zone, plain) {
	/** @type {Record<string, unknown>} */ const wire = {};
	/** @type {Record<string, unknown>} */ const typed = {};
	/** @type {Record<string, string>} */ const unparsed = {};
	Object.entries(fields).forEach(([field, kind], fieldIndex) => {
		// A family of columns (`q{n}`) is sent as one of its members.
		const name = field.replace('{n}', '01');
		if (isNestedRows(kind)) {
			const inner = Array.from({ length: INNER_ROWS }, (_, index) =>
				makeRow(kind.rows, rowIndex * INNER_ROWS + index, zone, plain),
			);
			const list = inner.map((row) => row.wire);
			// The pages type these fields as String: every other row sends the list as JSON text.
			wire[name] = rowIndex % 2 === 1 && !plain ? JSON.stringify(list) : list;
			typed[name] = inner.map((row) => row.typed);
			return;
		}
		const { values, odd } = SAMPLES[kind];
		const useOdd = !plain && odd && (rowIndex * 7 + fieldIndex) % 11 === 3;
		const sample =
			useOdd && odd ? odd : values[(rowIndex + fieldIndex) % (plain ? 2 : values.length)];
		wire[name] = sample.wire;
		if (sample.typed === UNFIT) {
			typed[name] = null;
			unparsed[name] = typeof sample.wire === 'string' ? sample.wire : JSON.stringify(sample.wire);
		} else typed[name] = typeof sample.typed === 'function' ? sample.typed(zone) : sample.typed;
	});
	if (Object.keys(unparsed).length > 0) typed._unparsed = unparsed;
	return { wire, typed };
}

/**
 * Items the node outputs for typed rows: with one nested-rows field (and splitting on), one item per
 * inner row carrying the outer fields.
 * @param {Record<string, any>[]} typedRows @param {Record<string, any>} fields @param {boolean} split
 */
function itemsOf(typedRows, fields, split) {
	const field = split ? splittableField(fields) : undefined;
	if (!field) return typedRows;
	return typedRows.flatMap((row) => {
		const inner = row[field];
		if (!Array.isArray(inner) || inner.length === 0) return [row];
		const { [field]: _nested, _unparsed: outerUnparsed, ...outer } = row;
		return inner.map(({ _unparsed: innerUnparsed, ...values }) => {
			const unparsed =
				outerUnparsed || innerUnparsed ? { _unparsed: { ...outerUnparsed, ...innerUnparsed } } : {};
			return { ...outer, ...values, ...unparsed };
		});
	});
}

/**
 * @param {{ api: string, file: string }} endpoint @param {{ rows?: number, zone?: string, plain?: boolean }} [options]
 * @returns {{ wire: Record<string, unknown>[], typed: Record<string, unknown>[] }}
 */
function catalogueRows(endpoint, options = {}) {
	const spec = findEndpoint(endpoint.file, endpoint.api);
	if (!spec) throw new Error(`no endpoint ${endpoint.file} ${endpoint.api} in the spec`);
	const rows = Array.from({ length: options.rows ?? DEFAULT_ROWS }, (_, index) =>
		makeRow(spec.fields, index, options.zone ?? 'America/Bogota', options.plain ?? false),
	);
	return { wire: rows.map((row) => row.wire), typed: rows.map((row) => row.typed) };
}

/**
 * What the node outputs for the answer of `endpoint`.
 * @param {{ api: string, file: string }} endpoint
 * @param {{ zone: string, raw?: boolean, split?: boolean, rows?: number, window?: { from: number, to: number }, nowMs?: number }} options
 *   window: the naive wall-clock span asked for, which dates the rows of interval reports
 */
function expectedCatalogueItems(endpoint, options) {
	const { wire, typed } = catalogueRows(endpoint, options);
	if (options.raw) return wire;
	const spec = /** @type {any} */ (findEndpoint(endpoint.file, endpoint.api));
	if (spec.interval && options.window) for (const row of typed) dateRow(row, spec, options);
	return itemsOf(typed, spec.fields, options.split ?? true);
}

const DAY_MS = 24 * HOUR_MS;

/**
 * interval_start / interval_seconds of a typed row of an interval report answering `window`
 * (naive wall-clock ms): from the oracle, day by day of the window.
 * @param {Record<string, unknown>} row @param {any} spec
 * @param {{ zone: string, window?: { from: number, to: number }, nowMs?: number }} options
 */
function dateRow(row, spec, { zone, window, nowMs }) {
	const { minutes, timeField, dateField, startAlias } = spec.interval;
	const time = row[timeField];
	const minute =
		typeof time === 'number'
			? time * 60
			: typeof time === 'string'
				? Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
				: undefined;
	const dateText = dateField ? row[dateField] : undefined;
	const day = typeof dateText === 'string' ? Date.parse(`${dateText.slice(0, 10)}T00:00:00Z`) : NaN;
	/** @type {{ start: string | null, seconds: number | null }} */
	let dating = { start: null, seconds: null };
	if (minute !== undefined && window && (!dateField || Number.isFinite(day))) {
		const days = dateField
			? [day]
			: Array.from(
					{ length: Math.ceil((window.to - window.from) / DAY_MS) + 1 },
					(_, index) => Math.floor(window.from / DAY_MS) * DAY_MS + index * DAY_MS,
				);
		const pieces = days
			.map((midnight) => midnight + minute * 60_000)
			.filter((from) => from + minutes * 60_000 > window.from && from < window.to)
			.map((from) =>
				realTimeOf(
					zone,
					Math.max(from, window.from),
					Math.min(from + minutes * 60_000, window.to),
					{
						nowMs,
					},
				),
			);
		dating = {
			start: pieces.length === 1 ? pieces[0].start : null,
			seconds: pieces.reduce((sum, piece) => sum + piece.seconds, 0),
		};
	}
	if (startAlias) row[startAlias] = dating.start;
	row.interval_start = dating.start;
	row.interval_seconds = dating.seconds;
}

/** @param {string} file @param {string} api */
function findEndpoint(file, api) {
	return ENDPOINTS.find((/** @type {any} */ entry) => entry.file === file && entry.api === api);
}

/**
 * Checks a query as Wolkvox does; returns the problem in the vendor's words, or undefined.
 * @param {any} spec @param {URLSearchParams} params @param {(text: string | null) => Date | undefined} parseDate
 */
function queryProblem(spec, params, parseDate) {
	for (const param of spec.params ?? []) {
		const value = params.get(param.wire);
		if (param.required && (value === null || value.trim() === ''))
			return `${param.wire} is required`;
		const { pattern } = /** @type {any} */ (PARAMETERS)[param.wire];
		if (value !== null && !(param.all && value === 'all') && !pattern.test(value))
			return `${param.wire} is not valid: ${JSON.stringify(value)}`;
	}
	if (!spec.maxRangeDays) return undefined;
	const dateIni = parseDate(params.get('date_ini'));
	const dateEnd = parseDate(params.get('date_end'));
	if (!dateIni || !dateEnd) return 'date_ini and date_end must be existing dates YYYYmmddHHiiss';
	if (dateEnd < dateIni) return 'date_end is before date_ini';
	// Wall-clock stamps read as UTC: the span Wolkvox measures. date_end is inclusive (…235959).
	if (dateEnd.getTime() - dateIni.getTime() > spec.maxRangeDays * 86_400_000)
		return `the range is over ${spec.maxRangeDays === 1 ? '24 hours' : `${spec.maxRangeDays} days`}`;
	return undefined;
}

module.exports = {
	ENDPOINTS,
	catalogueRows,
	expectedCatalogueItems,
	findEndpoint,
	queryProblem,
	UNFIT,
};
