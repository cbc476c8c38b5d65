import type { WallClockTime, WallClockWindow } from './wallClock';

/** The 14-digit wall-clock form Wolkvox expects (YYYYmmddHHiiss). */
export function toWolkvoxDate(time: WallClockTime): string {
	return time.toFormat('yyyyMMddHHmmss');
}

/**
 * Query dates of a window. Wolkvox's date_end is inclusive, so the last second of the window is
 * sent: [07:00, 08:00) goes out as 070000-075959.
 */
export function windowQuery(window: WallClockWindow): { date_ini: string; date_end: string } {
	return {
		date_ini: toWolkvoxDate(window.start),
		date_end: toWolkvoxDate(window.end.minus({ seconds: 1 })),
	};
}
