import type { AnswerTexts } from './api/answers';
import type { EndpointSpec } from './spec/spec';
import type { StaffingTarget } from './staffing/erlang';
import { intervalDater } from './time/intervals';
import { staffingCheck } from './staffing/staffing';
import { rowTyper, type TypedRow } from './typing/typing';
import type { WallClockWindow } from './time/wallClock';

/**
 * How the rows of any report become items, the one way for every endpoint: typed by the spec's
 * field kinds, dated where rows are per interval, staffed where asked; or as sent.
 */

export interface ReportReading {
	/** IANA zone whose wall clock the answer is in. */
	zone: string;
	/** Rows exactly as sent. */
	rawOutput: boolean;
	/** A field of nested rows whose inner rows become items. */
	splitField?: string;
	/** The staffing check's target, on reports that offer it. */
	staffing?: StaffingTarget;
	/** The instant the rows are read at: intervals count only time elapsed before it. */
	nowMs: number;
}

/** Rows as sent; anything that is not an object (never documented) is wrapped so it can be an item. */
function rawRows(rows: unknown[]): TypedRow[] {
	return rows.map((row) =>
		typeof row === 'object' && row !== null && !Array.isArray(row)
			? (row as TypedRow)
			: { value: row },
	);
}

/**
 * Reads the rows of one answer (the list is the reader's to change) for its window; `answer` reads
 * the JSON texts inside them.
 */
export type ReportRowReader = (
	rows: unknown[],
	window: WallClockWindow | undefined,
	answer: AnswerTexts,
) => TypedRow[];

/** The reader of the rows of `endpoint`'s answers. */
export function reportRows(endpoint: EndpointSpec, reading: ReportReading): ReportRowReader {
	if (reading.rawOutput) return rawRows;
	const typeRows = rowTyper(endpoint.fields, {
		zone: reading.zone,
		splitField: reading.splitField,
	});
	const { interval } = endpoint;
	const { staffing, nowMs } = reading;
	return (rows, window, answer) => {
		const typed = typeRows(rows, answer);
		if (!interval || !window) return typed;
		const date = intervalDater(interval, window, nowMs);
		for (const row of typed) {
			date(row);
			if (staffing) Object.assign(row, staffingCheck(row, staffing));
		}
		return typed;
	};
}
