import { DateTime, IANAZone } from 'luxon';

/**
 * The operation's wall clock. Wolkvox receives naive `YYYYmmddHHiiss` stamps and answers rows keyed
 * by hour of day, so ranges are planned on the wall clock, not on elapsed time.
 *
 * A wall-clock time is held as a luxon DateTime in UTC whose fields ARE the wall-clock reading: hour
 * arithmetic on it never meets a daylight-saving gap or repeat, and a time the zone skips (00:00 on
 * Santiago's spring-forward day) is still a valid reading. Only `RealTime`, `wallClockAt`,
 * `readingOffset`, `isoInZone` and `isoOffsetInZone` look at the zone's offsets, all through one
 * cache per zone.
 */
export type WallClockTime = DateTime;

/** A span [start, end) of the wall clock of `zone`: one request, or a range to plan. */
export interface WallClockWindow {
	start: WallClockTime;
	end: WallClockTime;
	zone: string;
}

export const HOUR_MS = 3_600_000;

/** Offsets lie between -12 h and +14 h, so the instants showing a wall-clock time lie this close to it. */
const OFFSET_REACH_BEFORE_MS = 15 * HOUR_MS;
const OFFSET_REACH_AFTER_MS = 13 * HOUR_MS;

/**
 * A zone's offsets, read from Intl once per whole UTC hour and cached (every plan asks for the same
 * few hours again). Zones change offset weeks apart, never twice within an hour, so equal offsets
 * at both ends of an hour hold inside it; otherwise the change is placed to the second, once.
 */
class ZoneOffsets {
	private readonly atHour = new Map<number, number>();
	private readonly changeInHour = new Map<number, number>();

	constructor(private readonly zone: IANAZone) {}

	/** Offset in milliseconds at the start of UTC hour `hourIndex`. */
	atHourStart(hourIndex: number): number {
		let offset = this.atHour.get(hourIndex);
		if (offset === undefined) {
			if (this.atHour.size >= MAX_CACHED_HOURS) this.atHour.clear();
			offset = this.zone.offset(hourIndex * HOUR_MS) * 60_000;
			this.atHour.set(hourIndex, offset);
		}
		return offset;
	}

	/** The instant the offset changes inside hour `hourIndex`, or undefined if it does not. */
	changeWithin(hourIndex: number): number | undefined {
		const before = this.atHourStart(hourIndex);
		if (before === this.atHourStart(hourIndex + 1)) return undefined;
		let change = this.changeInHour.get(hourIndex);
		if (change === undefined) {
			let low = hourIndex * HOUR_MS;
			let high = low + HOUR_MS;
			while (high - low > 1000) {
				const middle = low + Math.floor((high - low) / 2000) * 1000;
				if (this.zone.offset(middle) * 60_000 === before) low = middle;
				else high = middle;
			}
			change = high;
			if (this.changeInHour.size >= MAX_CACHED_HOURS) this.changeInHour.clear();
			this.changeInHour.set(hourIndex, change);
		}
		return change;
	}

	/** Offset in milliseconds at any instant. */
	at(instantMs: number): number {
		const hourIndex = Math.floor(instantMs / HOUR_MS);
		const change = this.changeWithin(hourIndex);
		return change === undefined || instantMs < change
			? this.atHourStart(hourIndex)
			: this.atHourStart(hourIndex + 1);
	}
}

/** Bounds each zone's cache (about two years of hours). */
const MAX_CACHED_HOURS = 20_000;
const zoneOffsets = new Map<string, ZoneOffsets>();

function offsetsOf(zone: string): ZoneOffsets {
	let offsets = zoneOffsets.get(zone);
	if (!offsets) zoneOffsets.set(zone, (offsets = new ZoneOffsets(IANAZone.create(zone))));
	return offsets;
}

/** The wall-clock reading of an instant in `zone`. */
export function wallClockAt(instant: DateTime | number, zone: string): WallClockTime {
	const millis = typeof instant === 'number' ? instant : instant.toMillis();
	return DateTime.fromMillis(millis + offsetsOf(zone).at(millis), { zone: 'utc' });
}

/**
 * The offset (ms) of the instant showing a wall-clock reading in `zone`: of its first occurrence when
 * the clock repeats it (a fall-back hour: `repeated`); for a reading the zone skips (`exists: false`),
 * the offset before the change.
 */
export function readingOffset(
	zone: string,
	wallMs: number,
): { offset: number; exists: boolean; repeated: boolean } {
	const offsets = offsetsOf(zone);
	const before = offsets.at(wallMs - OFFSET_REACH_BEFORE_MS);
	const after = offsets.at(wallMs + OFFSET_REACH_AFTER_MS);
	const shown = [before, after].filter((offset) => offsets.at(wallMs - offset) === offset);
	// The larger offset is the earlier instant.
	return shown.length > 0
		? { offset: Math.max(...shown), exists: true, repeated: shown.length === 2 && before !== after }
		: { offset: before, exists: false, repeated: false };
}

export function floorToHour(time: WallClockTime): WallClockTime {
	return time.startOf('hour');
}

/** Wall-clock hours between two readings (a calendar day is always 24 of them). */
export function wallClockHours(start: WallClockTime, end: WallClockTime): number {
	return (end.toMillis() - start.toMillis()) / HOUR_MS;
}

/** ISO text of a wall-clock reading, without offset: what the user typed, for messages. */
export function formatWallClock(time: WallClockTime): string {
	return time.toFormat(
		time.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS",
	);
}

/** One stretch of real time with a constant offset. */
interface OffsetPiece {
	from: number;
	to: number;
	offset: number;
}

/**
 * The real time a piece of the wall clock covers: its first instant and the end of its last one
 * (null if it never occurs), and its length.
 */
export interface RealCoverage {
	first: number | null;
	last: number | null;
	seconds: number;
}

/**
 * The zone's offsets around a wall-clock span, to answer "which real instants show a wall-clock
 * time in [a, b)?" for any piece of it: built once per window (a few dozen offset look-ups).
 */
export class RealTime {
	private readonly pieces: OffsetPiece[] = [];

	constructor(
		readonly zone: string,
		wallStart: WallClockTime,
		wallEnd: WallClockTime,
	) {
		const offsets = offsetsOf(zone);
		const firstHour = Math.floor((wallStart.toMillis() - OFFSET_REACH_BEFORE_MS) / HOUR_MS);
		const lastHour = Math.ceil((wallEnd.toMillis() + OFFSET_REACH_AFTER_MS) / HOUR_MS);
		let pieceStart = firstHour * HOUR_MS;
		for (let hourIndex = firstHour; hourIndex < lastHour; hourIndex++) {
			const change = offsets.changeWithin(hourIndex);
			if (change === undefined) continue;
			this.pieces.push({ from: pieceStart, to: change, offset: offsets.atHourStart(hourIndex) });
			pieceStart = change;
		}
		this.pieces.push({
			from: pieceStart,
			to: lastHour * HOUR_MS,
			offset: offsets.atHourStart(lastHour),
		});
	}

	/**
	 * Real instants whose wall-clock reading lies in [a, b) (readings as milliseconds); with
	 * `untilMs`, only those before that instant count toward the length (time not elapsed yet).
	 */
	cover(a: number, b: number, untilMs = Infinity): RealCoverage {
		let first: number | null = null;
		let last: number | null = null;
		let millis = 0;
		for (const piece of this.pieces) {
			const from = Math.max(piece.from, a - piece.offset);
			const to = Math.min(piece.to, b - piece.offset);
			if (to <= from) continue;
			millis += Math.max(0, Math.min(to, untilMs) - from);
			if (first === null || from < first) first = from;
			if (last === null || to > last) last = to;
		}
		return { first, last, seconds: Math.round(millis / 1000) };
	}

	/** The earliest wall-clock reading from `instant` on (a fall-back sets the clock back). */
	lowestWallClockFrom(instant: number): WallClockTime {
		let lowest = Infinity;
		for (const piece of this.pieces) {
			if (piece.to <= instant) continue;
			lowest = Math.min(lowest, Math.max(piece.from, instant) + piece.offset);
		}
		return DateTime.fromMillis(lowest, { zone: 'utc' });
	}
}

/** Per zone, offset in ms -> that offset's ISO text as luxon writes it for the zone ("-05:00"). */
const offsetTexts = new Map<string, Map<number, string>>();
/** Bounds the cache: a zone has a handful of offsets, a process a handful of zones. */
const MAX_OFFSET_TEXTS = 1000;

/** 10000-01-01T00:00:00Z: from there on, ISO years need more than four digits. */
const YEAR_10000_MS = 253_402_300_800_000;

/**
 * ISO text of an instant with the offset of `zone` ("2026-11-01T01:30:00-05:00"), as luxon writes
 * it. Luxon formats the first instant of each offset of a zone; the others are their wall-clock
 * reading followed by that offset's text (rows ask for thousands, and luxon costs tens of
 * microseconds each).
 */
export function isoInZone(zone: string, instant: number): string {
	return textInZone(zone, instant, true);
}

/** The offset part of `isoInZone(zone, instant)` ("-05:00"), without writing the rest. */
export function isoOffsetInZone(zone: string, instant: number): string {
	return textInZone(zone, instant, false);
}

/**
 * `isoInZone`'s text, whole or its offset part only, with luxon asked at most once: for the first
 * instant of each offset of a zone, and where its text is not our reading followed by that offset's
 * text (no whole second, a year beyond four digits, or a reading luxon shows otherwise).
 */
function textInZone(zone: string, instant: number, whole: boolean): string {
	const offset = offsetsOf(zone).at(instant);
	const wall = instant + offset;
	if (instant % 1000 !== 0 || !(wall >= 0 && wall < YEAR_10000_MS))
		return wholeOrOffset(luxonIso(instant, zone), whole);
	let texts = offsetTexts.get(zone);
	const suffix = texts?.get(offset);
	if (suffix !== undefined)
		return whole ? new Date(wall).toISOString().slice(0, 19) + suffix : suffix;
	const text = luxonIso(instant, zone);
	if (text.startsWith(new Date(wall).toISOString().slice(0, 19))) {
		if (!texts || texts.size >= MAX_OFFSET_TEXTS) {
			if (offsetTexts.size >= MAX_OFFSET_TEXTS) offsetTexts.clear();
			offsetTexts.set(zone, (texts = new Map()));
		}
		texts.set(offset, text.slice(19));
	}
	return wholeOrOffset(text, whole);
}

/** An ISO text whose first 19 characters are its reading: whole, or its offset part. */
function wholeOrOffset(text: string, whole: boolean): string {
	return whole ? text : text.slice(19);
}

function luxonIso(instant: number, zone: string): string {
	return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}
