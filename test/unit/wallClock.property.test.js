// @ts-check
/**
 * Property test of the wall-clock rules of issue 13, over every IANA zone the runtime knows and every
 * offset transition from 2020 to 2030: presets at several "now" instants around each transition,
 * custom and split ranges across it, typed and expression dates, hour coverage of the transition
 * day, and trigger poll sequences across it (with a restart and an overlapping poll every tick).
 *
 * The reference side is independent of the code under test: the wall clock is read with
 * Intl.DateTimeFormat directly (not luxon), transitions are found by the test's own scan, and
 * "complete" is checked by sampling the wall clock after the instant.
 *
 * Zones whose offsets and transitions are identical over the decade (Europe/Paris and
 * Europe/Brussels, say) behave identically, so each distinct rule set is walked once.
 */
const { DateTime } = require('luxon');
const { parseDateParameter } = require('../../dist/nodes/shared/wolkvox/dateParameters');
const { planCustomRange, planPresetRange } = require('../../dist/nodes/shared/wolkvox/planning');
const {
	planPoll,
	readPollCursor,
	writePollCursor,
	PollGuard,
} = require('../../dist/nodes/shared/wolkvox/polling');
const { hourCoverage } = require('../../dist/nodes/shared/wolkvox/rows');
const { rowTyper } = require('../../dist/nodes/shared/wolkvox/typing');
const { AnswerReading } = require('../../dist/nodes/shared/wolkvox/answers');
const { windowQuery } = require('../../dist/nodes/shared/wolkvox/wolkvoxDates');
const { WORKFORCE_PER_HOUR_LIMIT: LIMIT } = require('../../dist/nodes/shared/wolkvox/limits');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);
const SETTLE_MINUTES = 5;
const PRESETS = /** @type {const} */ (['today', 'yesterday', 'last24Hours', 'lastCompleteHour']);
/** "Now" instants around each transition. */
const NOW_OFFSETS = [
	-61 * MINUTE,
	-1000,
	0,
	1000,
	30 * MINUTE,
	61 * MINUTE,
	2 * HOUR,
	DAY + 30 * MINUTE,
];

// ---- reference wall clock (Intl, not luxon) ----

/** @type {Map<string, Intl.DateTimeFormat>} */
const formatters = new Map();
/** Wall-clock reading of an instant, as milliseconds of a naive UTC clock. @param {string} zone @param {number} instant */
function wallOf(zone, instant) {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, format);
	}
	// "11/1/2026, 01:30:00": format() is several times faster than formatToParts().
	const [month, day, year, hour, minute, second] = format
		.format(instant)
		.split(/[/, :]+/)
		.map(Number);
	return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}
const offsetOf = (/** @type {string} */ zone, /** @type {number} */ instant) =>
	wallOf(zone, instant) - instant;

/** @typedef {{ at: number, before: number, after: number }} Transition */
/** @type {Map<string, Transition[]>} */
const transitionsByZone = new Map();

/** Offset changes of a zone in [FROM, TO), by a weekly scan and a binary search to the second. @param {string} zone */
function transitionsOf(zone) {
	const known = transitionsByZone.get(zone);
	if (known) return known;
	/** @type {Transition[]} */
	const found = [];
	let previous = offsetOf(zone, FROM);
	for (let t = FROM; t < TO; t += 7 * DAY) {
		const next = offsetOf(zone, t + 7 * DAY);
		if (next === previous) continue;
		// There may be two changes in a week: bisect each.
		let from = t;
		while (offsetOf(zone, from) !== next) {
			let low = from;
			let high = t + 7 * DAY;
			const start = offsetOf(zone, from);
			while (high - low > 1000) {
				const middle = low + Math.floor((high - low) / 2000) * 1000;
				if (offsetOf(zone, middle) === start) low = middle;
				else high = middle;
			}
			found.push({ at: high, before: start, after: offsetOf(zone, high) });
			from = high;
		}
		previous = next;
	}
	transitionsByZone.set(zone, found);
	return found;
}

/** Lowest wall-clock reading from `instant` on, by sampling the wall clock just after it and at every change. */
function lowestWallFrom(
	/** @type {string} */ zone,
	/** @type {Transition[]} */ transitions,
	/** @type {number} */ instant,
) {
	let lowest = wallOf(zone, instant);
	for (const { at, after } of transitions)
		if (at > instant && at <= instant + 3 * HOUR) lowest = Math.min(lowest, at + after);
	return lowest;
}
const floorHour = (/** @type {number} */ wall) => Math.floor(wall / HOUR) * HOUR;
const floorDay = (/** @type {number} */ wall) => Math.floor(wall / DAY) * DAY;
/** Start of the first wall hour not complete at `instant` (complete: its last occurrence is over). */
const completeUntilRef = (
	/** @type {string} */ zone,
	/** @type {Transition[]} */ tr,
	/** @type {number} */ instant,
) => floorHour(lowestWallFrom(zone, tr, instant));

/** Offset pieces of real time around [from, to) from the reference transitions. */
function piecesAround(
	/** @type {string} */ zone,
	/** @type {Transition[]} */ transitions,
	/** @type {number} */ from,
	/** @type {number} */ to,
) {
	const inside = transitions.filter((t) => t.at > from && t.at < to);
	const pieces = [];
	let start = from;
	for (const t of inside) {
		pieces.push({ from: start, to: t.at, offset: t.before });
		start = t.at;
	}
	pieces.push({ from: start, to, offset: offsetOf(zone, to - 1000) });
	return pieces;
}
/** Real seconds whose wall reading is in [a, b), and the first of them. */
function coverRef(
	/** @type {{from:number,to:number,offset:number}[]} */ pieces,
	/** @type {number} */ a,
	/** @type {number} */ b,
) {
	let first = null;
	let ms = 0;
	for (const piece of pieces) {
		const from = Math.max(piece.from, a - piece.offset);
		const to = Math.min(piece.to, b - piece.offset);
		if (to > from) {
			ms += to - from;
			if (first === null || from < first) first = from;
		}
	}
	return { first, seconds: ms / 1000 };
}

// ---- the code under test, in milliseconds of the naive clock ----
const ms = (/** @type {DateTime} */ wall) => wall.toMillis();
const naive = (/** @type {number} */ wall) => DateTime.fromMillis(wall, { zone: 'utc' });
const stamp = (/** @type {number} */ wall) => naive(wall).toFormat('yyyyMMddHHmmss');

/** Rules 1 and 2: windows consecutive on the wall clock, each at most 24 wall hours, covering exactly [from, to). */
function expectExactCover(
	/** @type {any[]} */ windows,
	/** @type {number} */ from,
	/** @type {number} */ to,
	/** @type {string} */ what,
) {
	const problems = [];
	if (to <= from) {
		if (windows.length) problems.push(`${what}: windows for an empty range`);
		return problems;
	}
	if (
		!windows.length ||
		ms(windows[0].start) !== from ||
		ms(windows[windows.length - 1].end) !== to
	)
		problems.push(
			`${what}: covers ${windows.length && stamp(ms(windows[0].start))}..${windows.length && stamp(ms(windows[windows.length - 1].end))}, expected ${stamp(from)}..${stamp(to)}`,
		);
	windows.forEach((window, index) => {
		const span = ms(window.end) - ms(window.start);
		if (span <= 0 || span > LIMIT.maxWindowHours * HOUR)
			problems.push(`${what}: window ${index} spans ${span / HOUR} h`);
		if (index > 0 && ms(window.start) !== ms(windows[index - 1].end))
			problems.push(`${what}: gap or overlap before window ${index}`);
		const query = windowQuery(window);
		if (
			query.date_ini !== stamp(ms(window.start)) ||
			query.date_end !== stamp(ms(window.end) - 1000)
		)
			problems.push(`${what}: sent ${query.date_ini}-${query.date_end}`);
	});
	return problems;
}

test('every IANA zone x every transition 2020-2030: presets, custom and split ranges, dates, hour coverage, row date-times and trigger polls', () => {
	const startedAt = performance.now();
	const zones = Intl.supportedValuesOf('timeZone');
	/** @type {Map<string, string>} */
	const ruleSets = new Map();
	for (const zone of zones) {
		const transitions = transitionsOf(zone);
		const signature = `${offsetOf(zone, FROM)}|${transitions.map((t) => `${t.at}:${t.after}`).join(',')}`;
		if (!ruleSets.has(signature)) ruleSets.set(signature, zone);
	}
	const counts = {
		zones: zones.length,
		ruleSets: ruleSets.size,
		zonesWithTransitions: 0,
		transitions: 0,
		presetPlans: 0,
		rangePlans: 0,
		hoursCovered: 0,
		polls: 0,
		dateTimes: 0,
	};
	/** @type {string[]} */
	const problems = [];
	const fail = (
		/** @type {string} */ zone,
		/** @type {number} */ at,
		/** @type {string[]} */ found,
	) => {
		for (const problem of found)
			if (problems.length < 20)
				problems.push(`${zone} @ ${new Date(at).toISOString()}: ${problem}`);
	};

	for (const zone of ruleSets.values()) {
		const transitions = transitionsOf(zone);
		if (transitions.length) counts.zonesWithTransitions++;
		for (const transition of transitions) {
			counts.transitions++;
			const T = transition.at;
			const local = [];

			// Presets at several instants around the transition (rules 1, 2, and the "complete" rule).
			for (const delta of NOW_OFFSETS) {
				const now = T + delta;
				const wallNow = wallOf(zone, now);
				const until = completeUntilRef(zone, transitions, now);
				for (const preset of PRESETS) {
					counts.presetPlans++;
					const windows = planPresetRange(preset, now, zone, LIMIT);
					if (preset === 'today')
						local.push(
							...expectExactCover(
								windows,
								floorDay(wallNow),
								Math.floor(wallNow / 1000) * 1000,
								'today',
							),
						);
					if (preset === 'yesterday')
						local.push(
							...expectExactCover(windows, floorDay(wallNow) - DAY, floorDay(wallNow), 'yesterday'),
						);
					if (preset === 'last24Hours')
						local.push(...expectExactCover(windows, until - DAY, until, 'last24Hours'));
					if (preset === 'lastCompleteHour') {
						const pieces = piecesAround(zone, transitions, until - 30 * HOUR, until + 20 * HOUR);
						let hour = until - HOUR;
						while (coverRef(pieces, hour, hour + HOUR).seconds === 0) hour -= HOUR;
						local.push(...expectExactCover(windows, hour, hour + HOUR, 'lastCompleteHour'));
					}
				}
			}

			// The wall-clock day of the transition: one request (rule 2), and each hour's start and real length (rule 4).
			const wallAtT = wallOf(zone, T);
			const day = floorDay(wallOf(zone, T - 1000));
			counts.rangePlans++;
			const [dayWindow, ...more] = planCustomRange(
				naive(day),
				naive(day + DAY),
				zone,
				LIMIT,
				false,
			);
			if (more.length) local.push('the transition day is more than one request');
			local.push(...expectExactCover([dayWindow, ...more], day, day + DAY, 'transition day'));
			const pieces = piecesAround(zone, transitions, day - 30 * HOUR, day + DAY + 30 * HOUR);
			const coverage = hourCoverage(dayWindow);
			let total = 0;
			for (let hour = 0; hour < 24; hour++) {
				counts.hoursCovered++;
				const expected = coverRef(pieces, day + hour * HOUR, day + (hour + 1) * HOUR);
				const expectedStart =
					expected.first === null
						? null
						: DateTime.fromMillis(expected.first, { zone }).toISO({ suppressMilliseconds: true });
				const got = coverage[hour];
				if (!got || got.interval_seconds !== expected.seconds || got.hour_start !== expectedStart)
					local.push(
						`hour ${hour}: got ${JSON.stringify(got)}, expected ${expectedStart} / ${expected.seconds} s`,
					);
				// The first instant shows a time of that hour (for a cut hour: after the gap), and the second before it does not.
				if (expected.first !== null) {
					const shown = wallOf(zone, expected.first);
					const before = wallOf(zone, expected.first - 1000);
					if (
						Math.floor(shown / HOUR) * HOUR !== day + hour * HOUR ||
						Math.floor(before / HOUR) * HOUR === day + hour * HOUR
					)
						local.push(`hour ${hour}: the reference start is not the first instant of the hour`);
				}
				total += got?.interval_seconds ?? 0;
			}
			const realDay = coverRef(pieces, day, day + DAY).seconds;
			if (total !== realDay) local.push(`the day's rows cover ${total} s, the day is ${realDay} s`);

			// Date-times in rows: readings every quarter hour of the day around the change and the
			// seconds next to it, in the usual form and another, show their first occurrence; a reading
			// the zone skips shows the instant after the change (the reading less the earlier offset).
			const readings = [wallOf(zone, T - 1000), wallOf(zone, T), wallOf(zone, T) + 1000];
			for (let wall = day - 2 * HOUR; wall < day + DAY + 2 * HOUR; wall += 15 * MINUTE)
				readings.push(wall, wall + 7 * MINUTE + 13 * 1000);
			const typedRows = rowTyper({ at: 'dateTime' }, { zone })(
				readings.map((wall, index) => ({
					at: naive(wall).toFormat(index % 3 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyyMMddHHmmss'),
				})),
				new AnswerReading('wv0042', ''),
			);
			readings.forEach((wall, index) => {
				counts.dateTimes++;
				const shownAt = pieces.flatMap(({ from, to, offset }) =>
					wall - offset >= from && wall - offset < to ? [wall - offset] : [],
				);
				const instant = shownAt.length ? Math.min(...shownAt) : wall - transition.before;
				const expected = DateTime.fromMillis(instant, { zone }).toISO({
					suppressMilliseconds: true,
				});
				if (typedRows[index].at !== expected)
					local.push(`${stamp(wall)} typed as ${typedRows[index].at}, expected ${expected}`);
			});

			// Split custom range across the transition, from an odd minute (rules 1, 2).
			counts.rangePlans++;
			const splitFrom = day - DAY + 7 * HOUR + 30 * MINUTE;
			local.push(
				...expectExactCover(
					planCustomRange(naive(splitFrom), naive(splitFrom + 3 * DAY), zone, LIMIT, true),
					splitFrom,
					splitFrom + 3 * DAY,
					'split range',
				),
			);

			// Dates (rule 3): the wall time just before the change, typed, is sent as typed (it may be skipped or
			// repeated); the instant of the change from an expression is read on the zone's clock.
			const skippedOrRepeated =
				transition.after > transition.before ? wallOf(zone, T - 1000) + 1000 : wallAtT;
			const typed = naive(skippedOrRepeated).toFormat("yyyy-MM-dd'T'HH:mm:ss");
			if (ms(parseDateParameter(typed, zone, 'startDate')) !== skippedOrRepeated)
				local.push(`typed ${typed} is not kept as typed`);
			if (
				ms(
					parseDateParameter(DateTime.fromMillis(T, { zone: 'Asia/Tokyo' }), zone, 'startDate'),
				) !== wallAtT
			)
				local.push('an instant is not read on the zone clock');

			// Trigger polls across the transition (rule 5), with a restart and an overlapping poll each tick.
			const guard = new PollGuard();
			/** @type {Record<string, string>} */
			let state = {};
			/** @type {number[]} */
			const emitted = [];
			let firstCursor;
			for (let tick = T - 3 * HOUR + 7 * MINUTE; tick <= T + 4 * HOUR; tick += 20 * MINUTE) {
				counts.polls += 2;
				if (tick > T) state = JSON.parse(JSON.stringify(state)); // a restart: static data as saved
				const stale = readPollCursor(state, zone);
				const plan = planPoll(guard.cursor('k', stale), tick, zone, SETTLE_MINUTES, LIMIT);
				firstCursor ??= ms(plan.cursor);
				for (const window of plan.windows)
					for (let hour = ms(window.start); hour < ms(window.end); hour += HOUR) {
						if (hour + HOUR > completeUntilRef(zone, transitions, tick - SETTLE_MINUTES * MINUTE))
							local.push(`poll emitted ${stamp(hour)} before it was over`);
						emitted.push(hour);
					}
				writePollCursor(state, plan.cursor);
				guard.emitted('k', plan.cursor);
				// The overlapping poll started with the static data as it was before this one wrote.
				if (planPoll(guard.cursor('k', stale), tick, zone, SETTLE_MINUTES, LIMIT).windows.length)
					local.push('an overlapping poll emitted again');
			}
			const lastTick =
				T -
				3 * HOUR +
				7 * MINUTE +
				Math.floor((7 * HOUR - 7 * MINUTE) / (20 * MINUTE)) * 20 * MINUTE;
			const finalUntil = completeUntilRef(zone, transitions, lastTick - SETTLE_MINUTES * MINUTE);
			const wanted = [];
			for (let hour = /** @type {number} */ (firstCursor); hour < finalUntil; hour += HOUR)
				wanted.push(hour);
			if (emitted.join() !== wanted.join())
				local.push(
					`polls emitted ${emitted.map(stamp).join(' ')}, expected ${wanted.map(stamp).join(' ')}`,
				);

			fail(zone, T, local);
		}
	}
	const seconds = (performance.now() - startedAt) / 1000;
	console.log(
		`wall-clock property: ${counts.zones} zones (${counts.ruleSets} distinct rule sets, ${counts.zonesWithTransitions} with transitions), ` +
			`${counts.transitions} transitions 2020-2030, ${counts.presetPlans} preset plans, ${counts.rangePlans} custom/split plans, ` +
			`${counts.hoursCovered} hours covered, ${counts.dateTimes} row date-times, ${counts.polls} polls, in ${seconds.toFixed(1)} s`,
	);
	expect(problems).toEqual([]);
	expect(counts.zones).toBeGreaterThan(300);
	expect(counts.transitions).toBeGreaterThan(500);
});
