// @ts-check
'use strict';

/**
 * Wolkvox dates are the operation's naive wall-clock time (`YYYYmmddHHiiss`, no zone).
 * The simulator holds them as Date objects whose UTC fields ARE that wall clock, so hour
 * arithmetic never meets a daylight-saving gap or repeat.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WOLKVOX_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * The wall-clock instant, or null when that time does not exist (month 13, 30 February, hour 24).
 * @param {number} year @param {number} month 1–12 @param {number} day
 * @param {number} hour @param {number} minute @param {number} second
 * @returns {Date | null}
 */
function wallClock(year, month, day, hour, minute, second) {
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
	date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
	const fields = [
		date.getUTCFullYear(),
		date.getUTCMonth() + 1,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
	];
	const exists = fields.every((value, i) => value === [year, month, day, hour, minute, second][i]);
	return exists ? date : null;
}

/**
 * `formatWolkvoxDate(2026, 11, 23, 7)` → `'20261123070000'`. Throws for a time that does not exist.
 * @param {number} year @param {number} month 1–12 @param {number} day
 * @param {number} [hour] @param {number} [minute] @param {number} [second]
 */
function formatWolkvoxDate(year, month, day, hour = 0, minute = 0, second = 0) {
	const date = wallClock(year, month, day, hour, minute, second);
	if (!date)
		throw new RangeError(
			`not a wall-clock time: ${[year, month, day, hour, minute, second].join(', ')}`,
		);
	return wolkvoxDateOf(date);
}

/**
 * `'20261123070000'` → the wall-clock Date (UTC fields = wall clock), or null when malformed or impossible.
 * @param {unknown} text
 * @returns {Date | null}
 */
function parseWolkvoxDate(text) {
	const match = typeof text === 'string' ? WOLKVOX_DATE.exec(text) : null;
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	return wallClock(year, month, day, hour, minute, second);
}

/** @param {Date} date wall-clock Date → `YYYYmmddHHiiss` */
function wolkvoxDateOf(date) {
	return date.toISOString().slice(0, 19).replace(/\D/g, '');
}

/** @param {Date} date wall-clock Date → `YYYY-MM-DD` */
function isoDay(date) {
	return date.toISOString().slice(0, 10);
}

/** @param {Date} date */
function floorToHour(date) {
	return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
}

/** Days since 1970-01-01 of a wall-clock Date: a compact key for "which day" in the data hash. @param {Date} date */
function dayNumber(date) {
	return Math.floor(date.getTime() / DAY_MS);
}

module.exports = {
	HOUR_MS,
	DAY_MS,
	formatWolkvoxDate,
	parseWolkvoxDate,
	wolkvoxDateOf,
	isoDay,
	floorToHour,
	dayNumber,
};
