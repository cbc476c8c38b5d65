// @ts-check
'use strict';

/**
 * The tests' oracle for wall-clock spans, independent of the node's wall-clock model: which real
 * instants show a wall-clock time in [from, to) of a zone, found by walking real time in steps with
 * luxon (every zone changes offset on a whole minute).
 */

const { DateTime } = require('luxon');

const HOUR_MS = 3_600_000;

/**
 * The first instant (ISO with offset, null if none) showing a wall-clock time in [from, to)
 * (naive ms) and the seconds of those instants before `nowMs`.
 * @param {string} zone @param {number} from @param {number} to
 * @param {{ nowMs?: number, stepMs?: number }} [options]
 */
function realTimeOf(zone, from, to, { nowMs = Infinity, stepMs = 5 * 60_000 } = {}) {
	let first = null;
	let seconds = 0;
	for (let instant = from - 15 * HOUR_MS; instant < to + 13 * HOUR_MS; instant += stepMs) {
		const offsetMs = DateTime.fromMillis(instant, { zone }).offset * 60_000;
		if (instant + offsetMs >= from && instant + offsetMs < to) {
			first ??= instant;
			if (instant < nowMs) seconds += stepMs / 1000;
		}
	}
	return {
		start:
			first === null
				? null
				: DateTime.fromMillis(first, { zone }).toISO({ suppressMilliseconds: true }),
		seconds,
	};
}

module.exports = { realTimeOf, HOUR_MS };
