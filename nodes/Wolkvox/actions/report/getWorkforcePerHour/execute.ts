import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { wolkvoxConnection, wolkvoxGet } from '../../../../shared/transport';
import { describeValue, WolkvoxInputError } from '../../../../shared/wolkvox/errors';
import {
	parseSkillSelector,
	REPORTS_MANAGER_PATH,
	workforcePerHourQuery,
} from '../../../../shared/wolkvox/reports';
import { parseWorkforceRows, rawWorkforceRows } from '../../../../shared/wolkvox/rows';
import {
	customRangeWindows,
	parseDateParameter,
	parseTimeZone,
	presetWindows,
	RANGE_PRESETS,
	type WorkforceWindow,
} from '../../../../shared/wolkvox/window';

const optionsSchema = z.object({
	timezone: z.string().optional(),
	splitLongRange: z.boolean().optional(),
	rawOutput: z.boolean().optional(),
});

function readOptions(this: IExecuteFunctions, itemIndex: number) {
	const value = this.getNodeParameter('options', itemIndex, {});
	const parsed = optionsSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = String(issue.path[0] ?? 'options');
	throw new WolkvoxInputError(
		field,
		`Option ${field} ${describeValue((value as IDataObject)?.[field])} is not valid: ${issue.message}`,
		'Time Zone takes a zone name; Split Long Range and Raw Output take true or false.',
	);
}

function windowsOf(
	this: IExecuteFunctions,
	itemIndex: number,
	zone: string,
	splitLongRange: boolean,
): WorkforceWindow[] {
	const range = this.getNodeParameter('range', itemIndex) as string;
	if (!(RANGE_PRESETS as readonly string[]).includes(range)) {
		throw new WolkvoxInputError(
			'range',
			`Range ${describeValue(range)} is not one of ${RANGE_PRESETS.join(', ')}`,
		);
	}
	if (range !== 'custom')
		return presetWindows(
			range as Exclude<(typeof RANGE_PRESETS)[number], 'custom'>,
			DateTime.now().setZone(zone),
		);
	const start = parseDateParameter(
		this.getNodeParameter('startDate', itemIndex),
		zone,
		'startDate',
	);
	const end = parseDateParameter(this.getNodeParameter('endDate', itemIndex), zone, 'endDate');
	return customRangeWindows(start, end, splitLongRange);
}

/**
 * Workforce per hour (api=skill_5) for one input item: every parameter is checked before a token is
 * spent, then each window is fetched (the per-token limiter decides how many run at once) and its
 * rows are typed. Rows come out in window order; one failing window fails the item.
 */
export async function getWorkforcePerHour(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const options = readOptions.call(this, itemIndex);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const skill = parseSkillSelector(this.getNodeParameter('skillId', itemIndex));
	const windows = windowsOf.call(this, itemIndex, zone, options.splitLongRange ?? false);
	const connection = await wolkvoxConnection.call(this);

	const perWindow = await Promise.all(
		windows.map(async (window) => {
			const rows = await wolkvoxGet.call(
				this,
				connection,
				REPORTS_MANAGER_PATH,
				workforcePerHourQuery(skill, window),
			);
			const items = options.rawOutput
				? rawWorkforceRows(rows, connection.host)
				: parseWorkforceRows(rows, window, connection.host);
			return items as unknown as IDataObject[];
		}),
	);
	return perWindow.flat();
}
