import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { parseDateParameter, parseRangePreset } from './wolkvox/dateParameters';
import type { RangeRequest } from './wolkvox/reportWindows';

/** The "Range" of a dated report for one item: a preset at this instant, or Start and End Date. */
export function readRangeRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	zone: string,
): RangeRequest {
	const preset = parseRangePreset(this.getNodeParameter('range', itemIndex));
	if (preset !== 'custom') return { preset, now: DateTime.now() };
	return {
		preset,
		start: parseDateParameter(this.getNodeParameter('startDate', itemIndex), zone, 'startDate'),
		end: parseDateParameter(this.getNodeParameter('endDate', itemIndex), zone, 'endDate'),
	};
}
