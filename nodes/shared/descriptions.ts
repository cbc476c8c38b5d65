import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';
import { RANGE_PRESETS, type RangePreset } from './wolkvox/dateParameters';
import { ID_DIGITS } from './wolkvox/reports';

/** The skill parameter shared by the action and the trigger: all skills, one from the list, or an id. */
export const skillSelect: INodeProperties = {
	displayName: 'Skill',
	name: 'skillId',
	type: 'resourceLocator',
	default: { mode: 'list', value: 'all' },
	required: true,
	description: 'Which skills to report on: all skills of the operation, or one',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a skill...',
			typeOptions: { searchListMethod: 'searchSkills', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12, or all',
			hint: '"all" for every skill, or the numeric ID of one skill',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*([Aa][Ll][Ll]|${ID_DIGITS})\\s*$`,
						errorMessage: 'Enter "all" or a numeric skill ID',
					},
				},
			],
		},
	],
};

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
	lastCompleteHour: { name: 'Last Complete Hour', description: 'The hour before the current one' },
	today: { name: 'Today So Far', description: 'From midnight until now' },
	yesterday: { name: 'Yesterday', description: 'The whole previous day' },
};

/** The "Range" choices of every dated report, in the editor's alphabetical order. */
export const rangePresetOptions: INodePropertyOptions[] = RANGE_PRESETS.map((value) => ({
	...RANGE_PRESET_LABELS[value],
	value,
})).sort((a, b) => a.name.localeCompare(b.name));
