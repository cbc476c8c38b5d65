import type { INodeProperties } from 'n8n-workflow';

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
						regex: '^\\s*([Aa][Ll][Ll]|[0-9]{1,12})\\s*$',
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
