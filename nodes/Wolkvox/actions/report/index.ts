import type { INodeProperties } from 'n8n-workflow';
import { getWorkforcePerHourDescription } from './getWorkforcePerHour/description';

export { getWorkforcePerHour } from './getWorkforcePerHour/execute';

export const reportDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get Workforce per Hour',
				value: 'getWorkforcePerHour',
				action: 'Get workforce per hour',
				description:
					'Get inbound calls, unique customers, average handle time and agents needed per skill and hour',
			},
		],
		default: 'getWorkforcePerHour',
	},
	...getWorkforcePerHourDescription,
];
