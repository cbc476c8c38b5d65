import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from '../../shared/nodeErrors';
import { wolkvoxSecret } from '../../shared/transport';
import { endpointOf } from '../../shared/wolkvox/spec';
import { getReport } from './execute';

/**
 * Runs the chosen operation once per input item. Each output item is paired with its input;
 * with "Continue On Fail" a failed item becomes `{ error }` and the others go on. Rows and errors
 * leave with the token blanked out (rows as they arrive, in transport.ts).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	// Read now, awaited only by an error: n8n reads it from its database while the first item's
	// parameters are checked, and the requests use the same reading.
	const secret = wolkvoxSecret.call(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const endpoint = endpointOf(resource, operation);
			if (!endpoint)
				throw new Error(`The operation "${operation}" of "${resource}" is not supported`);
			const rows = await getReport.call(this, itemIndex, endpoint);
			// One pairing object for all the rows of an item, as n8n's constructExecutionMetaData does.
			const pairedItem = { item: itemIndex };
			for (const json of rows) output.push({ json, pairedItem });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex, await secret);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
