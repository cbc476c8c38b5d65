import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { fetchReport } from '../../shared/fetchReport';
import { isTimeOfDayReport, readReportOptions } from '../../shared/reportOptions';
import { itemParameters, readRangeRequest, readReportQuery } from '../../shared/reportParameters';
import { splittableField, type EndpointSpec } from '../../shared/wolkvox/spec';
import { parseTimeZone } from '../../shared/wolkvox/time/dateParameters';
import { planReportWindows } from '../../shared/wolkvox/time/planning';
import { reportRows } from '../../shared/wolkvox/report';
import { optionsCollectionOf } from './description';
import { listOutput } from './listOutput';

/**
 * Any report for one input item, the one operation path: every parameter, the range and the
 * options are checked before a token is spent, then each window is fetched and its rows read as
 * the spec says (typed, dated, staffed, or as sent).
 */
export async function getReport(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: EndpointSpec,
): Promise<IDataObject[]> {
	// The clock is luxon's, so tests (and n8n) can set it in one place.
	const nowMs = DateTime.now().toMillis();
	const read = itemParameters.call(this, itemIndex);
	const options = readReportOptions(
		this.getNodeParameter('options', itemIndex, {}),
		endpoint,
		optionsCollectionOf(endpoint),
	);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const query = readReportQuery(read, endpoint);
	const windows = endpoint.maxRangeDays
		? planReportWindows(
				readRangeRequest(read, zone, nowMs),
				zone,
				{ maxRangeDays: endpoint.maxRangeDays, timeOfDay: isTimeOfDayReport(endpoint) },
				options.splitLongRange,
			)
		: [undefined];
	const nested = splittableField(endpoint.fields);
	const splitField = nested && read('splitNestedRows', true) === true ? nested : undefined;
	const readRows = reportRows(endpoint, { ...options, zone, splitField, nowMs });
	const cutList = listOutput.call(this, itemIndex, endpoint, options.rawOutput);
	return cutList(await fetchReport(this, endpoint, query, windows, readRows));
}
