import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { RANGE_PRESETS, type RangePreset } from './wolkvox/time/dateParameters';

export const timezoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timezone',
	type: 'string',
	default: '',
	placeholder: 'e.g. America/Bogota',
	description:
		"IANA time zone of the operation, used to read the dates and to send them to Wolkvox. Leave empty to use the workflow's time zone.",
};

export const rawOutputOption: INodeProperties = {
	displayName: 'Raw Output',
	name: 'rawOutput',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the rows exactly as Wolkvox sent them (text values, no hour_start) instead of typed values',
};

/** How the editor names each range preset; a preset without a label does not compile. */
const RANGE_PRESET_LABELS: Record<RangePreset, { name: string; description: string }> = {
	custom: { name: 'Custom', description: 'From "Start Date" up to, not including, "End Date"' },
	last24Hours: {
		name: 'Last 24 Hours',
		description: 'The 24 complete hours before the current hour',
	},
	lastCompleteHour: {
		name: 'Last Complete Hour',
		description:
			'The hour that ended in the last 60 minutes (none while a fall-back hour repeats): an hourly schedule gets every hour once',
	},
	today: { name: 'Today So Far', description: 'From midnight until now' },
	yesterday: { name: 'Yesterday', description: 'The whole previous day' },
	last7Days: { name: 'Last 7 Days', description: 'The 7 whole days before today' },
	thisWeek: { name: 'This Week So Far', description: 'From Monday 00:00 until now' },
	lastWeek: { name: 'Last Week', description: 'The previous week, Monday to Monday' },
	thisMonth: { name: 'This Month So Far', description: 'From the 1st at 00:00 until now' },
	lastMonth: { name: 'Last Month', description: 'The whole previous calendar month' },
};

/** The "Range" choices of every dated report, in the editor's alphabetical order. */
export const rangePresetOptions: INodePropertyOptions[] = RANGE_PRESETS.map((value) => ({
	...RANGE_PRESET_LABELS[value],
	value,
})).sort((a, b) => a.name.localeCompare(b.name));
