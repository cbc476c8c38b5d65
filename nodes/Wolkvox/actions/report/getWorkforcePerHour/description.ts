import type { INodeProperties } from 'n8n-workflow';
import {
	rangePresetOptions,
	rawOutputOption,
	skillSelect,
	timezoneOption,
} from '../../../../shared/descriptions';
import { WORKFORCE_PER_HOUR_LIMIT } from '../../../../shared/wolkvox/limits';
import { STAFFING_TARGET_FIELDS as TARGET } from '../../../../shared/wolkvox/staffing';

const { maxWindowHours: MAX_WINDOW_HOURS, maxSplitRangeDays: MAX_SPLIT_RANGE_DAYS } =
	WORKFORCE_PER_HOUR_LIMIT;

const showOnlyForWorkforcePerHour = {
	resource: ['report'],
	operation: ['getWorkforcePerHour'],
};

const showOnlyForCustomRange = { ...showOnlyForWorkforcePerHour, range: ['custom'] };

export const getWorkforcePerHourOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: showOnlyForWorkforcePerHour },
	options: [
		rawOutputOption,
		{
			displayName: 'Split Long Range',
			name: 'splitLongRange',
			type: 'boolean',
			default: false,
			description: `Whether to fetch a custom range longer than ${MAX_WINDOW_HOURS} hours (up to ${MAX_SPLIT_RANGE_DAYS} days) as consecutive windows of ${MAX_WINDOW_HOURS} hours. Each window is one request and costs one Wolkvox token.`,
		},
		{
			displayName: 'Staffing Check (Erlang C)',
			name: 'staffingCheck',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Staffing Target',
			description:
				'Your service target. Each row then gets, beside Wolkvox\'s agents_needed, the agents Erlang C requires: erlang_agents_required, erlang_agents_scheduled (with shrinkage), erlang_service_level and erlang_occupancy. Not available with "Raw Output".',
			options: [
				{
					displayName: 'Target',
					name: 'target',
					values: [
						{
							displayName: 'Service Level (%)',
							name: 'serviceLevelPercent',
							type: 'number',
							default: 80,
							typeOptions: {
								minValue: TARGET.serviceLevelPercent.min,
								maxValue: TARGET.serviceLevelPercent.max,
								numberPrecision: 1,
							},
							description: 'Share of calls to answer within "Answered Within (Seconds)"',
						},
						{
							displayName: 'Answered Within (Seconds)',
							name: 'answerWithinSeconds',
							type: 'number',
							default: 20,
							typeOptions: {
								minValue: TARGET.answerWithinSeconds.min,
								maxValue: TARGET.answerWithinSeconds.max,
							},
							description: 'How soon a call must be answered to count toward "Service Level (%)"',
						},
						{
							displayName: 'Maximum Occupancy (%)',
							name: 'maxOccupancyPercent',
							type: 'number',
							default: 85,
							typeOptions: {
								minValue: TARGET.maxOccupancyPercent.min,
								maxValue: TARGET.maxOccupancyPercent.max,
							},
							description: 'Highest share of time agents may spend on calls',
						},
						{
							displayName: 'Shrinkage (%)',
							name: 'shrinkagePercent',
							type: 'number',
							default: 30,
							typeOptions: {
								minValue: TARGET.shrinkagePercent.min,
								maxValue: TARGET.shrinkagePercent.max,
							},
							description:
								'Share of paid time agents are not available (breaks, training, absence)',
						},
					],
				},
			],
		},
		timezoneOption,
	],
};

export const getWorkforcePerHourDescription: INodeProperties[] = [
	{ ...skillSelect, displayOptions: { show: showOnlyForWorkforcePerHour } },
	{
		displayName: 'Range',
		name: 'range',
		type: 'options',
		default: 'lastCompleteHour',
		description:
			'Which hours to fetch, in the time zone set by the "Time Zone" option (by default the workflow\'s)',
		options: rangePresetOptions,
		displayOptions: { show: showOnlyForWorkforcePerHour },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First hour to fetch (included), in the time zone set by the "Time Zone" option',
		displayOptions: { show: showOnlyForCustomRange },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: `End of the range (not included). Wolkvox allows at most ${MAX_WINDOW_HOURS} hours per request; for longer ranges turn on "Split Long Range".`,
		displayOptions: { show: showOnlyForCustomRange },
	},
	getWorkforcePerHourOptions,
];
